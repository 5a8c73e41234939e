"""Stored files leave only through the authorized route, as attachments, and only through
the record they belong to (a file no record uses reaches no one)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from sqlmodel import select
from starlette.applications import Starlette

from ortho_app.api import files
from ortho_app.core import storage
from ortho_app.core.security.sessions import open_session
from ortho_app.models import AuditEvent, Role, SessionKind
from ortho_app.services.imaging import images as imaging
from ortho_app.services.messaging import templates
from tests import factories
from tests.support import files as samples


@pytest.fixture
def world(session):
    storage.reset()
    practice, other = factories.institution(session), factories.institution(session)
    assigned = factories.staff(session, practice, Role.CLINICIAN)
    unassigned = factories.staff(session, practice, Role.CLINICIAN)
    admin = factories.staff(session, practice, Role.PRACTICE_ADMIN)
    foreign = factories.staff(session, other, Role.CLINICIAN, sees_all=True)
    patient = factories.patient(session, practice, clinician=assigned)
    xray = storage.save_stream([samples.image_bytes()], original_name="Radio panoramique é.png",
                               session=session, institution_id=practice.id,
                               patient_id=patient.id)
    imaging.file_image(session, patient=patient, stored=xray, stage="Début de traitement",
                       kind="Radio panoramique", taken_on=date(2025, 9, 1), shared=True)
    price_list = storage.save_stream([samples.PDF], original_name='tarifs "2025";.pdf',
                                     session=session, institution_id=practice.id)
    templates.set_template_file(session, templates.create_template(session, practice.id),
                                price_list)
    loose = storage.save_stream([samples.image_bytes()], original_name="never filed.png",
                                session=session, institution_id=practice.id,
                                patient_id=patient.id)
    cookies = {name: open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                  institution_id=inst.id)
               for name, user, inst in (("assigned", assigned, practice),
                                        ("unassigned", unassigned, practice),
                                        ("admin", admin, practice), ("foreign", foreign, other))}
    cookies["parent"] = open_session(session, kind=SessionKind.PATIENT, phone="+33612345678",
                                     patient_ids=[patient.id])
    cookies["other_patient"] = open_session(session, kind=SessionKind.PATIENT,
                                            phone="+33600000000", patient_ids=[patient.id + 999])
    session.commit()
    return {"xray": xray, "price_list": price_list, "loose": loose}, cookies


async def get(file_id: int, secret: str | None = None) -> httpx.Response:
    app = Starlette(routes=files.routes)
    headers = {"Cookie": f"theme=dark; ortho_session={secret}"} if secret else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        return await client.get(f"/files/{file_id}", headers=headers)


def audit_rows(session, outcome: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.exec(select(AuditEvent).where(AuditEvent.action == "file.download",
                                                      AuditEvent.outcome == outcome)))


@pytest.mark.parametrize("secret", [None, "not-a-session", ""])
async def test_download_requires_a_session(world, secret):
    stored, _ = world
    response = await get(stored["xray"].id, secret)
    assert response.status_code == 401 and b"PNG" not in response.content


@pytest.mark.parametrize("who", ["assigned", "parent"])
async def test_allowed_callers_get_an_attachment(world, session, who):
    stored, cookies = world
    response = await get(stored["xray"].id, cookies[who])
    assert response.status_code == 200
    assert response.content == storage.read_bytes(stored["xray"])
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"] == \
        "attachment; filename*=UTF-8''Radio%20panoramique%20%C3%A9.png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-length"] == str(stored["xray"].size)
    assert any(row.target == f"file:{stored['xray'].id}" for row in audit_rows(session, "ok"))


@pytest.mark.parametrize("who", ["unassigned", "admin", "foreign", "other_patient"])
async def test_other_callers_get_not_found_and_are_audited(world, session, who):
    stored, cookies = world
    response = await get(stored["xray"].id, cookies[who])
    assert response.status_code == 404 and b"PNG" not in response.content
    assert audit_rows(session, "refused") and not audit_rows(session, "ok")


@pytest.mark.parametrize("who,status", [("assigned", 200), ("unassigned", 200), ("admin", 404),
                                        ("foreign", 404), ("parent", 404)])
async def test_template_files_are_for_clinic_staff_of_that_practice(world, who, status):
    stored, cookies = world
    response = await get(stored["price_list"].id, cookies[who])
    assert response.status_code == status
    if status == 200:
        assert response.content == samples.PDF
        assert response.headers["content-disposition"] == \
            "attachment; filename*=UTF-8''tarifs%202025%3B.pdf"


@pytest.mark.parametrize("who", ["assigned", "admin", "parent"])
async def test_a_file_no_record_uses_reaches_no_one(world, who):
    stored, cookies = world
    assert (await get(stored["loose"].id, cookies[who])).status_code == 404


async def test_unknown_file_is_not_found(world, session):
    _, cookies = world
    assert (await get(424242, cookies["assigned"])).status_code == 404
    assert [row.target for row in audit_rows(session, "refused")] == ["file:424242"]


async def test_file_whose_bytes_are_gone_is_not_found(world):
    stored, cookies = world
    storage.delete_file(stored["price_list"])
    assert (await get(stored["price_list"].id, cookies["assigned"])).status_code == 404
