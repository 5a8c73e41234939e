"""The remote-monitoring scan schedule, from the spec's actions (framework-free).

A patient's schedule is the fold of its events, oldest first:
- `Started` / `Stopped` monitoring ("Start/Stop Monitoring": stopped keeps all data, no scans);
- `ScanTaken` (a regular scan, or the one an "immediate scan" request asked for): the next
  regular scan is due one frequency after it (spec: every 7 days, immediate scan on day 4 →
  next due on day 11);
- `Paused` until a date ("PAUSE MONITORING UNTIL", changeable later with `PauseChanged`), or
  without an end; while paused no reminders go out; on the resume date the next scan is due that
  day and the frequency resynchronises from it; `Resumed` ends a pause early;
- `FrequencyChanged`: the next scan is due one new frequency after the last scan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

MIN_FREQUENCY_DAYS = 1
MAX_FREQUENCY_DAYS = 180


class ScheduleError(ValueError):
    """An action that does not apply to the schedule as it is (message safe to show)."""


@dataclass(frozen=True)
class Started:
    day: date
    frequency_days: int


@dataclass(frozen=True)
class Stopped:
    day: date


@dataclass(frozen=True)
class ScanTaken:
    day: date
    immediate: bool = False


@dataclass(frozen=True)
class ImmediateScanRequested:
    day: date


@dataclass(frozen=True)
class Paused:
    day: date
    until: date | None  # None: paused until further notice


@dataclass(frozen=True)
class PauseChanged:
    day: date
    until: date | None


@dataclass(frozen=True)
class Resumed:
    day: date


@dataclass(frozen=True)
class FrequencyChanged:
    day: date
    frequency_days: int


Event = (Started | Stopped | ScanTaken | ImmediateScanRequested | Paused | PauseChanged
         | Resumed | FrequencyChanged)


@dataclass(frozen=True)
class Schedule:
    monitoring: bool = False
    frequency_days: int = 7
    due: date | None = None  # next scan due (None: stopped, or paused without an end)
    last_scan: date | None = None
    paused_from: date | None = None
    paused_until: date | None = None
    immediate_requested: bool = False

    @property
    def has_pause(self) -> bool:
        return self.paused_from is not None

    def is_paused(self, today: date) -> bool:
        return self.has_pause and (self.paused_until is None or today < self.paused_until)

    def state(self, today: date) -> str:
        """monitoring state shown in lists: active, paused, stopped."""
        if not self.monitoring:
            return "stopped"
        return "paused" if self.is_paused(today) else "active"

    def next_due(self, today: date) -> date | None:
        if not self.monitoring or self.is_paused(today):
            return self.due if self.monitoring and self.paused_until else None
        return self.due

    def reminder_due(self, today: date) -> bool:
        """Whether a scan reminder goes out today (never while paused or stopped)."""
        due = self.next_due(today)
        return (self.monitoring and not self.is_paused(today) and due is not None
                and today >= due)

    def can_send_scans(self) -> bool:
        return self.monitoring


def _check_frequency(days: int) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not (
            MIN_FREQUENCY_DAYS <= days <= MAX_FREQUENCY_DAYS):
        raise ScheduleError(f"Scan frequency must be {MIN_FREQUENCY_DAYS}–"
                            f"{MAX_FREQUENCY_DAYS} days")
    return days


def _end_pause_if_over(s: Schedule, day: date) -> Schedule:
    if s.has_pause and s.paused_until is not None and day >= s.paused_until:
        return replace(s, paused_from=None, paused_until=None)
    return s


def apply(s: Schedule, event: Event) -> Schedule:
    """The schedule after one event; raises ScheduleError when the event does not apply."""
    s = _end_pause_if_over(s, event.day)
    match event:
        case Started(day, frequency):
            return Schedule(monitoring=True, frequency_days=_check_frequency(frequency),
                            due=day, last_scan=s.last_scan)
        case Stopped():
            return replace(s, monitoring=False, due=None, paused_from=None, paused_until=None,
                           immediate_requested=False)
    if not s.monitoring:
        raise ScheduleError("Monitoring is stopped for this patient")
    match event:
        case ScanTaken(day, _immediate):
            if s.is_paused(day):
                return replace(s, last_scan=day, immediate_requested=False)
            return replace(s, last_scan=day, due=day + timedelta(days=s.frequency_days),
                           immediate_requested=False)
        case ImmediateScanRequested():
            return replace(s, immediate_requested=True)
        case Paused(day, until) | PauseChanged(day, until):
            if until is not None and until <= day:
                raise ScheduleError("The resume date must be after today")
            if isinstance(event, PauseChanged) and not s.is_paused(day):
                raise ScheduleError("Monitoring is not paused")
            return replace(s, paused_from=s.paused_from or day, paused_until=until, due=until)
        case Resumed(day):
            if not s.is_paused(day):
                raise ScheduleError("Monitoring is not paused")
            return replace(s, paused_from=None, paused_until=None, due=day)
        case FrequencyChanged(day, frequency):
            frequency = _check_frequency(frequency)
            if s.is_paused(day):
                return replace(s, frequency_days=frequency)
            base = s.last_scan or day
            return replace(s, frequency_days=frequency,
                           due=max(base + timedelta(days=frequency), day))
    raise ScheduleError(f"Unknown schedule event {type(event).__name__}")


def fold(events: list[Event], start: Schedule | None = None) -> Schedule:
    schedule = start or Schedule()
    for event in events:
        schedule = apply(schedule, event)
    return schedule
