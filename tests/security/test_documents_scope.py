"""Documents and imaging handlers and routes: another patient cannot see, sign or download
Camille's documents and images; staff of another practice cannot list or change them."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from ortho_app.workspaces.clinic.patient_documents.state import ClinicDocumentsState
from ortho_app.workspaces.clinic.patient_imaging.state import ClinicImagingState
from ortho_app.workspaces.patient.documents.state import PatientDocumentsState
from ortho_app.workspaces.patient.imaging.state import PatientImagingState
from ortho_app.workspaces.patient.workspace import PatientAppState
from tests.support import signin
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
DOCS = PatientDocumentsState.get_full_name()
IMAGES = PatientImagingState.get_full_name()
APP = PatientAppState.get_full_name()
CLINIC_DOCS = ClinicDocumentsState.get_full_name()
CLINIC_IMAGES = ClinicImagingState.get_full_name()


def _query(server, sql, *args):
    with sqlite3.connect(server.data_dir / "app.db") as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def camille(app_server):
    (pid,) = _query(app_server, "SELECT id FROM patient WHERE last_name='Martin' AND "
                    "first_name='Camille'")[0]
    docs = dict(_query(app_server, "SELECT title, id FROM shareddocument WHERE patient_id=?",
                       pid))
    files = [f for (f,) in _query(app_server, "SELECT stored_file_id FROM shareddocument "
                                  "WHERE patient_id=? UNION SELECT stored_file_id FROM "
                                  "patientimage WHERE patient_id=?", pid, pid)]
    (hidden,) = _query(app_server, "SELECT id FROM patientimage WHERE patient_id=? AND "
                       "shared_with_patient=0 ORDER BY id LIMIT 1", pid)[0]
    return {"id": pid, "consent": docs["Consentement éclairé"], "files": files,
            "hidden": hidden}


def sign_codes(server) -> int:
    return _query(server, "SELECT count(*) FROM onetimecode WHERE purpose IN "
                  "('sign_document', 'SIGN_DOCUMENT')")[0][0]


def refusals(server, target) -> int:
    return _query(server, "SELECT count(*) FROM auditevent WHERE outcome='refused' AND "
                  "target=?", target)[0][0]


async def test_patient_b_cannot_see_sign_or_download_camilles_documents(app_server, camille):
    cookie = signin.patient_cookie(app_server, **signin.THOMAS)
    before, refused = sign_codes(app_server), refusals(app_server, f"patient:{camille['id']}")
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        await tab.emit(f"{APP}.load_patients", {}, path="/patient/documents")
        chose = await tab.emit(f"{APP}.choose_patient", {"patient_id": camille["id"]},
                               path="/patient/documents")
        listed = await tab.emit(f"{DOCS}.load_documents", {}, path="/patient/documents")
        asked = await tab.emit(f"{DOCS}.start_signing", {"document_id": camille["consent"]},
                               path="/patient/documents")
        signed = await tab.emit(f"{DOCS}.confirm_signature", {"form": {"code": "123456"}},
                                path="/patient/documents")
        images = await tab.emit(f"{IMAGES}.load_images", {}, path="/patient/imaging")
    sent = repr([delta_vars(u) for u in (chose, listed, asked, signed, images)])
    assert "Camille" not in sent and "Consentement" not in sent and "/files/" not in sent
    assert sign_codes(app_server) == before
    assert refusals(app_server, f"patient:{camille['id']}") > refused
    async with httpx.AsyncClient(base_url=app_server.url, headers={"Cookie": cookie}) as http:
        for file_id in camille["files"]:
            assert (await http.get(f"/files/{file_id}")).status_code == 404
        assert (await http.get(f"/documents/{camille['consent']}/view")).status_code == 404
        assert (await http.get(f"/imaging/{camille['id']}/images.zip")).status_code == 404


async def test_staff_of_another_practice_cannot_list_or_share(app_server, camille):
    cookie = signin.staff_cookie(app_server, "voisin@other.clinic")
    pid = str(camille["id"])
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        docs = await tab.emit(f"{CLINIC_DOCS}.load_documents", {},
                              path=f"/clinic/patients/{pid}/documents",
                              query={"patient_id": pid})
        images = await tab.emit(f"{CLINIC_IMAGES}.load_images", {},
                                path=f"/clinic/patients/{pid}/imaging",
                                query={"patient_id": pid})
        await tab.emit(f"{CLINIC_IMAGES}.share_image",
                       {"image_id": camille["hidden"], "shared": True},
                       path=f"/clinic/patients/{pid}/imaging", query={"patient_id": pid})
    sent = repr([delta_vars(u) for u in (docs, images)])
    assert "Martin" not in sent and "Consentement" not in sent and "/files/" not in sent
    assert _query(app_server, "SELECT shared_with_patient FROM patientimage WHERE id=?",
                  camille["hidden"]) == [(0,)]
    assert refusals(app_server, f"patient:{pid}") >= 2
    async with httpx.AsyncClient(base_url=app_server.url, headers={"Cookie": cookie}) as http:
        assert (await http.get(f"/documents/{camille['consent']}/view")).status_code == 404
        assert (await http.get(f"/files/{camille['files'][0]}")).status_code == 404


async def test_camilles_parent_gets_only_shared_images(app_server, camille):
    cookie = signin.patient_cookie(app_server, **signin.CAMILLE)
    (hidden_file,) = _query(app_server, "SELECT stored_file_id FROM patientimage WHERE id=?",
                            camille["hidden"])[0]
    (shared_file,) = _query(app_server, "SELECT stored_file_id FROM patientimage WHERE "
                            "patient_id=? AND shared_with_patient=1 LIMIT 1", camille["id"])[0]
    async with httpx.AsyncClient(base_url=app_server.url, headers={"Cookie": cookie}) as http:
        assert (await http.get(f"/files/{hidden_file}")).status_code == 404
        assert (await http.get(f"/files/{shared_file}")).status_code == 200
