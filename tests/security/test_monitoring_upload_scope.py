"""Uploads of the monitoring area, attacked over the real websocket and upload route:
- an ordinary clinician cannot add a 3D model to another clinician's patient;
- a patient cannot take a scan for a patient not chosen at login, nor while monitoring is
  stopped. Each refusal is audited and writes nothing."""

from __future__ import annotations

import sqlite3
from datetime import date

import httpx
import pytest
from sqlmodel import Session, create_engine

from ortho_app.core.security.sessions import COOKIE_NAME, open_session
from ortho_app.models import Patient, SessionKind
from ortho_app.services.models3d import meshes
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.workspaces.clinic.patient_models.upload import ModelUploadState
from ortho_app.workspaces.patient.monitoring.state import PatientMonitoringState
from ortho_app.workspaces.patient.workspace import PatientAppState
from tests.support import signin
from tests.support.files import image_bytes
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
UPLOAD = ModelUploadState.get_full_name()
SCAN = PatientMonitoringState.get_full_name()
APP = PatientAppState.get_full_name()


def db(server):
    return sqlite3.connect(server.data_dir / "app.db")


def count(server, sql: str, *args) -> int:
    with db(server) as conn:
        return conn.execute(sql, args).fetchone()[0]


async def upload(server, tab: ReflexClient, handler: str, name: str, data: bytes) -> str:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        response = await client.post("/_upload", files={"files": (name, data)}, headers={
            "Reflex-Client-Token": tab.token, "Reflex-Event-Handler": handler,
            "Cookie": tab.cookie})
    return response.text


@pytest.fixture(scope="module")
def foreign(app_server):
    with db(app_server) as conn:
        (user_id,) = conn.execute("SELECT id FROM staffuser WHERE email = "
                                  "'clinician@demo.clinic'").fetchone()
        (pid, name) = conn.execute(
            "SELECT id, last_name FROM patient WHERE institution_id = (SELECT institution_id "
            "FROM patient WHERE last_name = 'Martin' AND first_name = 'Camille') AND id NOT IN "
            "(SELECT patient_id FROM patientclinician WHERE user_id = ?) LIMIT 1",
            (user_id,)).fetchone()
    return pid, name


async def test_ordinary_clinician_cannot_add_a_model_to_another_patient(app_server, foreign):
    pid, name = foreign
    vertices, faces = meshes.generate_arch(2_000, seed=3)
    stl = meshes.to_binary_stl(vertices, faces)
    before = count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?", pid)
    cookie = signin.staff_cookie(app_server, "clinician@demo.clinic")
    path = f"/clinic/patients/{pid}/models"
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        await tab.emit(f"{UPLOAD}.prepare_upload", {}, path=path, query={"patient_id": str(pid)})
        sent = await upload(app_server, tab, f"{UPLOAD}.upload_upper", "upper.stl", stl)
        assert name not in sent
        await upload(app_server, tab, f"{UPLOAD}.upload_lower", "lower.stl", stl)
        added = await tab.emit(f"{UPLOAD}.add_model", {"form": {"taken_on": ""}}, path=path)
        assert name not in repr(delta_vars(added))
    assert count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?",
                 pid) == before
    assert count(app_server, "SELECT count(*) FROM archmodel WHERE patient_id = ?", pid) == 0
    assert count(app_server, "SELECT count(*) FROM jobrecord WHERE kind = "
                 "'models.add_3d_model' AND owner LIKE 'staff:%' AND owner = (SELECT "
                 "'staff:' || id FROM staffuser WHERE email = 'clinician@demo.clinic')") == 0
    assert count(app_server, "SELECT count(*) FROM auditevent WHERE outcome = 'refused' AND "
                 "target = ? AND action LIKE 'models.%'", f"patient:{pid}") >= 2


def patient_session(server, patient_ids: list[int], *, stop: int | None = None) -> str:
    """A signed-in phone that chose `patient_ids` (made in the database: the login route's
    per-phone code limit is kept for the browser tests); `stop`: a patient whose monitoring
    the practice started, then stopped."""
    engine = create_engine(f"sqlite:///{server.data_dir}/app.db")
    with Session(engine) as session:
        if stop is not None:
            patient = session.get(Patient, stop)
            for action in (monitoring.start_monitoring, monitoring.stop_monitoring):
                kwargs = {"frequency_days": 7} if action is monitoring.start_monitoring else {}
                action(session, patient, actor="staff:test", today=date.today(), **kwargs)
        secret = open_session(session, kind=SessionKind.PATIENT, phone="+33612345678",
                              patient_ids=patient_ids)
        session.commit()
    engine.dispose()
    return f"{COOKIE_NAME}={secret}"


def _ids(server) -> tuple[int, int]:
    with db(server) as conn:
        rows = dict(conn.execute("SELECT first_name, id FROM patient WHERE last_name = "
                                 "'Martin' AND first_name IN ('Camille', 'Lucas')").fetchall())
    return rows["Camille"], rows["Lucas"]


async def test_patient_cannot_scan_for_a_patient_not_chosen_at_login(app_server):
    camille, lucas = _ids(app_server)
    scans = count(app_server, "SELECT count(*) FROM scan")
    lucas_files = count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?", lucas)
    cookie = patient_session(app_server, [camille])  # Lucas (same phone) not chosen
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        await tab.emit(f"{APP}.load_patients", {}, path="/patient")
        chosen = await tab.emit(f"{APP}.choose_patient", {"patient_id": lucas}, path="/patient")
        assert "Lucas" not in repr(delta_vars(chosen))
        await tab.emit(f"{SCAN}.start_scan", {}, path="/patient/scan")
        await upload(app_server, tab, f"{SCAN}.upload_photo", "a.jpg", image_bytes())
        sent = await tab.emit(f"{SCAN}.send_scan", {}, path="/patient/scan")
        assert delta_vars(sent).get(f"{SCAN}.error") == "incomplete"
    assert count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?",
                 lucas) == lucas_files
    assert count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ? AND "
                 "uploaded_by LIKE 'patient-session:%' AND original_name = 'smile.jpg'",
                 camille) >= 1  # the photo went to the patient chosen at login
    assert count(app_server, "SELECT count(*) FROM scan") == scans
    assert count(app_server, "SELECT count(*) FROM auditevent WHERE outcome = 'refused' AND "
                 "target = ?", f"patient:{lucas}") >= 1


async def test_patient_cannot_scan_while_monitoring_is_stopped(app_server):
    _camille, lucas = _ids(app_server)
    lucas_files = count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?", lucas)
    cookie = patient_session(app_server, [lucas], stop=lucas)
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        await tab.emit(f"{APP}.load_patients", {}, path="/patient")
        started = delta_vars(await tab.emit(f"{SCAN}.start_scan", {}, path="/patient/scan"))
        assert started.get(f"{SCAN}.state") == "stopped", started
        assert started.get(f"{SCAN}.error") == "stopped", started
        await upload(app_server, tab, f"{SCAN}.upload_photo", "a.jpg", image_bytes())
        sent = await tab.emit(f"{SCAN}.send_scan", {}, path="/patient/scan")
        assert f"{SCAN}.sent" not in delta_vars(sent)
    assert count(app_server, "SELECT count(*) FROM storedfile WHERE patient_id = ?",
                 lucas) == lucas_files
    assert count(app_server, "SELECT count(*) FROM scan WHERE patient_id = ?", lucas) == 0
