"""`GET /calendar/appointments/{id}.ics`: a valid iCalendar for the patient's own appointment
only; another patient's, staff, no session or the module turned off → refused."""

from __future__ import annotations

from datetime import date

import httpx
import icalendar
import pytest
from sqlmodel import select
from starlette.applications import Starlette

from ortho_app.api import ics
from ortho_app.core import urls
from ortho_app.core.security.sessions import open_session
from ortho_app.models import AuditEvent, Role, SessionKind
from ortho_app.models.appointments import CalendarAddition
from ortho_app.services.patient_app import modules as patient_modules
from tests import factories
from tests.factories.appointments import appointment


@pytest.fixture
def world(session):
    practice = factories.institution(session, name="Demo Orthodontics")
    practice.address = "24 avenue Maréchal Foch, 69006 Lyon"
    mine = factories.patient(session, practice, first="Camille")
    theirs = factories.patient(session, practice, first="Thomas")
    clinician = factories.staff(session, practice, Role.CLINICIAN, sees_all=True)
    own = appointment(session, mine, date(2027, 1, 12), 14, 30, carte_vitale=True)
    other = appointment(session, theirs, date(2027, 1, 13), 9)
    cookies = {
        "mine": open_session(session, kind=SessionKind.PATIENT, phone="+33612345678",
                             patient_ids=[mine.id]),
        "theirs": open_session(session, kind=SessionKind.PATIENT, phone="+33698765432",
                               patient_ids=[theirs.id]),
        "staff": open_session(session, kind=SessionKind.STAFF, user_id=clinician.id,
                              institution_id=practice.id),
    }
    session.commit()
    return {"own": own.id, "other": other.id, "practice": practice.id, "mine": mine}, cookies


async def get(appointment_id: int, secret: str | None = None) -> httpx.Response:
    app = Starlette(routes=ics.routes)
    headers = {"Cookie": f"ortho_session={secret}"} if secret else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        return await client.get(urls.appointment_ics_path(appointment_id), headers=headers)


async def test_own_appointment_downloads_valid_ics(world, session):
    ids, cookies = world
    response = await get(ids["own"], cookies["mine"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    assert ".ics" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2027-01-12 13:30"  # UTC
    assert str(event["location"]) == "24 avenue Maréchal Foch, 69006 Lyon"
    assert "Carte Vitale" in str(event["description"])
    session.expire_all()
    assert session.exec(select(CalendarAddition).where(
        CalendarAddition.appointment_id == ids["own"])).one().phone == "+33612345678"


@pytest.mark.parametrize("who", ["theirs", "staff"])
async def test_other_patients_appointment_refused_and_audited(world, session, who):
    ids, cookies = world
    response = await get(ids["own"], cookies[who])
    assert response.status_code == 404 and b"VEVENT" not in response.content
    session.expire_all()
    assert session.exec(select(AuditEvent).where(
        AuditEvent.outcome == "refused",
        AuditEvent.target == f"appointment:{ids['own']}")).first() is not None
    assert session.exec(select(CalendarAddition)).all() == []


async def test_no_session_and_unknown_appointment(world):
    ids, cookies = world
    assert (await get(ids["own"])).status_code == 401
    assert (await get(ids["own"], "forged")).status_code == 401
    assert (await get(999_999, cookies["mine"])).status_code == 404


async def test_module_turned_off_refuses(world, session):
    ids, cookies = world
    patient_modules.save_options(session, ids["practice"], appointments=False)
    session.commit()
    assert (await get(ids["own"], cookies["mine"])).status_code == 404
