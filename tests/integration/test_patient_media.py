"""Files leave the server only through the record they belong to (`services/files/access`):
`GET /files/{id}`, the PDF view and the zip of shared images, for the patient's parent,
another patient, staff of the practice, its admin, the lab that serves it and staff of another
practice — documents (current and replaced versions), signed copies, images, chat
attachments, case files and scan photos."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import httpx
import pytest
from starlette.applications import Starlette

from ortho_app.api import files, patient_media
from ortho_app.core import storage
from ortho_app.core.security import otp
from ortho_app.core.security.sessions import open_session
from ortho_app.demo.documents import document_pdf, image_jpeg
from ortho_app.models import (
    CodePurpose,
    ContactRelation,
    InstitutionKind,
    Role,
    Scan,
    ScanPhoto,
    SessionKind,
)
from ortho_app.services.documents import sharing as documents
from ortho_app.services.imaging import images as imaging
from ortho_app.services.lab_cases.cases import Prescription, create_case
from ortho_app.services.messaging import threads
from ortho_app.services.patient_app import modules as patient_modules
from tests import factories
from tests.support import files as samples

PARENT = "+33611111111"
OTHER = "+33622222222"


@pytest.fixture
def world(session):
    storage.reset()
    practice, elsewhere = factories.institution(session), factories.institution(session)
    child = factories.patient(session, practice, contacts=[(ContactRelation.PARENT1, PARENT)])
    other = factories.patient(session, practice, first="Bob", phone=OTHER)
    clinician = factories.staff(session, practice, Role.CLINICIAN, sees_all=True)
    admin = factories.staff(session, practice, Role.PRACTICE_ADMIN)
    foreign = factories.staff(session, elsewhere, Role.CLINICIAN, sees_all=True)
    lab = factories.institution(session, InstitutionKind.LAB)
    factories.lab_serves(session, lab, practice)
    coordinator = factories.staff(session, lab, Role.LAB_COORDINATOR)

    def child_file(data, name="f.bin"):
        return storage.save_stream([data], original_name=name, session=session,
                                   patient_id=child.id, institution_id=practice.id)

    def pdf(title, **kw):
        stored = child_file(document_pdf(title, "x"), f"{title}.pdf")
        return documents.share_document(session, patient=child, stored=stored, title=title,
                                        kind="Consentement", needs_signature=True, **kw)

    def image(kind, shared):
        stored = storage.save_stream([image_jpeg(1, kind)], original_name="i.jpg",
                                     session=session, patient_id=child.id,
                                     institution_id=practice.id)
        return imaging.file_image(session, patient=child, stored=stored, stage="Début",
                                  kind=kind, taken_on=date(2025, 9, 1), shared=shared)

    consent, staff_only = pdf("Consentement"), pdf("Interne", visible_to_responsible=False)
    signer = documents.signer_for(session, child, PARENT)
    issued = otp.issue(session, purpose=CodePurpose.SIGN_DOCUMENT, phone=PARENT,
                       patient_id=child.id, subject=documents.signing_subject(consent))
    signature = documents.sign_document(session, document=consent, patient=child,
                                        signer=signer, attempt_secret=issued.attempt_secret,
                                        code=issued.code)
    replaced = pdf("Devis")
    first_version = replaced.stored_file_id
    documents.replace_document(session, replaced, child_file(document_pdf("Devis 2", "y")))
    case = create_case(session, patient=child, rx=Prescription(
        case_type="Aligners", teeth=[11, 21], rx_description="x"),
        files=[child_file(samples.binary_stl(4), "upper.stl")], actor="staff:1",
        today=date(2026, 12, 1))
    scan = Scan(patient_id=child.id, institution_id=practice.id, taken_on=date(2026, 1, 5))
    session.add(scan)
    session.flush()
    scan_photo = child_file(image_jpeg(2, "Face"), "face.jpg")
    session.add(ScanPhoto(scan_id=scan.id, file_id=scan_photo.id))
    from_parent = threads.post_from_patient(session, child, actor="patient-session:1", body="",
                                            attachment=child_file(image_jpeg(3, "x"), "x.jpg"))
    from_practice = threads.post_from_practice(
        session, child, actor="staff:1", author_name="Dr", body="",
        attachment=child_file(samples.PDF, "conseils.pdf"), notify=False)
    things = {"consent": consent, "staff_only": staff_only, "signed": signature,
              "shared": image("Visage face", True), "hidden": image("Radio panoramique", False),
              "child": child, "replaced": replaced, "first_version": first_version,
              "case_file": case_files(session, case.id), "scan_photo": scan_photo.id,
              "from_parent": from_parent.attachment_id,
              "from_practice": from_practice.attachment_id}
    cookies = {
        "parent": open_session(session, kind=SessionKind.PATIENT, phone=PARENT,
                               patient_ids=[child.id]),
        "other": open_session(session, kind=SessionKind.PATIENT, phone=OTHER,
                              patient_ids=[other.id]),
        "clinician": open_session(session, kind=SessionKind.STAFF, user_id=clinician.id,
                                  institution_id=practice.id),
        "foreign": open_session(session, kind=SessionKind.STAFF, user_id=foreign.id,
                                institution_id=elsewhere.id),
        "admin": open_session(session, kind=SessionKind.STAFF, user_id=admin.id,
                              institution_id=practice.id),
        "lab": open_session(session, kind=SessionKind.STAFF, user_id=coordinator.id,
                            institution_id=lab.id)}
    session.commit()
    return things, cookies


def case_files(session, case_id: int) -> int:
    from ortho_app.services.lab_cases.files import files_of

    (only,) = files_of(session, case_id)
    return only.file_id


async def get(path: str, secret: str | None) -> httpx.Response:
    app = Starlette(routes=[*files.routes, *patient_media.routes])
    headers = {"Cookie": f"ortho_session={secret}"} if secret else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://test") as client:
        return await client.get(path, headers=headers)


def paths(things) -> dict[str, str]:
    child = things["child"]
    return {
        "consent_file": f"/files/{things['consent'].stored_file_id}",
        "signed_file": f"/files/{things['signed'].signed_file_id}",
        "staff_only_file": f"/files/{things['staff_only'].stored_file_id}",
        "shared_image": f"/files/{things['shared'].stored_file_id}",
        "hidden_image": f"/files/{things['hidden'].stored_file_id}",
        "replaced_file": f"/files/{things['replaced'].stored_file_id}",
        "first_version_file": f"/files/{things['first_version']}",
        "case_file": f"/files/{things['case_file']}",
        "scan_photo": f"/files/{things['scan_photo']}",
        "from_parent": f"/files/{things['from_parent']}",
        "from_practice": f"/files/{things['from_practice']}",
        "consent_view": f"/documents/{things['consent'].id}/view",
        "staff_only_view": f"/documents/{things['staff_only'].id}/view",
        "zip": f"/imaging/{child.id}/images.zip",
    }


EXPECTED = {  # who: the paths they get (every other one is 404)
    "parent": {"consent_file", "signed_file", "shared_image", "consent_view", "zip",
               "replaced_file", "from_parent", "from_practice"},
    "other": set(),
    "clinician": {"consent_file", "signed_file", "staff_only_file", "shared_image",
                  "hidden_image", "consent_view", "staff_only_view", "zip", "replaced_file",
                  "case_file", "scan_photo", "from_parent", "from_practice"},
    "admin": set(),
    "lab": {"case_file"},
    "foreign": set(),
}


@pytest.mark.parametrize("who", list(EXPECTED))
async def test_each_caller_gets_only_what_is_shared_with_them(world, who):
    things, cookies = world
    for name, path in paths(things).items():
        response = await get(path, cookies[who])
        assert response.status_code == (200 if name in EXPECTED[who] else 404), (name, path)


async def test_no_session_is_401(world):
    things, _ = world
    for path in paths(things).values():
        assert (await get(path, None)).status_code == 401


async def test_pdf_view_is_inline_and_zip_holds_only_shared_images(world):
    things, cookies = world
    view = await get(paths(things)["consent_view"], cookies["parent"])
    assert view.headers["content-disposition"].startswith("inline;")
    assert view.headers["content-type"] == "application/pdf" and view.content[:5] == b"%PDF-"
    archive = await get(paths(things)["zip"], cookies["parent"])
    assert archive.headers["content-disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert [n.split("/")[1].split(" ")[1] for n in zipped.namelist()] == ["Visage"]


async def test_modules_turned_off_refuse_downloads(world, session):
    things, cookies = world
    patient_modules.save_options(session, things["child"].institution_id, documents=False,
                                 imaging=False, messaging=False)
    session.commit()
    for path in paths(things).values():
        assert (await get(path, cookies["parent"])).status_code == 404


async def test_a_replaced_document_takes_its_signed_copy_away_from_the_patient(world, session):
    things, cookies = world
    documents.replace_document(session, things["consent"], storage.save_stream(
        [document_pdf("Consentement v2", "z")], original_name="v2.pdf", session=session,
        patient_id=things["child"].id, institution_id=things["child"].institution_id))
    session.commit()
    signed = paths(things)["signed_file"]
    assert (await get(signed, cookies["parent"])).status_code == 404
    assert (await get(signed, cookies["clinician"])).status_code == 200
