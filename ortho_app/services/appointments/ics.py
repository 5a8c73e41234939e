"""Calendar export of appointments and planning sessions (framework-free).

Used by the patient app ("Mes RDV" → "Ajouter à mon agenda") and by the lab case portal
(a scheduled planning session: "Add to Google Calendar" link and an .ics file).

- `to_ics` writes an iCalendar (RFC 5545) document by hand: CRLF line endings, TEXT escaping
  (backslash, semicolon, comma, newlines), lines folded at 75 octets without splitting a UTF-8
  character, times in UTC (``…Z``) so no VTIMEZONE is needed, and an optional display alarm.
- `google_calendar_link` builds the "render?action=TEMPLATE" link of Google Calendar.
- `ics_filename` gives a safe ASCII file name for the download.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"
DEFAULT_PRODUCT_ID = "-//ortho_app//EN"
GOOGLE_CALENDAR_RENDER_URL = "https://calendar.google.com/calendar/render"

_MAX_LINE_OCTETS = 75  # RFC 5545 §3.1, excluding the CRLF
_UTC_FORMAT = "%Y%m%dT%H%M%SZ"
_MAX_SLUG_LENGTH = 60
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def _is_aware(value: datetime) -> bool:
    return value.tzinfo is not None and value.tzinfo.utcoffset(value) is not None


@dataclass(frozen=True)
class CalendarEvent:
    """One event; `start` and `end` must carry a time zone (any zone: exported in UTC)."""

    uid: str
    title: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise ValueError("An event needs a UID.")
        if not isinstance(self.start, datetime) or not isinstance(self.end, datetime):
            raise TypeError("An event's start and end must be datetimes.")
        if not _is_aware(self.start) or not _is_aware(self.end):
            raise ValueError("An event's start and end must have a time zone.")
        if self.end <= self.start:
            raise ValueError("An event must end after it starts.")
        if any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in self.url):
            raise ValueError("An event's URL must not contain spaces or control characters.")


# --- iCalendar -------------------------------------------------------------------------------


def _escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11); other control characters are dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (continuation lines start with one space)."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = _MAX_LINE_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [ch], octets
            limit = _MAX_LINE_OCTETS - 1  # the leading space counts
        else:
            current.append(ch)
            size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime(_UTC_FORMAT)


def _duration(minutes: int) -> str:
    """An RFC 5545 DURATION for `minutes` before the start (e.g. 1440 → ``-P1D``)."""
    if minutes == 0:
        return "PT0M"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    text = "-P"
    if days:
        text += f"{days}D"
    if hours or mins:
        text += "T"
        if hours:
            text += f"{hours}H"
        if mins:
            text += f"{mins}M"
    return text


def _event_lines(event: CalendarEvent, *, dtstamp: str, reminder_minutes: int | None) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_escape_text(event.uid)}",
        f"DTSTAMP:{dtstamp}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_escape_text(event.title)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{_escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{_escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if reminder_minutes is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape_text(event.title)}",
            f"TRIGGER:{_duration(reminder_minutes)}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def to_ics(
    events: list[CalendarEvent],
    *,
    calendar_name: str,
    product_id: str = DEFAULT_PRODUCT_ID,
    now: datetime,
    reminder_minutes: int | None = None,
) -> str:
    """An iCalendar document (CRLF line endings) publishing `events` in the order given.

    `now` (time-zone aware) is the DTSTAMP of every event; `reminder_minutes` adds a display
    alarm that many minutes before each event (1440: one day before), None for no alarm.
    Empty location, description and URL are left out.
    """
    if not _is_aware(now):
        raise ValueError("`now` must have a time zone.")
    if reminder_minutes is not None and (
        isinstance(reminder_minutes, bool)
        or not isinstance(reminder_minutes, int)
        or reminder_minutes < 0
    ):
        raise ValueError("`reminder_minutes` must be a whole number of minutes, 0 or more.")
    uids = [event.uid for event in events]
    if len(set(uids)) != len(uids):
        raise ValueError("Two events share a UID.")

    dtstamp = _utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_escape_text(product_id)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape_text(calendar_name)}",
    ]
    for event in events:
        lines += _event_lines(event, dtstamp=dtstamp, reminder_minutes=reminder_minutes)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# --- Google Calendar -------------------------------------------------------------------------


def google_calendar_link(event: CalendarEvent) -> str:
    """The "Add to Google Calendar" link of `event` (times in UTC).

    Google has no URL field: the event's URL, when set, is appended to the details.
    """
    details = event.description
    if event.url and event.url not in details:
        details = f"{details}\n\n{event.url}" if details else event.url
    params = [
        ("action", "TEMPLATE"),
        ("text", event.title),
        ("dates", f"{_utc(event.start)}/{_utc(event.end)}"),
    ]
    if details:
        params.append(("details", details))
    if event.location:
        params.append(("location", event.location))
    return f"{GOOGLE_CALENDAR_RENDER_URL}?{urlencode(params, quote_via=quote)}"


# --- File name -------------------------------------------------------------------------------


def ics_filename(title: str, start: datetime) -> str:
    """A safe ASCII file name such as ``2026-03-29_0930_seance-de-planification.ics``.

    The date and time are those of `start` in its own time zone (what the reader sees).
    """
    title = title.translate(_LIGATURES)
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    slug = slug[:_MAX_SLUG_LENGTH].rstrip("-") or "event"
    return f"{start:%Y-%m-%d_%H%M}_{slug}.ics"
