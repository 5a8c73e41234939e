"""An ordinary clinician cannot reach another clinician's patient through any clinic handler
(card, "New action", review, to-do), even by naming the record directly."""

from __future__ import annotations

import sqlite3

import pytest

from ortho_app.workspaces.clinic.patient_card.state import PatientCardState
from ortho_app.workspaces.clinic.review.state import ReviewState
from ortho_app.workspaces.clinic.todo.state import TodoState
from tests.support import signin
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
CARD = PatientCardState.get_full_name()
REVIEW = ReviewState.get_full_name()
TODO = TodoState.get_full_name()


@pytest.fixture(scope="module")
def foreign(app_server):
    """Records of the demo practice that clinician@demo.clinic is NOT assigned to."""
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (user_id,) = db.execute("SELECT id FROM staffuser WHERE email = "
                                "'clinician@demo.clinic'").fetchone()
        mine = "SELECT patient_id FROM patientclinician WHERE user_id = ?"
        (scan_id, patient_id) = db.execute(
            f"SELECT id, patient_id FROM scan WHERE patient_id NOT IN ({mine}) LIMIT 1",
            (user_id,)).fetchone()
        (todo_id,) = db.execute(
            f"SELECT id FROM todoitem WHERE patient_id NOT IN ({mine}) LIMIT 1",
            (user_id,)).fetchone() or (None,)
        (name,) = db.execute("SELECT last_name FROM patient WHERE id = ?",
                             (patient_id,)).fetchone()
        audits = db.execute("SELECT count(*) FROM auditevent WHERE outcome='refused'").fetchone()
    return {"patient": patient_id, "scan": scan_id, "todo": todo_id, "name": name,
            "audits": audits[0]}


def no_record(updates, name: str) -> None:
    sent = delta_vars(updates)
    assert name not in repr(sent), sent
    assert not [k for k in sent if k.endswith((".history", ".photos", ".compare_photos"))
                and sent[k]], sent


async def test_ordinary_clinician_cannot_reach_other_patients(app_server, foreign):
    cookie = signin.staff_cookie(app_server, "clinician@demo.clinic")
    pid, sid = str(foreign["patient"]), str(foreign["scan"])
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        card = await tab.emit(f"{CARD}.load_card", {}, path=f"/clinic/patients/{pid}",
                              query={"patient_id": pid})
        no_record(card, foreign["name"])
        await tab.emit(f"{CARD}.open_action", {"action": "message"},
                       path=f"/clinic/patients/{pid}", query={"patient_id": pid})
        sent = await tab.emit(f"{CARD}.submit_action", {"form": {"text": "hi"}},
                              path=f"/clinic/patients/{pid}", query={"patient_id": pid})
        no_record(sent, foreign["name"])
        review = await tab.emit(f"{REVIEW}.load_scan", {}, path=f"/clinic/review/{sid}",
                                query={"scan_id": sid})
        no_record(review, foreign["name"])
        compare = await tab.emit(f"{REVIEW}.compare_with", {"scan_id": foreign["scan"]},
                                 path="/clinic/review")
        no_record(compare, foreign["name"])
        verdict = await tab.emit(f"{REVIEW}.record_verdict", {"verdict": "go", "note": ""},
                                 path="/clinic/review")
        no_record(verdict, foreign["name"])
        if foreign["todo"]:
            await tab.emit(f"{TODO}.toggle", {"item_id": foreign["todo"], "done": True},
                           path="/clinic/todo")
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (refused,) = db.execute("SELECT count(*) FROM auditevent WHERE outcome='refused' AND "
                                "target = ?", (f"patient:{pid}",)).fetchone()
        (messages,) = db.execute("SELECT count(*) FROM monitoringevent WHERE patient_id = ? "
                                 "AND kind = 'message' AND text = 'hi'", (pid,)).fetchone()
    assert refused >= 3 and messages == 0
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (by_him,) = db.execute("SELECT count(*) FROM scan WHERE reviewed_by = ?",
                               (f"staff:{_user_id(db)}",)).fetchone()
    assert by_him == 0


def _user_id(db) -> int:
    return db.execute("SELECT id FROM staffuser WHERE email = 'clinician@demo.clinic'"
                      ).fetchone()[0]


async def test_manager_can_open_the_same_patient(app_server, foreign):
    cookie = signin.staff_cookie(app_server, "manager@demo.clinic")
    pid = str(foreign["patient"])
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        card = await tab.emit(f"{CARD}.load_card", {}, path=f"/clinic/patients/{pid}",
                              query={"patient_id": pid})
    assert foreign["name"] in repr(delta_vars(card))
