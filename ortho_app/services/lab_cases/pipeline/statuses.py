"""The lab case statuses of the spec, their colours and the doctor's attention order.

Spec ("Listing Cases Under Account"): the board has one column per status, in this order:
Missing CBCT/Models, Processing, Received, Ready to Plan, Planning Scheduled, Planning No Show,
Manufacturing, Finished, Shipped. The spec defines four progress colours but does not pin every
status to one; the mapping below follows the wording of each colour:

- red "requires your immediate action ... effectively on hold, and has no due date": the two
  statuses the spec itself calls "effectively on hold" — Missing CBCT/Models and Planning No Show;
- yellow "may require your attention, or simply hasn't yet been evaluated by our staff":
  Processing, Received (not yet evaluated) and Ready to Plan (the doctor should schedule);
- green "progressing and requires no action on your part": Planning Scheduled;
- white "being manufactured, has already shipped ... doesn't require your attention":
  Manufacturing, Finished (made, waiting for the carrier) and Shipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from enum import StrEnum


class CaseStatus(StrEnum):
    """The board's statuses in board order; the value is the spec's label."""

    MISSING_CBCT_MODELS = "Missing CBCT/Models"
    PROCESSING = "Processing"
    RECEIVED = "Received"
    READY_TO_PLAN = "Ready to Plan"
    PLANNING_SCHEDULED = "Planning Scheduled"
    PLANNING_NO_SHOW = "Planning No Show"
    MANUFACTURING = "Manufacturing"
    FINISHED = "Finished"
    SHIPPED = "Shipped"


class Colour(StrEnum):
    """Progress colours, most urgent first."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    WHITE = "white"


class Actor(StrEnum):
    """Who moves a case: the practice's doctor or the lab's coordinator."""

    DOCTOR = "doctor"
    LAB_COORDINATOR = "lab coordinator"


class HoldReason(StrEnum):
    """Why the lab waits on the doctor; a held case is in "Missing CBCT/Models" (red)."""

    MISSING_ANATOMY = "Missing anatomy"
    WRONG_ARCH = "Wrong arch"
    SCAN_QUALITY = "Scan quality"
    CBCT_MISSING = "CBCT missing"
    OTHER = "Other"


BOARD_ORDER: tuple[CaseStatus, ...] = tuple(CaseStatus)

STATUS_COLOUR: dict[CaseStatus, Colour] = {
    CaseStatus.MISSING_CBCT_MODELS: Colour.RED,
    CaseStatus.PROCESSING: Colour.YELLOW,
    CaseStatus.RECEIVED: Colour.YELLOW,
    CaseStatus.READY_TO_PLAN: Colour.YELLOW,
    CaseStatus.PLANNING_SCHEDULED: Colour.GREEN,
    CaseStatus.PLANNING_NO_SHOW: Colour.RED,
    CaseStatus.MANUFACTURING: Colour.WHITE,
    CaseStatus.FINISHED: Colour.WHITE,
    CaseStatus.SHIPPED: Colour.WHITE,
}

RED_STATUSES: frozenset[CaseStatus] = frozenset(
    s for s, c in STATUS_COLOUR.items() if c is Colour.RED)

# The doctor's default order: by colour (red, yellow, green, white), then, within a colour, the
# status closest to needing the doctor first ("ordered by the level of information/action we'll
# need from you"): Ready to Plan (schedule now) before Received (being checked for missing
# details) before Processing (just uploaded); the shipped case last of the white ones.
ATTENTION_ORDER: tuple[CaseStatus, ...] = (
    CaseStatus.MISSING_CBCT_MODELS,
    CaseStatus.PLANNING_NO_SHOW,
    CaseStatus.READY_TO_PLAN,
    CaseStatus.RECEIVED,
    CaseStatus.PROCESSING,
    CaseStatus.PLANNING_SCHEDULED,
    CaseStatus.MANUFACTURING,
    CaseStatus.FINISHED,
    CaseStatus.SHIPPED,
)
_ATTENTION_RANK = {status: rank for rank, status in enumerate(ATTENTION_ORDER)}
_COLOUR_RANK = {colour: rank for rank, colour in enumerate(Colour)}

# The spec's explanation of each status, for tooltips and the doctor's case page.
STATUS_HELP: dict[CaseStatus, str] = {
    CaseStatus.MISSING_CBCT_MODELS: (
        "Additional files must be uploaded through the Patient portal, sent through "
        "iTero/MeditLink, or mailed. The case is on hold and has no due date until then."),
    CaseStatus.PROCESSING: (
        "Your case has been uploaded, and will move to Received once the files are moved to "
        "our design system."),
    CaseStatus.RECEIVED: (
        "Your files have been downloaded and the case is being prepared. If everything is in "
        "order, the case will move to Ready to Plan within a few days."),
    CaseStatus.READY_TO_PLAN: (
        "A virtual planning date should be scheduled as soon as possible."),
    CaseStatus.PLANNING_SCHEDULED: (
        "A planning date has been selected. Make sure TeamViewer is installed and the date is "
        "in your calendar."),
    CaseStatus.PLANNING_NO_SHOW: (
        "The virtual planning session was missed. The case is on hold until you schedule "
        "another planning session."),
    CaseStatus.MANUFACTURING: (
        "The case is being milled, printed, or finished. It should ship within 2-7 days."),
    CaseStatus.FINISHED: "The case is finished and should ship next day.",
    CaseStatus.SHIPPED: "The case is on its way; tracking is on the case page.",
}


def as_status(value: CaseStatus | str) -> CaseStatus:
    """The status for an enum member or its label; ValueError for an unknown label."""
    return CaseStatus(value)


def colour_of(status: CaseStatus | str) -> Colour:
    return STATUS_COLOUR[as_status(status)]


def is_on_hold(status: CaseStatus | str) -> bool:
    """Red statuses: the case waits on the doctor and has no due date."""
    return as_status(status) in RED_STATUSES


def _as_naive_utc(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(UTC).replace(tzinfo=None)
        return moment
    return datetime.combine(moment, time.min)


def attention_key(status: CaseStatus | str,
                  last_modified: date | datetime) -> tuple[int, int, datetime]:
    """Sort key for the doctor's default order (ascending = needs attention first).

    Colour first (red, yellow, green, white), then the status's place in `ATTENTION_ORDER`,
    then the oldest `last_modified` first: among equally urgent cases the one waiting longest
    comes first. Dates, naive and aware datetimes may be mixed (aware ones compare in UTC,
    a bare date as its midnight). Append a case id to the key to break the remaining ties.
    """
    status = as_status(status)
    return (_COLOUR_RANK[STATUS_COLOUR[status]], _ATTENTION_RANK[status],
            _as_naive_utc(last_modified))


def column_counts(statuses: Iterable[CaseStatus | str]) -> dict[CaseStatus, int]:
    """Cases per board column, every column present (0 when empty), in board order."""
    counts = dict.fromkeys(BOARD_ORDER, 0)
    for status in statuses:
        counts[as_status(status)] += 1
    return counts


def attention_rank(status: CaseStatus | str | None) -> int:
    """The status's place in the doctor's default order as one number (0 = first): colour,
    then `ATTENTION_ORDER` (what `attention_key` sorts by before the date). Stored with each
    case so the database can page the list in this order through an index; an unknown or
    blank status ranks last."""
    try:
        current = as_status(status or "")
    except ValueError:
        return len(ATTENTION_ORDER)
    return sorted(CaseStatus, key=lambda s: attention_key(s, date.min)).index(current)
