"""A lab coordinator cannot see or move a case of a practice the lab does not serve through
any handler of the lab pages (board, case page, planning), even by naming it directly.

The foreign cases belong to "Cabinet Voisin", which Demo Lab does not serve: one addressed to
Demo Lab itself (the link is what counts, not the case's lab) and one sent to another lab.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, create_engine, func, select

from ortho_app.models import (
    AuditEvent,
    Institution,
    InstitutionKind,
    LabService,
    Patient,
    StoredFile,
)
from ortho_app.models.lab_cases import (
    LabCase,
    LabCaseFile,
    LabCaseMove,
    LabCaseNote,
    PlanningBlock,
)
from ortho_app.workspaces.lab.board.state import BoardState
from ortho_app.workspaces.lab.case.state import LabCaseState
from ortho_app.workspaces.lab.planning.state import PlanningState
from ortho_app.workspaces.lab.workspace import LabState
from tests.support import signin
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
BOARD, CASE = BoardState.get_full_name(), LabCaseState.get_full_name()
BLOCKS, SHELL = PlanningState.get_full_name(), LabState.get_full_name()


def _foreign_case(session: Session, patient: Patient, lab_id: int, status: str) -> LabCase:
    case = LabCase(practice_id=patient.institution_id, lab_id=lab_id, patient_id=patient.id,
                   case_type="Aligners", teeth="11,21", rx_description="Foreign RX",
                   status=status, clock_started_on=date.today(),
                   ship_date=date.today() + timedelta(days=9))
    session.add(case)
    session.flush()
    stored = session.exec(select(StoredFile).where(StoredFile.content_type == "model/stl")
                          ).first()
    if stored is not None:  # any STL: the case link is what the preview checks
        session.add(LabCaseFile(case_id=case.id, stored_file_id=stored.id, kind="STL"))
    return case


@pytest.fixture(scope="module")
def foreign(app_server):
    engine = create_engine(f"sqlite:///{app_server.data_dir / 'app.db'}")
    with Session(engine, expire_on_commit=False) as session:
        neighbour = session.exec(select(Institution).where(
            Institution.name == "Cabinet Voisin")).one()
        demo_lab = session.exec(select(Institution).where(Institution.name == "Demo Lab")).one()
        assert session.exec(select(LabService).where(
            LabService.lab_id == demo_lab.id,
            LabService.practice_id == neighbour.id)).first() is None
        other_lab = Institution(name="Other Lab (scope test)", kind=InstitutionKind.LAB)
        session.add(other_lab)
        session.flush()
        session.add(LabService(lab_id=other_lab.id, practice_id=neighbour.id))
        patient = session.exec(select(Patient).where(
            Patient.institution_id == neighbour.id)).first()
        mine = _foreign_case(session, patient, demo_lab.id, "Received")
        theirs = _foreign_case(session, patient, other_lab.id, "Planning Scheduled")
        start = datetime.now(UTC) + timedelta(days=3)
        session.add(PlanningBlock(lab_id=demo_lab.id, start_at=start,
                                 end_at=start + timedelta(hours=1), case_id=mine.id,
                                 booked_by="staff:0", booked_at=datetime.now(UTC)))
        served_case = session.exec(select(LabCase).where(
            LabCase.lab_id == demo_lab.id, LabCase.practice_id != neighbour.id)).first()
        session.commit()
        file_id = session.exec(select(LabCaseFile.stored_file_id).where(
            LabCaseFile.case_id == mine.id)).first()
        result = {"cases": [mine.id, theirs.id], "name": patient.last_name,
                  "neighbour": neighbour.id, "file": file_id or 1,
                  "served": served_case.id if served_case else None, "engine": engine}
    yield result
    engine.dispose()


def _no_foreign(updates, foreign) -> None:
    sent = repr(delta_vars(updates))
    assert foreign["name"] not in sent and "Foreign RX" not in sent, sent


def _counts(engine, case_ids):
    with Session(engine) as session:
        statuses = [session.get(LabCase, cid).status for cid in case_ids]
        moves = session.exec(select(func.count()).select_from(LabCaseMove).where(
            col(LabCaseMove.case_id).in_(case_ids))).one()
        notes = session.exec(select(func.count()).select_from(LabCaseNote).where(
            col(LabCaseNote.case_id).in_(case_ids))).one()
        outcomes = session.exec(select(PlanningBlock.outcome).where(
            col(PlanningBlock.case_id).in_(case_ids))).all()
    return statuses, moves, notes, outcomes


async def test_unserved_practice_cases_are_out_of_reach(app_server, foreign):
    cookie = signin.staff_cookie(app_server, "coordinator@demo.lab")
    before = _counts(foreign["engine"], foreign["cases"])
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        _no_foreign(await tab.emit(f"{SHELL}.load_practices", {}, path="/lab"), foreign)
        _no_foreign(await tab.emit(f"{BOARD}.load_board", {}, path="/lab"), foreign)
        _no_foreign(await tab.emit(f"{BOARD}.change_filter", {
            "name": "practice_id", "value": str(foreign["neighbour"])}, path="/lab"), foreign)
        _no_foreign(await tab.emit(f"{BOARD}.show_more", {"status": "Received"},
                                   path="/lab"), foreign)
        for cid in foreign["cases"]:
            for target in ("Ready to Plan", "Manufacturing", "Planning No Show",
                           "Missing CBCT/Models", "Shipped"):
                _no_foreign(await tab.emit(f"{BOARD}.drop_case", {
                    "status": target, "case_id": str(cid)}, path="/lab"), foreign)
                _no_foreign(await tab.emit(f"{BOARD}.choose_move", {
                    "case_id": cid, "status": target}, path="/lab"), foreign)
            _no_foreign(await tab.emit(f"{BOARD}.confirm_move", {"form": {
                "carrier": "UPS", "tracking_number": "1Z", "hold_reason": "Other",
                "block_id": 1}}, path="/lab"), foreign)
            path = f"/lab/cases/{cid}"
            _no_foreign(await tab.emit(f"{CASE}.load_case", {}, path=path,
                                       query={"case_id": str(cid)}), foreign)
            _no_foreign(await tab.emit(f"{CASE}.add_note", {"form": {"body": "x"}},
                                       path=path), foreign)
            _no_foreign(await tab.emit(f"{CASE}.preview", {"file_id": foreign["file"]},
                                       path=path), foreign)
            _no_foreign(await tab.emit(f"{CASE}.choose_move", {
                "case_id": cid, "status": "Ready to Plan"}, path=path), foreign)
            for outcome in ("done", "no_show"):
                _no_foreign(await tab.emit(f"{BLOCKS}.close_session", {
                    "case_id": cid, "outcome": outcome}, path="/lab/planning"), foreign)
        _no_foreign(await tab.emit(f"{BLOCKS}.load_blocks", {}, path="/lab/planning"), foreign)
        if foreign["served"]:  # an authorized case open, a foreign case's file named
            path = f"/lab/cases/{foreign['served']}"
            await tab.emit(f"{CASE}.load_case", {}, path=path,
                           query={"case_id": str(foreign["served"])})
            preview = await tab.emit(f"{CASE}.preview", {"file_id": foreign["file"]},
                                     path=path, wait=8)
            assert not [v for k, v in delta_vars(preview).items()
                        if k.endswith(".preview_name") and v], delta_vars(preview)
    assert _counts(foreign["engine"], foreign["cases"]) == before
    with Session(foreign["engine"]) as session:
        targets = [f"case:{cid}" for cid in foreign["cases"]]
        refused = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.outcome == "refused", col(AuditEvent.target).in_(targets))).one()
    assert refused >= 2 * 10  # every drop, choice, load and close was audited
