"""Tooth numbering: FDI (two digits, quadrant then tooth, the stored form) and the Universal
system (1–32 from the upper right third molar, clockwise as seen facing the patient).

Permanent dentition only (the lab's appliances are made on permanent-tooth charts).
FDI 11–18 upper right, 21–28 upper left, 31–38 lower left, 41–48 lower right;
Universal 1–8 = FDI 18…11, 9–16 = 21…28, 17–24 = 38…31, 25–32 = 41…48.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Numbering(StrEnum):
    FDI = "FDI"
    UNIVERSAL = "Universal"


FDI_TEETH: tuple[int, ...] = tuple(q * 10 + t for q in (1, 2, 3, 4) for t in range(1, 9))
# Chart rows as seen facing the patient: the patient's right on the viewer's left.
UPPER_ROW: tuple[int, ...] = tuple(range(18, 10, -1)) + tuple(range(21, 29))
LOWER_ROW: tuple[int, ...] = tuple(range(48, 40, -1)) + tuple(range(31, 39))


def fdi_to_universal(fdi: int) -> int:
    quadrant, tooth = divmod(fdi, 10)
    if fdi not in FDI_TEETH:
        raise ValueError(f"{fdi} is not an FDI tooth number (11–18, 21–28, 31–38, 41–48)")
    return {1: 9 - tooth, 2: 8 + tooth, 3: 25 - tooth, 4: 24 + tooth}[quadrant]


def universal_to_fdi(universal: int) -> int:
    if not 1 <= universal <= 32:
        raise ValueError(f"{universal} is not a Universal tooth number (1–32)")
    if universal <= 8:
        return 10 + 9 - universal
    if universal <= 16:
        return 20 + universal - 8
    if universal <= 24:
        return 30 + 25 - universal
    return 40 + universal - 24


def label(fdi: int, numbering: Numbering | str = Numbering.FDI) -> str:
    """The number shown for an FDI tooth in the chosen numbering."""
    return str(fdi if Numbering(numbering) is Numbering.FDI else fdi_to_universal(fdi))


def parse_teeth(text: str | Iterable[int | str]) -> list[int]:
    """FDI numbers from "11, 12,21" or an iterable; sorted, unique; ValueError if one is not."""
    items = text.replace(";", ",").split(",") if isinstance(text, str) else list(text)
    teeth: set[int] = set()
    for item in items:
        raw = str(item).strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) not in FDI_TEETH:
            raise ValueError(f"{raw!r} is not an FDI tooth number")
        teeth.add(int(raw))
    return sorted(teeth)


def format_teeth(teeth: Iterable[int], numbering: Numbering | str = Numbering.FDI) -> str:
    """"11, 12, 21" in the chosen numbering (stored order: FDI ascending)."""
    return ", ".join(label(t, numbering) for t in sorted(teeth))


def stored(teeth: Iterable[int]) -> str:
    return ",".join(str(t) for t in parse_teeth(list(teeth)))
