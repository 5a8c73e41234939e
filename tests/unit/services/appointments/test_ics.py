"""The .ics export: the calendar document, time zones, alarms and validation."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from ortho_app.services.appointments.ics import to_ics
from tests.unit.services.appointments.ics_events import LONG_DESCRIPTION, PARIS, consultation

NOW = datetime(2026, 3, 1, 8, 15, 30, tzinfo=UTC)


def parse(text: str) -> Calendar:
    return Calendar.from_ical(text)


def unescape_text(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def vevents(text: str):
    return parse(text).walk("VEVENT")


# --- the document ------------------------------------------------------------------------------


def test_calendar_header_fields():
    text = to_ics([consultation()], calendar_name="Mes RDV – Cabinet Müller", now=NOW)
    cal = parse(text)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//ortho_app//EN"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Mes RDV – Cabinet Müller"
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")


def test_custom_product_id():
    text = to_ics([consultation()], calendar_name="x", product_id="-//Labo Sourire//FR", now=NOW)
    assert str(parse(text)["PRODID"]) == "-//Labo Sourire//FR"


def test_every_event_field_round_trips_with_accents():
    event = consultation()
    [parsed] = vevents(to_ics([event], calendar_name="Mes RDV", now=NOW))
    assert str(parsed["UID"]) == "rdv-42@ortho-app"
    assert str(parsed["SUMMARY"]) == "Contrôle orthodontique – Dr Élodie Müller"
    assert str(parsed["LOCATION"]) == "Cabinet d'orthodontie, 12 rue de la Paix, 75002 Paris"
    assert str(parsed["DESCRIPTION"]) == LONG_DESCRIPTION
    assert str(parsed["URL"]) == "https://ortho.example.fr/patient/rdv/42"
    assert parsed.decoded("DTSTAMP") == NOW
    assert parsed.decoded("DTSTART") == datetime(2026, 3, 10, 13, 30, tzinfo=UTC)
    assert parsed.decoded("DTEND") == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert parsed.decoded("DTSTART").utcoffset() == timedelta(0)
    assert not parsed.walk("VALARM")


def test_dtstamp_is_now_in_utc_whatever_its_zone():
    now = datetime(2026, 7, 1, 10, 0, 0, tzinfo=PARIS)
    text = to_ics([consultation()], calendar_name="x", now=now)
    assert "\r\nDTSTAMP:20260701T080000Z\r\n" in text
    [parsed] = vevents(text)
    assert parsed.decoded("DTSTAMP") == now


def test_crlf_line_endings_only():
    text = to_ics([consultation()], calendar_name="x", now=NOW, reminder_minutes=1440)
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


def test_long_utf8_lines_are_folded_at_75_octets_without_splitting_characters():
    description = ("é" * 10 + "àçè" * 30 + " — ") * 5 + LONG_DESCRIPTION
    event = consultation(description=description)
    text = to_ics([event], calendar_name="x", now=NOW)
    raw_lines = text.encode("utf-8").split(b"\r\n")
    assert raw_lines[-1] == b""
    for raw in raw_lines[:-1]:
        assert len(raw) <= 75
        raw.decode("utf-8")  # each physical line is valid UTF-8 on its own
    description_start = next(
        i for i, raw in enumerate(raw_lines) if raw.startswith(b"DESCRIPTION:")
    )
    continuation = 0
    while raw_lines[description_start + 1 + continuation].startswith(b" "):
        continuation += 1
    assert continuation >= 5  # the description spans several physical lines
    # the folds use all the room they may (no needless short lines)
    assert len(raw_lines[description_start]) >= 73
    [parsed] = vevents(text)
    assert str(parsed["DESCRIPTION"]) == description


def test_a_line_of_exactly_75_octets_is_not_folded():
    title = "x" * (75 - len("SUMMARY:"))
    text = to_ics([consultation(title=title)], calendar_name="x", now=NOW)
    assert f"\r\nSUMMARY:{title}\r\nLOCATION:" in text
    text = to_ics([consultation(title=title + "é")], calendar_name="x", now=NOW)
    assert f"\r\nSUMMARY:{title}\r\n é\r\n" in text


def test_text_escaping_of_backslash_comma_semicolon_and_newlines():
    tricky = "a\\b, c; d\ne\r\nf\rg \\n not a newline,;"
    event = consultation(title=tricky, location=tricky, description=tricky)
    text = to_ics([event], calendar_name=tricky, now=NOW)
    unfolded = text.replace("\r\n ", "")
    expected = r"a\\b\, c\; d\ne\nf\ng \\n not a newline\,\;"
    assert f"\r\nSUMMARY:{expected}\r\n" in unfolded
    assert f"\r\nLOCATION:{expected}\r\n" in unfolded
    assert f"\r\nDESCRIPTION:{expected}\r\n" in unfolded
    assert f"\r\nX-WR-CALNAME:{expected}\r\n" in unfolded
    normalised = "a\\b, c; d\ne\nf\ng \\n not a newline,;"
    [parsed] = vevents(text)
    assert str(parsed["SUMMARY"]) == normalised
    assert str(parsed["LOCATION"]) == normalised
    assert str(parsed["DESCRIPTION"]) == normalised
    # icalendar keeps unknown X- properties raw: unescape by hand (RFC 5545 §3.3.11)
    raw_name = str(parse(text)["X-WR-CALNAME"])
    assert raw_name == expected
    assert unescape_text(raw_name) == normalised


def test_control_characters_are_dropped_tabs_kept():
    event = consultation(title="RDV\x00\x07 du\tlundi\x1b")
    text = to_ics([event], calendar_name="x", now=NOW)
    [parsed] = vevents(text)
    assert str(parsed["SUMMARY"]) == "RDV du\tlundi"


def test_empty_optional_fields_are_left_out():
    event = consultation(location="", description="", url="")
    text = to_ics([event], calendar_name="x", now=NOW)
    [parsed] = vevents(text)
    for name in ("LOCATION", "DESCRIPTION", "URL"):
        assert name not in parsed
    assert str(parsed["SUMMARY"]) == event.title


# --- time zones --------------------------------------------------------------------------------


def test_paris_times_are_exported_in_utc_across_the_spring_dst_change():
    # 2026-03-29 02:00 CET → 03:00 CEST
    before = consultation(
        uid="before",
        start=datetime(2026, 3, 28, 10, 0, tzinfo=PARIS),
        end=datetime(2026, 3, 28, 10, 30, tzinfo=PARIS),
    )
    across = consultation(
        uid="across",
        start=datetime(2026, 3, 29, 1, 30, tzinfo=PARIS),
        end=datetime(2026, 3, 29, 3, 30, tzinfo=PARIS),
    )
    after = consultation(
        uid="after",
        start=datetime(2026, 3, 30, 10, 0, tzinfo=PARIS),
        end=datetime(2026, 3, 30, 10, 30, tzinfo=PARIS),
    )
    text = to_ics([before, across, after], calendar_name="x", now=NOW)
    assert "DTSTART:20260328T090000Z" in text
    assert "DTSTART:20260329T003000Z" in text
    assert "DTEND:20260329T013000Z" in text
    assert "DTSTART:20260330T080000Z" in text
    parsed = {str(e["UID"]): e for e in vevents(text)}
    assert parsed["before"].decoded("DTSTART") == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert parsed["after"].decoded("DTSTART") == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    # 01:30 CET → 03:30 CEST is one real hour
    span = parsed["across"].decoded("DTEND") - parsed["across"].decoded("DTSTART")
    assert span == timedelta(hours=1)
    for event, original in zip(parsed.values(), [before, across, after], strict=True):
        assert event.decoded("DTSTART") == original.start
        assert event.decoded("DTEND") == original.end


def test_paris_times_are_exported_in_utc_across_the_autumn_dst_change():
    # 2026-10-25 03:00 CEST → 02:00 CET
    saturday = consultation(
        uid="sat",
        start=datetime(2026, 10, 24, 9, 0, tzinfo=PARIS),
        end=datetime(2026, 10, 24, 9, 45, tzinfo=PARIS),
    )
    monday = consultation(
        uid="mon",
        start=datetime(2026, 10, 26, 9, 0, tzinfo=PARIS),
        end=datetime(2026, 10, 26, 9, 45, tzinfo=PARIS),
    )
    text = to_ics([saturday, monday], calendar_name="x", now=NOW)
    assert "DTSTART:20261024T070000Z" in text
    assert "DTEND:20261024T074500Z" in text
    assert "DTSTART:20261026T080000Z" in text
    assert "DTEND:20261026T084500Z" in text


def test_seconds_kept_and_microseconds_dropped():
    event = consultation(
        start=datetime(2026, 3, 10, 14, 30, 15, 999_999, tzinfo=PARIS),
        end=datetime(2026, 3, 10, 15, 0, 0, tzinfo=PARIS),
    )
    assert "DTSTART:20260310T133015Z" in to_ics([event], calendar_name="x", now=NOW)


# --- several events, alarms ---------------------------------------------------------------------


def test_several_events_in_the_given_order():
    events = [
        consultation(
            uid=f"rdv-{n}",
            title=f"Rendez-vous n°{n}",
            start=datetime(2026, 4, n, 9, 0, tzinfo=PARIS),
            end=datetime(2026, 4, n, 9, 20, tzinfo=PARIS),
        )
        for n in (3, 1, 2)
    ]
    parsed = vevents(to_ics(events, calendar_name="x", now=NOW))
    assert [str(e["UID"]) for e in parsed] == ["rdv-3", "rdv-1", "rdv-2"]
    assert [str(e["SUMMARY"]) for e in parsed] == [
        "Rendez-vous n°3",
        "Rendez-vous n°1",
        "Rendez-vous n°2",
    ]
    for event, original in zip(parsed, events, strict=True):
        assert event.decoded("DTSTART") == original.start
        assert event.decoded("DTEND") == original.end
        assert event.decoded("DTSTAMP") == NOW


def test_no_events_is_a_valid_empty_calendar():
    text = to_ics([], calendar_name="Vide", now=NOW)
    cal = parse(text)
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == "Vide"


def test_display_alarm_one_day_before_each_event():
    events = [consultation(uid="a"), consultation(uid="b", title="Séance « planif »")]
    text = to_ics(events, calendar_name="x", now=NOW, reminder_minutes=24 * 60)
    assert "TRIGGER:-P1D" in text
    parsed = vevents(text)
    assert len(parsed) == 2
    for event, original in zip(parsed, events, strict=True):
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == original.title
        trigger = alarm.decoded("TRIGGER")
        assert trigger == timedelta(days=-1)
        assert event.decoded("DTSTART") + trigger == original.start - timedelta(days=1)


@pytest.mark.parametrize(
    ("minutes", "text", "delta"),
    [
        (0, "PT0M", timedelta(0)),
        (15, "-PT15M", timedelta(minutes=-15)),
        (90, "-PT1H30M", timedelta(minutes=-90)),
        (120, "-PT2H", timedelta(hours=-2)),
        (2 * 1440 + 61, "-P2DT1H1M", -timedelta(days=2, minutes=61)),
    ],
)
def test_alarm_durations(minutes, text, delta):
    ics = to_ics([consultation()], calendar_name="x", now=NOW, reminder_minutes=minutes)
    assert f"\r\nTRIGGER:{text}\r\n" in ics
    [alarm] = vevents(ics)[0].walk("VALARM")
    assert alarm.decoded("TRIGGER") == delta


@pytest.mark.parametrize("minutes", [-1, 1.5, True])
def test_bad_reminder_is_refused(minutes):
    with pytest.raises(ValueError, match="reminder_minutes"):
        to_ics([consultation()], calendar_name="x", now=NOW, reminder_minutes=minutes)


# --- validation --------------------------------------------------------------------------------


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        consultation(start=datetime(2026, 3, 10, 14, 30), end=datetime(2026, 3, 10, 15, 0))
    with pytest.raises(ValueError, match="time zone"):
        to_ics([consultation()], calendar_name="x", now=datetime(2026, 3, 1, 8, 0))


def test_event_must_end_after_it_starts():
    start = datetime(2026, 3, 10, 14, 30, tzinfo=PARIS)
    with pytest.raises(ValueError, match="end after"):
        consultation(start=start, end=start)
    with pytest.raises(ValueError, match="end after"):
        consultation(start=start, end=start - timedelta(minutes=1))


def test_uid_required_and_unique():
    with pytest.raises(ValueError, match="UID"):
        consultation(uid="  ")
    with pytest.raises(ValueError, match="share a UID"):
        to_ics([consultation(), consultation()], calendar_name="x", now=NOW)


@pytest.mark.parametrize("url", ["https://x.fr/a b", "https://x.fr/\r\nX-EVIL:1", "https://x\t"])
def test_url_with_whitespace_or_control_characters_is_refused(url):
    with pytest.raises(ValueError, match="URL"):
        consultation(url=url)


def test_event_is_frozen():
    event = consultation()
    with pytest.raises(AttributeError):
        event.title = "autre"
