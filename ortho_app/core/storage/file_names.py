"""Original file names are kept only as display metadata: the last path part, printable
characters only, no markup or shell/path punctuation, length-capped with the extension kept."""

from __future__ import annotations

import unicodedata

MAX_NAME = 200
MAX_EXTENSION = 16
_DROPPED = set('<>:"|?*/\\')


def safe_name(name: str | None, *, fallback: str = "file") -> str:
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if c.isprintable() and c not in _DROPPED)
    text = " ".join(text.split()).strip(". ")
    if len(text) > MAX_NAME:
        stem, dot, extension = text.rpartition(".")
        if dot and stem and len(extension) <= MAX_EXTENSION:
            text = f"{stem[:MAX_NAME - len(extension) - 1].rstrip('. ')}.{extension}"
        else:
            text = text[:MAX_NAME].rstrip(". ")
    return text or fallback
