"""A clinician of another practice (Cabinet Voisin) cannot see or change the cases of Demo
Orthodontics through any handler of the clinic's Cases pages, nor through the .ics route."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from ortho_app.workspaces.clinic.cases.case_state import CaseViewState
from ortho_app.workspaces.clinic.cases.list_state import CasesListState
from ortho_app.workspaces.clinic.cases.new_state import CaseConfirmationState, NewCaseState
from tests.support import signin
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
LIST = CasesListState.get_full_name()
NEW = NewCaseState.get_full_name()
CONFIRM = CaseConfirmationState.get_full_name()
VIEW = CaseViewState.get_full_name()


def snapshot(db) -> tuple:
    return (db.execute("SELECT count(*) FROM labcase").fetchone()[0],
            db.execute("SELECT count(*) FROM labcasemove").fetchone()[0],
            db.execute("SELECT count(*) FROM labcase WHERE archived").fetchone()[0],
            db.execute("SELECT count(*) FROM planningslot WHERE case_id IS NOT NULL"
                       ).fetchone()[0])


@pytest.fixture(scope="module")
def demo(app_server):
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        ready = db.execute("SELECT c.id, p.last_name, c.patient_id FROM labcase c JOIN patient p "
                           "ON p.id = c.patient_id WHERE c.status = 'Ready to Plan' "
                           "ORDER BY c.id LIMIT 1").fetchone()
        (scheduled,) = db.execute("SELECT id FROM labcase WHERE status = 'Planning Scheduled' "
                                  "LIMIT 1").fetchone()
        (block,) = db.execute("SELECT id FROM planningslot WHERE case_id IS NULL "
                             "LIMIT 1").fetchone()
        names = {r[0] for r in db.execute(
            "SELECT p.last_name FROM labcase c JOIN patient p ON p.id = c.patient_id")}
    return {"case": ready[0], "name": ready[1], "patient": ready[2], "scheduled": scheduled,
            "block": block, "names": names}


def leaks(updates, names) -> list[str]:
    sent = repr(delta_vars(updates))
    return [n for n in names if len(n) > 3 and n in sent]


async def test_other_practice_clinician_reaches_no_case(app_server, demo):
    cookie = signin.staff_cookie(app_server, "voisin@other.clinic")
    cid = str(demo["case"])
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        before = snapshot(db)
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        listed = await tab.emit(f"{LIST}.load_cases", {}, path="/clinic/cases")
        assert leaks(listed, demo["names"]) == []
        for sort in ("patient", "ship_date"):
            assert leaks(await tab.emit(f"{LIST}.sort_by", {"key": sort},
                                        path="/clinic/cases"), demo["names"]) == []
        assert leaks(await tab.emit(f"{LIST}.show_archived", {"checked": True},
                                    path="/clinic/cases"), demo["names"]) == []
        await tab.emit(f"{LIST}.archive", {"case_id": demo["case"]}, path="/clinic/cases")
        for path, handler in ((f"/clinic/cases/{cid}", f"{VIEW}.load_case"),
                              (f"/clinic/cases/{cid}/confirmation",
                               f"{CONFIRM}.load_confirmation")):
            opened = await tab.emit(handler, {}, path=path, query={"case_id": cid})
            assert leaks(opened, demo["names"]) == [], handler
        for handler, payload in ((f"{VIEW}.choose_block", {"value": str(demo["block"])}),
                                 (f"{VIEW}.schedule", {}), (f"{VIEW}.toggle_tooth", {"fdi": 11}),
                                 (f"{VIEW}.resubmit", {})):
            await tab.emit(handler, payload, path=f"/clinic/cases/{cid}",
                           query={"case_id": cid})
        await tab.emit(f"{NEW}.load_new", {}, path="/clinic/cases/new")
        for handler, payload in ((f"{NEW}.choose_patient", {"value": str(demo["patient"])}),
                                 (f"{NEW}.choose_case_type", {"value": "Retainers"}),
                                 (f"{NEW}.toggle_tooth", {"fdi": 11}),
                                 (f"{NEW}.edit_rx", {"text": "Stolen"}),
                                 (f"{NEW}.submit_case", {})):
            await tab.emit(handler, payload, path="/clinic/cases/new")
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        assert snapshot(db) == before
        refused = {r[0] for r in db.execute(
            "SELECT target FROM auditevent WHERE outcome = 'refused' AND actor IN "
            "(SELECT 'staff:' || id FROM staffuser WHERE email = 'voisin@other.clinic')")}
    assert {f"case:{cid}", f"patient:{demo['patient']}"} <= refused


def test_ics_route_needs_a_session_and_the_case(app_server, demo):
    url = f"/calendar/cases/{demo['scheduled']}/planning.ics"
    with httpx.Client(base_url=app_server.url) as client:
        assert client.get(url).status_code == 401
        other = client.get(url, headers={
            "cookie": signin.staff_cookie(app_server, "voisin@other.clinic")})
        assert other.status_code == 404 and "VCALENDAR" not in other.text
        mine = client.get(url, headers={
            "cookie": signin.staff_cookie(app_server, "manager@demo.clinic")})
        assert mine.status_code == 200 and "BEGIN:VEVENT" in mine.text
        unscheduled = client.get(f"/calendar/cases/{demo['case']}/planning.ics", headers={
            "cookie": signin.staff_cookie(app_server, "manager@demo.clinic")})
        assert unscheduled.status_code == 404
