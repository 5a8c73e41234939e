"""The translation table (French and English) and the language state.

Each area of the product keeps its labels in its own catalogue module beside this one;
TABLE merges them, and a key defined by two catalogues stops the import.
Staff pages default to English, the patient app to French; the choice is kept in the
browser (it is a preference, never a credential).
"""

from __future__ import annotations

from types import ModuleType
from typing import ClassVar

import reflex as rx

from ortho_app.core.authz import PUBLIC, Access
from ortho_app.ui.i18n import (
    clinic,
    common,
    documents,
    lab_cases,
    messaging,
    patient_app,
    payments,
)

CATALOGUES = (common, clinic, lab_cases, patient_app, payments, messaging, documents)


def _merged(catalogues: tuple[ModuleType, ...]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for catalogue in catalogues:
        clash = sorted(table.keys() & catalogue.LABELS.keys())
        if clash:
            raise RuntimeError(f"{catalogue.__name__} defines keys another catalogue already "
                               f"defines: {', '.join(clash)}")
        table.update(catalogue.LABELS)
    return table


TABLE: dict[str, tuple[str, str]] = _merged(CATALOGUES)  # key: (english, french)


class LangState(rx.State):
    """The interface language; '' means the workspace default."""

    _access: ClassVar[Access] = PUBLIC
    lang: str = rx.LocalStorage("", name="ortho_lang", sync=True)

    @rx.event
    def choose_language(self, lang: str):
        if lang in ("fr", "en"):
            self.lang = lang


def t(key: str, *, patient: bool = False) -> rx.Var:
    """The label for `key` in the current language (French first on patient pages)."""
    english, french = TABLE[key]
    is_fr = (LangState.lang != "en") if patient else (LangState.lang == "fr")
    return rx.cond(is_fr, french, english)


def language_switch(*, patient: bool = False) -> rx.Component:
    is_fr = (LangState.lang != "en") if patient else (LangState.lang == "fr")
    return rx.button(
        rx.cond(is_fr, "English", "Français"),
        on_click=LangState.choose_language(rx.cond(is_fr, "en", "fr")),
        variant="ghost", size="1",
    )
