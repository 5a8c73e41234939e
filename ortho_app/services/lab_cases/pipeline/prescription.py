"""Prescription completeness for a new (or resubmitted) case.

The spec's "Missing CBCT/Models" status: "Additional files must be uploaded through the Patient
portal, send through iTero/MeditLink, or mailed. The case is effectively on hold ... a due date
won't be updated again until this information is provided." So missing *files* do not refuse a
case: it is accepted into "Missing CBCT/Models" (red, no due date) and waits for them.

Spec silent, chosen: the *written* prescription — case type, teeth numbers and RX description —
is refused when incomplete, because the RX script is generated from it at creation ("Information
placed in the description box will be printed on the automatically generated RX script along
with the teeth numbers, and patient name") and it cannot arrive by another channel. Models (STL
scans, iTero/MeditLink or plaster) are needed for every case type; a CBCT only for the case types
planned on bone and roots (`CBCT_REQUIRED`): TAD guides, bone-anchored expanders, surgical
splints. Files the doctor promises to send by iTero/MeditLink or mail count as missing until the
lab has them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from .statuses import CaseStatus


class CaseType(StrEnum):
    """Case types the lab makes (value = label); turnaround is set per case type."""

    ALIGNERS = "Aligners"
    RETAINERS = "Retainers"
    INDIRECT_BONDING = "Indirect bonding"
    EXPANDER = "Expander"
    BONE_ANCHORED_EXPANDER = "Bone-anchored expander"
    TAD_GUIDE = "TAD guide"
    SURGICAL_SPLINT = "Surgical splint"


CBCT_REQUIRED: frozenset[CaseType] = frozenset({
    CaseType.BONE_ANCHORED_EXPANDER, CaseType.TAD_GUIDE, CaseType.SURGICAL_SPLINT})

ITEM_CASE_TYPE = "case type"
ITEM_TEETH = "teeth numbers"
ITEM_RX_DESCRIPTION = "RX description"
ITEM_MODELS = "models (STL scans)"
ITEM_CBCT = "CBCT"

# Missing these refuses the case; missing only files puts it in "Missing CBCT/Models".
REFUSING_ITEMS: frozenset[str] = frozenset({ITEM_CASE_TYPE, ITEM_TEETH, ITEM_RX_DESCRIPTION})
FILE_ITEMS: frozenset[str] = frozenset({ITEM_MODELS, ITEM_CBCT})


class PrescriptionIncomplete(ValueError):
    """The written prescription lacks `missing` items; the message is safe to show."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("The prescription is incomplete; please add: " + ", ".join(missing)
                         + ".")
        self.missing = missing


def as_case_type(value: CaseType | str | None) -> CaseType | None:
    """The case type for a member or its label (case-insensitive), None when blank/unknown."""
    if isinstance(value, CaseType):
        return value
    label = (value or "").strip().casefold()
    return next((t for t in CaseType if t.value.casefold() == label), None)


def needs_cbct(case_type: CaseType | str | None) -> bool:
    return as_case_type(case_type) in CBCT_REQUIRED


def _has_teeth(teeth: Iterable[int | str] | None) -> bool:
    return any(str(tooth).strip() for tooth in (teeth or ()))


def missing_items(case_type: CaseType | str | None, has_models: bool, has_cbct: bool,
                  teeth: Iterable[int | str] | None, rx_description: str | None) -> list[str]:
    """What the prescription lacks, in form order (empty list: complete).

    An unknown or blank case type is reported as missing; the CBCT is then not asked for
    (it depends on the case type). Teeth are any non-blank numbers (FDI or Universal, the
    tooth chart checks the numbering).
    """
    missing: list[str] = []
    kind = as_case_type(case_type)
    if kind is None:
        missing.append(ITEM_CASE_TYPE)
    if not _has_teeth(teeth):
        missing.append(ITEM_TEETH)
    if not (rx_description or "").strip():
        missing.append(ITEM_RX_DESCRIPTION)
    if not has_models:
        missing.append(ITEM_MODELS)
    if kind in CBCT_REQUIRED and not has_cbct:
        missing.append(ITEM_CBCT)
    return missing


def intake_status(case_type: CaseType | str | None, has_models: bool, has_cbct: bool,
                  teeth: Iterable[int | str] | None, rx_description: str | None) -> CaseStatus:
    """The status a submitted case enters, or `PrescriptionIncomplete` when it is refused.

    Written prescription incomplete → refused (the error lists only those items); complete but
    models or a required CBCT missing → "Missing CBCT/Models" (red, no due date); otherwise
    "Processing".
    """
    missing = missing_items(case_type, has_models, has_cbct, teeth, rx_description)
    refusing = [item for item in missing if item in REFUSING_ITEMS]
    if refusing:
        raise PrescriptionIncomplete(refusing)
    return CaseStatus.MISSING_CBCT_MODELS if missing else CaseStatus.PROCESSING
