"""Patient app core: patient A cannot read or change patient B (appointments, calendar,
details, switcher, adding a patient), and staff of another practice cannot accept a
patient's proposed change. Refusals are audited and write nothing."""

from __future__ import annotations

import sqlite3

import pytest

from ortho_app.workspaces.clinic.changes.state import ChangesState
from ortho_app.workspaces.patient.appointments.state import AppointmentsState
from ortho_app.workspaces.patient.info.state import InfoState
from ortho_app.workspaces.patient.patients.state import ManagePatientsState
from ortho_app.workspaces.patient.workspace import PatientAppState
from tests.support import signin
from tests.support.options import practice_options
from tests.support.ws import ReflexClient, delta_vars, events_sent

pytestmark = pytest.mark.e2e
APPOINTMENTS = AppointmentsState.get_full_name()
INFO = InfoState.get_full_name()
MANAGE = ManagePatientsState.get_full_name()
SWITCH = PatientAppState.get_full_name()
CHANGES = ChangesState.get_full_name()


def db(app_server):
    return sqlite3.connect(app_server.data_dir / "app.db")


@pytest.fixture(scope="module")
def ids(app_server):
    with db(app_server) as conn:
        def pid(first, last):
            return conn.execute("SELECT id FROM patient WHERE first_name=? AND last_name=?",
                                (first, last)).fetchone()[0]
        camille, thomas = pid("Camille", "Martin"), pid("Thomas", "Dubois")
        (appt,) = conn.execute("SELECT id FROM appointment WHERE patient_id=? ORDER BY "
                               "starts_at DESC LIMIT 1", (camille,)).fetchone()
    return {"camille": camille, "thomas": thomas, "camille_appt": appt}


@pytest.fixture(scope="module")
def cookies(app_server):
    """One sign-in per phone (codes are throttled per phone and per address)."""
    return {"thomas": signin.patient_cookie(app_server, **signin.THOMAS),
            "camille": signin.patient_cookie(app_server, **signin.CAMILLE)}


def refused_count(app_server, target: str) -> int:
    with db(app_server) as conn:
        return conn.execute("SELECT count(*) FROM auditevent WHERE outcome='refused' AND "
                            "target=?", (target,)).fetchone()[0]


def downloads(updates) -> list:
    return [e for e in events_sent(updates) if "download" in e.get("name", "")]


async def test_patient_cannot_reach_another_patients_records(app_server, ids, cookies):
    thomas = cookies["thomas"]
    before = refused_count(app_server, f"patient:{ids['camille']}")
    async with ReflexClient(app_server.url, cookie=thomas) as tab:
        got = await tab.emit(f"{APPOINTMENTS}.add_to_calendar",
                             {"appointment_id": ids["camille_appt"]},
                             path="/patient/appointments")
        assert downloads(got) == [] and "Camille" not in repr(delta_vars(got))
        await tab.emit(f"{INFO}.propose", {"form": {
            "patient_id": str(ids["camille"]), "last_name": "Martin", "first_name": "Camille",
            "email": "pirate@example.fr"}}, path="/patient/info")
        switched = await tab.emit(f"{SWITCH}.choose_patient", {"patient_id": ids["camille"]},
                                  path="/patient")
        assert "Camille" not in repr(delta_vars(switched))
        added = await tab.emit(f"{MANAGE}.add", {"form": {
            "last_name": "Martin", "first_name": "Camille", "birth": "2011-03-14"}},
            path="/patient/patients")
        assert any(v == "check" for k, v in delta_vars(added).items() if k.endswith(".outcome"))
        own = await tab.emit(f"{APPOINTMENTS}.load_list", {}, path="/patient/appointments")
    rows = [r for k, v in delta_vars(own).items() if k.endswith(".rows") for r in v]
    assert rows and all("Camille" not in repr(r) for r in rows)
    assert refused_count(app_server, f"patient:{ids['camille']}") >= before + 3
    with db(app_server) as conn:
        assert conn.execute("SELECT count(*) FROM patientinfochange WHERE email = "
                            "'pirate@example.fr'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM calendaraddition WHERE appointment_id=?",
                            (ids["camille_appt"],)).fetchone()[0] == 0
        sessions = conn.execute("SELECT patient_ids FROM authsession WHERE phone = "
                                "'+33698765432'").fetchall()
    assert all(str(ids["camille"]) not in row[0].split(",") for row in sessions)


