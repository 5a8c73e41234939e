"""The product's labels, from the gettext catalogues in `ortho_app/locale/<lang>/LC_MESSAGES/`
(`messages.po`, edited with any PO editor; `make i18n` checks and compiles them to `.mo`).

A label's msgid is its key (`lab_move_refused`); each language's catalogue gives its text.
Both catalogues must name the same keys, each with a text: a missing one stops the import.
Framework-free, so e-mails, SMS and PDFs can use the same labels as the pages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = ("en", "fr")  # the order of the texts in `labels()`
DEFAULT_LANGUAGE = "fr"  # before sign-in, and for an institution without one
DOMAIN = "messages"


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str) -> dict[str, str]:
    """key → text of one language's catalogue (fuzzy entries count as missing)."""
    with catalogue_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {message.id: ("" if message.fuzzy else message.string)
            for message in catalog if message.id}


def missing_texts(catalogues: dict[str, dict[str, str]]) -> list[str]:
    """`lang:key` for every key one catalogue lacks or leaves without a text."""
    keys = set().union(*(c.keys() for c in catalogues.values()))
    return sorted(f"{lang}:{key}" for lang, catalogue in catalogues.items()
                  for key in keys if not catalogue.get(key))


@lru_cache
def labels() -> dict[str, tuple[str, str]]:
    """key → (English, French), from the catalogues; RuntimeError names what is missing."""
    catalogues = {lang: read_catalogue(lang) for lang in LANGUAGES}
    missing = missing_texts(catalogues)
    if missing:
        raise RuntimeError(f"translation catalogues lack: {', '.join(missing[:20])}")
    english, french = catalogues["en"], catalogues["fr"]
    return {key: (english[key], french[key]) for key in english}
