"""The routes that take a record id answer 404 for ids no row can have (past 2^63, zero,
negative, not a number), for every kind of caller, on SQLite and PostgreSQL — never a 500."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from ortho_app.api import files, ics, patient_media
from ortho_app.core.security.sessions import open_session
from ortho_app.models import InstitutionKind, Role, SessionKind
from tests import factories

PATTERNS = ["/files/{}", "/documents/{}/view", "/imaging/{}/images.zip",
            "/calendar/appointments/{}.ics", "/calendar/cases/{}/planning.ics"]
IDS = [str(2**63), str(2**63 - 1), str(2**64 + 5), "9" * 40, "0", "00", "-1", "abc", "1e3"]


@pytest.fixture
def cookies(session):
    practice = factories.institution(session)
    lab = factories.institution(session, InstitutionKind.LAB)
    patient = factories.patient(session, practice)
    users = {"clinician": (factories.staff(session, practice, Role.CLINICIAN, sees_all=True),
                           practice),
             "lab": (factories.staff(session, lab, Role.LAB_COORDINATOR), lab)}
    secrets = {name: open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                  institution_id=inst.id)
               for name, (user, inst) in users.items()}
    secrets["patient"] = open_session(session, kind=SessionKind.PATIENT, phone="+33600000001",
                                      patient_ids=[patient.id])
    session.commit()
    return secrets


@pytest.mark.parametrize("who", ["clinician", "lab", "patient"])
async def test_ids_no_row_can_have_are_not_found(cookies, who):
    app = Starlette(routes=[*files.routes, *patient_media.routes, *ics.routes])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test",
                                 headers={"Cookie": f"ortho_session={cookies[who]}"}) as client:
        for pattern in PATTERNS:
            for value in IDS:
                response = await client.get(pattern.format(value))
                assert response.status_code == 404, (pattern, value, response.status_code)