async def test_other_practice_cannot_accept_a_change(app_server, ids, cookies):
    camille = cookies["camille"]
    async with ReflexClient(app_server.url, cookie=camille) as tab:
        await tab.emit(f"{INFO}.propose", {"form": {
            "patient_id": str(ids["camille"]), "last_name": "Martin", "first_name": "Camille",
            "email": "camille.scope@example.fr", "phone": "", "address": "1 rue Test"}},
            path="/patient/info")
    with db(app_server) as conn:
        (change_id,) = conn.execute("SELECT id FROM patientinfochange WHERE email = "
                                    "'camille.scope@example.fr'").fetchone()
    neighbour = signin.staff_cookie(app_server, "voisin@other.clinic")
    async with ReflexClient(app_server.url, cookie=neighbour) as tab:
        listed = await tab.emit(f"{CHANGES}.load_changes", {}, path="/clinic/changes")
        assert "camille.scope" not in repr(delta_vars(listed))
        await tab.emit(f"{CHANGES}.decide", {"change_id": change_id, "accept": True},
                       path="/clinic/changes")
    async with ReflexClient(app_server.url, cookie=cookies["thomas"]) as tab:
        wrong_role = await tab.emit(f"{CHANGES}.decide", {"change_id": change_id,
                                                          "accept": True},
                                    path="/clinic/changes")
    assert any(e.get("name", "").endswith("_redirect") for e in events_sent(wrong_role))
    with db(app_server) as conn:
        status, = conn.execute("SELECT status FROM patientinfochange WHERE id=?",
                               (change_id,)).fetchone()
        email, = conn.execute("SELECT email FROM patient WHERE id=?",
                              (ids["camille"],)).fetchone()
    assert status == "PENDING" and email != "camille.scope@example.fr"
    assert refused_count(app_server, f"patient:{ids['camille']}") >= 1
    manager = signin.staff_cookie(app_server, "manager@demo.clinic")
    async with ReflexClient(app_server.url, cookie=manager) as tab:
        listed = await tab.emit(f"{CHANGES}.load_changes", {}, path="/clinic/changes")
        assert "camille.scope@example.fr" in repr(delta_vars(listed))
        await tab.emit(f"{CHANGES}.decide", {"change_id": change_id, "accept": False},
                       path="/clinic/changes")
    with db(app_server) as conn:
        status, = conn.execute("SELECT status FROM patientinfochange WHERE id=?",
                               (change_id,)).fetchone()
    assert status == "REJECTED"


@pytest.mark.parametrize("bad", ["1e9", {}, [1], True, -5])
async def test_malformed_calendar_argument_refused(app_server, cookies, bad):
    async with ReflexClient(app_server.url, cookie=cookies["thomas"]) as tab:
        got = await tab.emit(f"{APPOINTMENTS}.add_to_calendar", {"appointment_id": bad},
                             path="/patient/appointments")
    assert downloads(got) == []
    assert any("toast" in repr(e) for e in events_sent(got)), got


async def test_appointments_module_off_hides_and_refuses(app_server, ids, cookies):
    with db(app_server) as conn:
        (practice,) = conn.execute("SELECT institution_id FROM patient WHERE id=?",
                                   (ids["thomas"],)).fetchone()
    with practice_options(app_server, practice, appointments=0):
        async with ReflexClient(app_server.url, cookie=cookies["thomas"]) as tab:
            shell = delta_vars(await tab.emit(f"{SWITCH}.load_patients", {}, path="/patient"))
            modules = next(v for k, v in shell.items() if k.endswith(".enabled_modules"))
            listed = await tab.emit(f"{APPOINTMENTS}.load_list", {},
                                    path="/patient/appointments")
            home = await tab.emit(f"{APPOINTMENTS}.load_home", {}, path="/patient")
    assert "appointments" not in modules and "messaging" in modules
    assert not [v for k, v in delta_vars(listed).items() if k.endswith(".rows") and v]
    assert any("toast" in repr(e) for e in events_sent(listed))
    assert not [v for k, v in delta_vars(home).items() if k.endswith(".next_rows") and v]
