"""The labels' language on the pages: `t(key)` shows a label of the catalogues
(`ortho_app/locale`, read by `core/i18n.py`) in the chosen language.

A person's choice is kept in the browser (a preference, never a credential); without one,
their institution's language applies (French for a French practice).
"""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from ortho_app.core.authz import PUBLIC, Access
from ortho_app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, labels

TABLE: dict[str, tuple[str, str]] = labels()  # key: (english, french)


class LangState(rx.State):
    """The screens' language: the person's choice (kept in the browser), else the default of
    their institution (set when a workspace page loads; French before sign-in)."""

    _access: ClassVar[Access] = PUBLIC
    lang: str = rx.LocalStorage("", name="ortho_lang", sync=True)
    default_lang: str = DEFAULT_LANGUAGE

    @rx.event
    def choose_language(self, lang: str):
        if lang in LANGUAGES:
            self.lang = lang
            return set_html_lang(lang)
        return None

    @rx.var
    def shown_lang(self) -> str:
        return self.lang if self.lang in LANGUAGES else self.default_lang


def set_html_lang(lang: str):
    """`<html lang>` follows the screens' language (screen readers, spelling, hyphenation)."""
    shown = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return rx.call_script(f"document.documentElement.lang = {shown!r}")


def is_french() -> rx.Var:
    return LangState.shown_lang == "fr"


def t(key: str) -> rx.Var:
    """The label for `key` in the screens' language."""
    english, french = TABLE[key]
    return rx.cond(is_french(), french, english)


def language_switch() -> rx.Component:
    return rx.button(
        rx.cond(is_french(), "English", "Français"),
        on_click=LangState.choose_language(rx.cond(is_french(), "en", "fr")),
        variant="ghost", size="1",
    )
