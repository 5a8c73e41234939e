"""Appointments: next one, upcoming and history order, .ics, maps link, calendar additions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from ortho_app.models import Institution
from ortho_app.services.appointments import appointments as ap
from tests import factories as f
from tests.factories.appointments import appointment

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Paris


@pytest.fixture
def patient(session):
    practice = f.institution(session, name="Cabinet d'Orthodontie, Lyon")
    practice.address = "24 avenue Maréchal Foch, 69006 Lyon"
    practice.phone = "+33478000000"
    return f.patient(session, practice)


def test_upcoming_soonest_first_and_history_ascending(session, patient):
    late = appointment(session, patient, date(2027, 1, 20), 9)
    soon = appointment(session, patient, date(2026, 12, 8), 14, carte_vitale=True)
    past = appointment(session, patient, date(2026, 10, 2), 11)
    older = appointment(session, patient, date(2026, 6, 1), 16)
    ongoing = appointment(session, patient, date(2026, 12, 1), 9, 45)  # 9:45-10:15 Paris
    other = f.patient(session, session.get(Institution, patient.institution_id), first="Bob")
    appointment(session, other, date(2026, 12, 2), 9)
    assert [a.id for a in ap.upcoming(session, patient.id, now=NOW)] == [
        ongoing.id, soon.id, late.id]
    assert [a.id for a in ap.history(session, patient.id)] == [
        older.id, past.id, ongoing.id, soon.id, late.id]
    ongoing.duration_minutes = 10  # over at 9:55
    assert ap.next_appointment(session, patient.id, now=NOW).id == soon.id


def test_no_appointment_means_no_next(session, patient):
    appointment(session, patient, date(2026, 11, 2), 11)
    assert ap.next_appointment(session, patient.id, now=NOW) is None


def test_times_shown_in_practice_time_zone(session, patient):
    row = appointment(session, patient, date(2027, 7, 1), 14, 30)  # summer: UTC+2
    assert row.starts_at.astimezone(UTC).hour == 12
    assert ap.local(row.starts_at).strftime("%H:%M") == "14:30"


def test_ics_parses_with_practice_address_and_carte_vitale(session, patient):
    practice = session.get(Institution, patient.institution_id)
    row = appointment(session, patient, date(2026, 12, 8), 14, 15, carte_vitale=True,
                      duration=45)
    ics = ap.ics_for(row, practice, now=NOW)
    assert ics.filename.startswith("2026-12-08_1415_") and ics.filename.endswith(".ics")
    (event,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 12, 8, 13, 15, tzinfo=UTC)
    assert (event.decoded("dtend") - event.decoded("dtstart")).seconds == 45 * 60
    assert str(event["location"]) == "24 avenue Maréchal Foch, 69006 Lyon"
    assert "Carte Vitale" in str(event["description"])
    assert "Dr. Claire Lefèvre" in str(event["description"])


def test_maps_url_encodes_address():
    url = ap.maps_url("24 avenue Maréchal Foch, 69006 Lyon")
    assert url.startswith("https://www.google.com/maps/search/?api=1&query=24%20avenue")
    assert " " not in url and "," not in url


def test_calendar_addition_remembered_per_phone(session, patient):
    row = appointment(session, patient, date(2026, 12, 8), 14)
    assert ap.record_calendar_addition(session, row.id, "+33612345678") is False
    assert ap.record_calendar_addition(session, row.id, "+33612345678") is True
    assert ap.is_added(session, row.id, "+33612345678")
    assert not ap.is_added(session, row.id, "+33698765432")
    assert ap.added_ids(session, [row.id], "+33612345678") == {row.id}
