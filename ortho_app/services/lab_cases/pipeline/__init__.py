"""The lab case pipeline of the spec (framework-free: no Reflex, no database).

Statuses and colours (`statuses`), allowed moves for doctors and lab coordinators (`moves`),
prescription completeness at intake (`prescription`) and ship dates in business days
(`ship_dates`). Every name is re-exported here.
"""

from .moves import (
    HOLD_REASON_NEEDED,
    HOLDABLE,
    RESUBMITTABLE,
    MoveRefused,
    allowed_targets,
    check_move,
    check_resubmit,
    refusal_reason,
)
from .prescription import (
    CBCT_REQUIRED,
    FILE_ITEMS,
    ITEM_CASE_TYPE,
    ITEM_CBCT,
    ITEM_MODELS,
    ITEM_RX_DESCRIPTION,
    ITEM_TEETH,
    REFUSING_ITEMS,
    CaseType,
    PrescriptionIncomplete,
    as_case_type,
    intake_status,
    missing_items,
    needs_cbct,
)
from .ship_dates import (
    FINISHED_DAYS,
    MANUFACTURING_EARLIEST_DAYS,
    MANUFACTURING_LATEST_DAYS,
    TURNAROUND_STATUSES,
    add_business_days,
    is_business_day,
    next_business_day,
    ship_date,
    ship_window,
)
from .statuses import (
    ATTENTION_ORDER,
    BOARD_ORDER,
    RED_STATUSES,
    STATUS_COLOUR,
    STATUS_HELP,
    Actor,
    CaseStatus,
    Colour,
    HoldReason,
    as_status,
    attention_key,
    attention_rank,
    colour_of,
    column_counts,
    is_on_hold,
)

__all__ = [
    "ATTENTION_ORDER", "BOARD_ORDER", "CBCT_REQUIRED", "FILE_ITEMS", "FINISHED_DAYS",
    "HOLDABLE", "HOLD_REASON_NEEDED", "ITEM_CASE_TYPE", "ITEM_CBCT", "ITEM_MODELS",
    "ITEM_RX_DESCRIPTION", "ITEM_TEETH", "MANUFACTURING_EARLIEST_DAYS",
    "MANUFACTURING_LATEST_DAYS", "RED_STATUSES", "REFUSING_ITEMS", "RESUBMITTABLE",
    "STATUS_COLOUR", "STATUS_HELP", "TURNAROUND_STATUSES", "Actor", "CaseStatus", "CaseType",
    "Colour", "HoldReason", "MoveRefused", "PrescriptionIncomplete", "add_business_days",
    "allowed_targets", "as_case_type", "as_status", "attention_key", "attention_rank", "check_move",
    "check_resubmit", "colour_of", "column_counts", "intake_status", "is_business_day",
    "is_on_hold", "missing_items", "needs_cbct", "next_business_day", "refusal_reason",
    "ship_date", "ship_window",
]
