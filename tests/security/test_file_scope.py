"""Least-privilege files: as each role of the demo, every stored file id is asked for on
`GET /files/{id}`, and the files served are exactly those the record they belong to grants
(SECURITY.md "Files"): the lab only files of cases sent to it, a patient's phone only images
and documents shared with it (and its thread's attachments, its signed copies), clinic staff
the files of the patients they may see, the practice admin nothing; then the document views
and imaging zips of every patient.

The expected sets are computed here from the tables, independently of the app's rule.
"""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import pytest

from tests.support import signin

pytestmark = pytest.mark.e2e

# Every record that uses a stored file, with the patient it belongs to.
PATIENT_USES = """
    SELECT stored_file_id, patient_id, 'image' FROM patientimage
    UNION ALL SELECT stored_file_id, patient_id, 'document' FROM shareddocument
    UNION ALL SELECT signed_file_id, patient_id, 'signed' FROM documentsignature
              WHERE signed_file_id IS NOT NULL
    UNION ALL SELECT attachment_id, patient_id, 'chat' FROM message
              WHERE attachment_id IS NOT NULL
    UNION ALL SELECT f.stored_file_id, c.patient_id, 'case' FROM labcasefile f
              JOIN labcase c ON c.id = f.case_id
    UNION ALL SELECT p.file_id, s.patient_id, 'scan' FROM scanphoto p
              JOIN scan s ON s.id = p.scan_id
    UNION ALL SELECT original_file_id, patient_id, 'model' FROM archmodel
    UNION ALL SELECT web_mesh_file_id, patient_id, 'model' FROM archmodel
"""


class Demo:
    def __init__(self, server):
        self.db = server.data_dir / "app.db"

    def rows(self, sql: str, *args) -> list[tuple]:
        with sqlite3.connect(self.db) as db:
            return db.execute(sql, args).fetchall()

    def one(self, sql: str, *args):
        return self.rows(sql, *args)[0][0]

    def institution(self, name: str) -> int:
        return self.one("SELECT id FROM institution WHERE name = ?", name)

    def user(self, email: str) -> int:
        return self.one("SELECT id FROM staffuser WHERE email = ?", email)

    def all_files(self) -> set[int]:
        return {fid for (fid,) in self.rows("SELECT id FROM storedfile")}

    # -- what each caller should get, from the tables --

    def clinic_patients(self, email: str) -> set[int]:
        (institution, role, sees_all), = self.rows(
            "SELECT institution_id, role, sees_all_patients FROM membership WHERE user_id = ?",
            self.user(email))
        if role.upper() == "CLINICIAN" and not sees_all:
            return {p for (p,) in self.rows(
                "SELECT patient_id FROM patientclinician WHERE user_id = ?", self.user(email))}
        return {p for (p,) in self.rows("SELECT id FROM patient WHERE institution_id = ?",
                                        institution)}

    def staff_files(self, email: str) -> set[int]:
        patients = self.clinic_patients(email)
        (institution,), = self.rows("SELECT institution_id FROM membership WHERE user_id = ?",
                                    self.user(email))
        templates = {f for (f,) in self.rows(
            "SELECT attachment_id FROM messagetemplate WHERE institution_id = ? AND "
            "attachment_id IS NOT NULL", institution)}
        return {f for f, p, _ in self.rows(PATIENT_USES) if p in patients} | templates

    def lab_files(self, email: str) -> set[int]:
        (lab,), = self.rows("SELECT institution_id FROM membership WHERE user_id = ?",
                            self.user(email))
        return {f for (f,) in self.rows(
            "SELECT f.stored_file_id FROM labcasefile f JOIN labcase c ON c.id = f.case_id "
            "JOIN labservice s ON s.lab_id = c.lab_id AND s.practice_id = c.practice_id "
            "WHERE c.lab_id = ?", lab)}

    def holder(self, patient_id: int, phone: str) -> str | None:
        """'patient' or 'responsible': who holds `phone` for this patient (None: nobody)."""
        relations = {r.upper() for (r,) in self.rows(
            "SELECT relation FROM contactperson WHERE patient_id = ? AND phone = ?",
            patient_id, phone)}
        if self.one("SELECT phone FROM patient WHERE id = ?", patient_id) == phone \
                or "PATIENT" in relations:
            return "patient"
        return "responsible" if relations else None

    def phone_files(self, phone: str, patients: set[int]) -> set[int]:
        """Modules are all on in the demo (checked below)."""
        files = {f for f, p in self.rows(
            "SELECT stored_file_id, patient_id FROM patientimage WHERE shared_with_patient = 1")
            if p in patients}
        files |= {f for f, p in self.rows(
            "SELECT attachment_id, patient_id FROM message WHERE attachment_id IS NOT NULL")
            if p in patients}
        documents = self.rows(
            "SELECT id, patient_id, stored_file_id, visible_to_patient, visible_to_responsible, "
            "version, sha256 FROM shareddocument")
        shown = {}
        for did, pid, fid, to_patient, to_responsible, version, sha in documents:
            holder = self.holder(pid, phone) if pid in patients else None
            if (holder == "patient" and to_patient) or (holder == "responsible"
                                                        and to_responsible):
                files.add(fid)
                shown[did] = (version, sha)
        files |= {f for f, did, version, sha in self.rows(
            "SELECT signed_file_id, document_id, document_version, document_sha256 FROM "
            "documentsignature WHERE signed_file_id IS NOT NULL")
            if shown.get(did) == (version, sha)}
        return files


