"""Stored files leave only through the authorized route, as attachments."""

from __future__ import annotations

import io

import httpx
import pytest
from PIL import Image
from starlette.applications import Starlette

from ortho_app.api import files
from ortho_app.core import storage
from ortho_app.core.security.sessions import open_session
from ortho_app.models import Role, SessionKind
from tests import factories


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def world(session):
    storage.reset()
    practice, other = factories.institution(session), factories.institution(session)
    assigned = factories.staff(session, practice, Role.CLINICIAN)
    unassigned = factories.staff(session, practice, Role.CLINICIAN)
    foreign = factories.staff(session, other, Role.CLINICIAN, sees_all=True)
    patient = factories.patient(session, practice, clinician=assigned)
    stored = storage.save_stream([png()], original_name="Radio panoramique é.png",
                                 session=session, institution_id=practice.id,
                                 patient_id=patient.id)
    cookies = {}
    for name, user, inst in (("assigned", assigned, practice), ("unassigned", unassigned, practice),
                             ("foreign", foreign, other)):
        cookies[name] = open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                     institution_id=inst.id)
    cookies["parent"] = open_session(session, kind=SessionKind.PATIENT, phone="+33612345678",
                                     patient_ids=[patient.id])
    cookies["other_patient"] = open_session(session, kind=SessionKind.PATIENT,
                                            phone="+33600000000", patient_ids=[patient.id + 999])
    session.commit()
    return stored, cookies


async def get(stored, secret=None):
    app = Starlette(routes=files.routes)
    headers = {"Cookie": f"ortho_session={secret}"} if secret else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        return await client.get(f"/files/{stored.id}", headers=headers)


async def test_download_requires_session(world):
    stored, _ = world
    assert (await get(stored)).status_code == 401


@pytest.mark.parametrize("who", ["assigned", "parent"])
async def test_allowed_callers_get_an_attachment(world, who):
    stored, cookies = world
    response = await get(stored, cookies[who])
    assert response.status_code == 200 and response.content[:4] == b"\x89PNG"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("who", ["unassigned", "foreign", "other_patient"])
async def test_other_callers_get_not_found(world, who):
    stored, cookies = world
    assert (await get(stored, cookies[who])).status_code == 404
