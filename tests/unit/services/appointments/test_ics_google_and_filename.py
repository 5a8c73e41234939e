"""The .ics export's neighbours: the "Add to Google Calendar" link and the file name."""

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from ortho_app.services.appointments.ics import google_calendar_link, ics_filename
from tests.unit.services.appointments.ics_events import PARIS, consultation

# --- Google Calendar ---------------------------------------------------------------------------


def decode_link(link: str) -> dict[str, str]:
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values())
    return {key: values[0] for key, values in query.items()}


def test_google_link_decodes_back_to_the_event():
    event = consultation(
        title="Séance de planification & contrôle + suivi #3 (50% fait?)",
        description="Ligne 1\nLigne 2 : « accents » é/è/à=ok",
        url="",
    )
    link = google_calendar_link(event)
    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&text=")
    assert " " not in link and "\n" not in link
    assert link.isascii()
    params = decode_link(link)
    assert params == {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": "20260310T133000Z/20260310T140000Z",
        "details": event.description,
        "location": event.location,
    }


def test_google_link_dates_in_utc_across_dst():
    event = consultation(
        start=datetime(2026, 3, 29, 1, 30, tzinfo=PARIS),
        end=datetime(2026, 3, 29, 3, 30, tzinfo=PARIS),
    )
    assert decode_link(google_calendar_link(event))["dates"] == "20260329T003000Z/20260329T013000Z"


def test_google_link_appends_the_url_to_the_details():
    event = consultation(description="Visio", url="https://meet.example.fr/abc?x=1&y=2")
    assert decode_link(google_calendar_link(event))["details"] == (
        "Visio\n\nhttps://meet.example.fr/abc?x=1&y=2"
    )
    only_url = consultation(description="", url="https://meet.example.fr/abc")
    assert decode_link(google_calendar_link(only_url))["details"] == "https://meet.example.fr/abc"
    already = consultation(description="Lien : https://meet.example.fr/abc", url=only_url.url)
    assert decode_link(google_calendar_link(already))["details"] == already.description


def test_google_link_leaves_out_empty_details_and_location():
    event = consultation(description="", location="", url="")
    params = decode_link(google_calendar_link(event))
    assert set(params) == {"action", "text", "dates"}


# --- file name ---------------------------------------------------------------------------------


SAFE_NAME = re.compile(r"^[a-z0-9_-]+\.ics$")


def test_ics_filename_is_ascii_with_local_date_and_slug():
    start = datetime(2026, 3, 29, 9, 30, tzinfo=PARIS)
    name = ics_filename("Séance de planification — cas n°123", start)
    assert name == "2026-03-29_0930_seance-de-planification-cas-n123.ics"
    assert SAFE_NAME.match(name)


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        'a/b\\c:d*e?f"g<h>i|j',
        "Œdème & Bæ Straße",
        "  ",
        "😀 ✨",
        "x" * 300,
        "RDV\r\nContent-Type: text/html",
    ],
)
def test_ics_filename_is_always_safe(title):
    name = ics_filename(title, datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
    assert SAFE_NAME.match(name), name
    assert name.startswith("2026-01-05_0800_")
    assert len(name) <= 100
    assert ".." not in name and "/" not in name


def test_ics_filename_fallback_and_ligatures():
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    assert ics_filename("😀", start) == "2026-01-05_0800_event.ics"
    assert ics_filename("Œdème & Bæ Straße", start) == "2026-01-05_0800_oedeme-bae-strasse.ics"