async def _served(server, cookie: str, paths: list[str]) -> set[str]:
    limit = asyncio.Semaphore(8)

    async def status(client, path):
        async with limit:
            response = await client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        return path, response.status_code

    async with httpx.AsyncClient(base_url=server.url, headers={"Cookie": cookie},
                                 timeout=60) as client:
        answers = await asyncio.gather(*(status(client, p) for p in paths))
    return {path for path, code in answers if code == 200}


def _files(ids) -> set[str]:
    return {f"/files/{i}" for i in ids}


@pytest.fixture(scope="module")
def demo(app_server):
    demo = Demo(app_server)
    modules = demo.rows("SELECT messaging, imaging, documents, documents_minors "
                        "FROM patientappoptions")
    assert all(all(row) for row in modules), "the expectations assume every module on"
    kinds = {kind for _, _, kind in demo.rows(PATIENT_USES)}
    assert kinds >= {"image", "document", "signed", "chat", "case", "scan", "model"}, kinds
    return demo


STAFF = ["manager@demo.clinic", "clinician@demo.clinic", "assistant@demo.clinic",
         "voisin@other.clinic"]


@pytest.mark.parametrize("email", STAFF)
async def test_clinic_staff_get_the_files_of_the_patients_they_see(app_server, demo, email):
    every = demo.all_files()
    served = await _served(app_server, signin.staff_cookie(app_server, email),
                           sorted(_files(every | {max(every) + 1})))
    expected = _files(demo.staff_files(email))
    assert served == expected, (sorted(served - expected), sorted(expected - served))


async def test_lab_gets_only_files_of_cases_sent_to_it(app_server, demo):
    every = demo.all_files()
    email = "coordinator@demo.lab"
    served = await _served(app_server, signin.staff_cookie(app_server, email),
                           sorted(_files(every)))
    expected = _files(demo.lab_files(email))
    assert expected and served == expected, (sorted(served - expected),
                                             sorted(expected - served))


async def test_practice_admin_gets_no_file(app_server, demo):
    every = demo.all_files()
    served = await _served(app_server, signin.staff_cookie(app_server, "admin@demo.clinic"),
                           sorted(_files(every)))
    assert served == set()


def _sign_in_phone_for_all_its_patients(server, person: dict) -> tuple[str, set[int]]:
    cookie = signin.patient_cookie(server, **person)
    demo = Demo(server)
    patients = {p for (p,) in demo.rows(
        "SELECT id FROM patient WHERE phone = ? UNION SELECT patient_id FROM contactperson "
        "WHERE phone = ?", person["phone_e164"], person["phone_e164"])}
    with httpx.Client(base_url=server.url, headers={"Cookie": cookie},
                      follow_redirects=False) as client:
        chosen = client.post("/auth/patient/select",
                             data={"patient_id": [str(p) for p in sorted(patients)]})
        assert chosen.headers["location"] == "/patient", chosen.headers
    return cookie, patients


@pytest.mark.parametrize("person", [signin.CAMILLE, signin.THOMAS], ids=["sophie", "thomas"])
async def test_a_phone_gets_only_what_is_shared_with_it(app_server, demo, person):
    cookie, patients = _sign_in_phone_for_all_its_patients(app_server, person)
    every = demo.all_files()
    served = await _served(app_server, cookie, sorted(_files(every)))
    expected = _files(demo.phone_files(person["phone_e164"], patients))
    assert served == expected, (sorted(served - expected), sorted(expected - served))


ROLES = ["manager@demo.clinic", "clinician@demo.clinic", "assistant@demo.clinic",
         "admin@demo.clinic", "coordinator@demo.lab", "voisin@other.clinic"]


@pytest.mark.parametrize("email", ROLES)
async def test_document_views_and_image_zips_follow_the_same_rule(app_server, demo, email):
    documents = demo.rows("SELECT id, patient_id FROM shareddocument")
    patients = {p for (p,) in demo.rows("SELECT id FROM patient")}
    paths = [f"/documents/{d}/view" for d, _ in documents] + \
            [f"/imaging/{p}/images.zip" for p in patients]
    served = await _served(app_server, signin.staff_cookie(app_server, email), paths)
    role = demo.one("SELECT role FROM membership WHERE user_id = ?", demo.user(email)).upper()
    seen = demo.clinic_patients(email) if role in ("CLINICIAN", "ASSISTANT") else set()
    expected = {f"/documents/{d}/view" for d, p in documents if p in seen} | \
               {f"/imaging/{p}/images.zip" for p in seen}
    assert served == expected, (sorted(served - expected), sorted(expected - served))


async def test_a_phone_gets_the_views_and_zips_of_its_own_patients(app_server, demo):
    cookie, patients = _sign_in_phone_for_all_its_patients(app_server, signin.CAMILLE)
    every_patient = {p for (p,) in demo.rows("SELECT id FROM patient")}
    documents = demo.rows("SELECT id, patient_id, stored_file_id FROM shareddocument")
    paths = [f"/documents/{d}/view" for d, _, _ in documents] + \
            [f"/imaging/{p}/images.zip" for p in every_patient]
    served = await _served(app_server, cookie, paths)
    shown = demo.phone_files(signin.CAMILLE["phone_e164"], patients)
    expected = {f"/documents/{d}/view" for d, _, f in documents if f in shown} | \
               {f"/imaging/{p}/images.zip" for p in patients}
    assert served == expected, (sorted(served - expected), sorted(expected - served))
