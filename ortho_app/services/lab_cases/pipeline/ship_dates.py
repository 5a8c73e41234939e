"""Ship dates in the lab's business days (weekends and the lab's holidays skipped).

Rules (spec + issue), with `entered_on` the day the clock of the current status started:
- red statuses (Missing CBCT/Models, Planning No Show): no ship date ("has no due date until
  action is perform[ed]");
- Processing, Received, Ready to Plan, Planning Scheduled: `entered_on` + the lab's turnaround
  for the case type, in business days. Here `entered_on` is the day the case was last submitted
  or resubmitted ("Submit will reset the Ship Date in the system as if it was a new case") or
  left a red hold, so the date does not move while the case progresses through these statuses;
- Manufacturing ("should ship within 2-7 days"): chosen as business days after the day it
  entered Manufacturing — earliest 2, latest 7; the ship date shown is the latest (the
  commitment), `ship_window` gives both;
- Finished ("should ship next day"): the next business day after it was finished;
- Shipped: the day it shipped (`entered_on`, as recorded, even on a weekend).
`add_business_days(start, 0)` is `start` rolled forward to a business day; for n > 0, `start`
itself never counts (Friday + 1 = Monday).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, timedelta

from .statuses import RED_STATUSES, CaseStatus, as_status

MANUFACTURING_EARLIEST_DAYS = 2
MANUFACTURING_LATEST_DAYS = 7
FINISHED_DAYS = 1

TURNAROUND_STATUSES: frozenset[CaseStatus] = frozenset({
    CaseStatus.PROCESSING, CaseStatus.RECEIVED, CaseStatus.READY_TO_PLAN,
    CaseStatus.PLANNING_SCHEDULED})

_ONE_DAY = timedelta(days=1)


def is_business_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_business_day(day: date, holidays: Collection[date] = ()) -> date:
    """`day` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day, holidays):
        day += _ONE_DAY
    return day


def add_business_days(start: date, n: int, holidays: Collection[date] = ()) -> date:
    """The n-th business day after `start` (n ≥ 0; n = 0: `start` rolled to a business day)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"The number of business days must be a whole number ≥ 0, not {n!r}")
    day = next_business_day(start, holidays) if n == 0 else start
    for _ in range(n):
        day = next_business_day(day + _ONE_DAY, holidays)
    return day


def _turnaround_days(case_type: object, turnaround: Mapping[object, int]) -> int:
    try:
        days = turnaround[case_type]
    except KeyError:
        raise ValueError(f'The lab has no turnaround set for case type "{case_type}"') from None
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError(f'The turnaround for "{case_type}" must be whole business days ≥ 0')
    return days


def ship_window(status: CaseStatus | str, entered_on: date, case_type: object,
                turnaround: Mapping[object, int],
                holidays: Collection[date] = ()) -> tuple[date, date] | None:
    """(earliest, latest) ship date for a case in `status`, or None for a red status.

    Earliest and latest differ only in Manufacturing (2 and 7 business days). `case_type` and
    `turnaround` matter only before manufacturing; a missing turnaround is a ValueError.
    """
    status = as_status(status)
    if status in RED_STATUSES:
        return None
    if status is CaseStatus.SHIPPED:
        return entered_on, entered_on
    if status is CaseStatus.FINISHED:
        day = add_business_days(entered_on, FINISHED_DAYS, holidays)
        return day, day
    if status is CaseStatus.MANUFACTURING:
        return (add_business_days(entered_on, MANUFACTURING_EARLIEST_DAYS, holidays),
                add_business_days(entered_on, MANUFACTURING_LATEST_DAYS, holidays))
    assert status in TURNAROUND_STATUSES
    day = add_business_days(entered_on, _turnaround_days(case_type, turnaround), holidays)
    return day, day


def ship_date(status: CaseStatus | str, entered_on: date, case_type: object,
              turnaround: Mapping[object, int],
              holidays: Collection[date] = ()) -> date | None:
    """The ship date shown for a case (latest of `ship_window`), None for a red status."""
    window = ship_window(status, entered_on, case_type, turnaround, holidays)
    return None if window is None else window[1]
