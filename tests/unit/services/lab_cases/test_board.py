"""The lab board's service: what a move asks, routing each coordinator move to the service
that owns its side effects, columns with counts/filters/limits in the lab's scope, the lab's
planning blocks, and the STL preview of a case file."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import func, select

from ortho_app.core import audit, storage
from ortho_app.models import Role
from ortho_app.models.lab_cases import LabCase, LabCaseMove, PlanningBlock
from ortho_app.services.lab_cases import board, lab_moves, moves, planning, previews
from ortho_app.services.lab_cases.files import attach_file, files_of
from ortho_app.services.lab_cases.pipeline import (
    BOARD_ORDER,
    HOLD_REASON_NEEDED,
    Actor,
    CaseStatus,
    HoldReason,
    MoveRefused,
)
from ortho_app.services.models3d import meshes
from tests.factories.lab_cases import TODAY, build_world, new_case

S = CaseStatus
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(session):
    return build_world(session)


@pytest.fixture
def lab(world):
    return world.principal(Role.LAB_COORDINATOR, world.lab)


def put(session, case: LabCase, status: CaseStatus) -> LabCase:
    moves.enter_status(session, case, status, actor="staff:test", role=Actor.LAB_COORDINATOR,
                       today=TODAY)
    session.commit()
    return case


def history(session, case) -> int:
    return session.exec(select(func.count()).select_from(LabCaseMove)
                        .where(LabCaseMove.case_id == case.id)).one()


def free_block(session, world, hours: int = 24, case_id=None) -> PlanningBlock:
    row = planning.publish_block(session, lab_id=world.lab.id, start_at=NOW + timedelta(
        hours=hours), end_at=NOW + timedelta(hours=hours + 1), actor="staff:test", now=NOW)
    session.commit()
    return row


def move(session, case, target, **kwargs):
    lab_moves.apply_lab_move(session, case, target, actor="staff:lab", today=TODAY, **kwargs)
    session.commit()


@pytest.mark.parametrize(("target", "needed"), [
    (S.MISSING_CBCT_MODELS, lab_moves.MoveInput.HOLD), (S.SHIPPED, lab_moves.MoveInput.SHIP),
    (S.PLANNING_SCHEDULED, lab_moves.MoveInput.BLOCK), (S.RECEIVED, lab_moves.MoveInput.NONE),
    (S.MANUFACTURING, lab_moves.MoveInput.NONE), ("Finished", lab_moves.MoveInput.NONE)])
def test_input_needed_by_target(target, needed):
    assert lab_moves.input_needed(target) is needed


def test_precheck_refuses_forbidden_moves_before_asking_anything(session, world):
    case = new_case(session, world)
    lab_moves.precheck(case, S.MISSING_CBCT_MODELS)  # allowed once a reason is given
    with pytest.raises(MoveRefused, match="Manufacturing starts only after"):
        lab_moves.precheck(case, S.MANUFACTURING)
    with pytest.raises(MoveRefused, match="Only a \"Finished\" case can be shipped"):
        lab_moves.precheck(case, S.SHIPPED)


def test_simple_move_keeps_ship_date_and_writes_history(session, world):
    case = new_case(session, world)
    before, moves_before = case.ship_date, history(session, case)
    move(session, case, S.RECEIVED)
    move(session, case, S.READY_TO_PLAN)
    assert case.status == S.READY_TO_PLAN and case.ship_date == before
    assert history(session, case) == moves_before + 2


def test_forbidden_move_raises_reason_and_writes_nothing(session, world):
    case = new_case(session, world)
    moves_before = history(session, case)
    with pytest.raises(MoveRefused) as refused:
        move(session, case, S.FINISHED)
    assert "Manufacturing" in refused.value.reason
    session.rollback()
    session.refresh(case)
    assert case.status == S.PROCESSING and history(session, case) == moves_before


def test_hold_needs_a_reason_turns_red_and_clears_ship_date(session, world):
    case = put(session, new_case(session, world), S.RECEIVED)
    with pytest.raises(MoveRefused, match=re.escape(HOLD_REASON_NEEDED)):
        move(session, case, S.MISSING_CBCT_MODELS)
    move(session, case, S.MISSING_CBCT_MODELS, hold_reason=HoldReason.WRONG_ARCH,
         hold_detail="Lower arch sent twice")
    assert case.status == S.MISSING_CBCT_MODELS and case.ship_date is None
    assert case.hold_reason == "Wrong arch" and case.hold_detail == "Lower arch sent twice"


def test_shipping_records_carrier_and_tracking(session, world):
    case = put(session, new_case(session, world), S.FINISHED)
    with pytest.raises(ValueError, match="carrier"):
        move(session, case, S.SHIPPED, carrier=" ", tracking_number="1Z999")
    session.rollback()
    session.refresh(case)
    assert case.status == S.FINISHED
    move(session, case, S.SHIPPED, carrier="UPS", tracking_number="1Z999AA10123456784")
    assert (case.status, case.carrier, case.tracking_number) == (
        S.SHIPPED, "UPS", "1Z999AA10123456784")
    assert case.ship_date == TODAY


def test_scheduling_books_a_block_of_the_lab(session, world):
    case = put(session, new_case(session, world), S.READY_TO_PLAN)
    with pytest.raises(ValueError, match="planning block"):
        move(session, case, S.PLANNING_SCHEDULED)
    block = free_block(session, world)
    lab_moves.apply_lab_move(session, case, S.PLANNING_SCHEDULED, actor="staff:lab",
                             today=TODAY, block_id=block.id, now=NOW)
    session.commit()
    session.refresh(block)
    assert case.status == S.PLANNING_SCHEDULED and block.case_id == case.id


@pytest.mark.parametrize(("target", "outcome"), [(S.MANUFACTURING, "done"),
                                                 (S.PLANNING_NO_SHOW, "no show")])
def test_leaving_planning_scheduled_closes_the_session(session, world, target, outcome):
    case = put(session, new_case(session, world), S.READY_TO_PLAN)
    block = free_block(session, world)
    planning.book_block(session, case, block.id, actor="staff:doc", role=Actor.DOCTOR,
                       today=TODAY, now=NOW)
    session.commit()
    move(session, case, target)
    session.refresh(block)
    assert case.status == target and block.outcome == outcome


def test_ship_dates_follow_manufacturing_and_finished(session, world):
    case = put(session, new_case(session, world), S.PLANNING_SCHEDULED)
    move(session, case, S.MANUFACTURING)  # no open session: a plain move
    assert case.ship_date == date(2026, 12, 10)  # Tuesday + 7 business days
    move(session, case, S.FINISHED)
    assert case.ship_date == date(2026, 12, 2)  # next business day


def test_board_columns_in_spec_order_with_counts_and_limits(session, world, lab):
    cases = [new_case(session, world) for _ in range(5)]
    put(session, cases[0], S.RECEIVED)
    put(session, cases[1], S.RECEIVED)
    put(session, cases[2], S.FINISHED)
    columns = board.board_columns(session, lab, board.BoardFilters(),
                                      {"Received": 1})
    assert [c.status for c in columns] == list(BOARD_ORDER)
    counts = {c.status: c.total for c in columns}
    assert counts[S.PROCESSING] == 2 and counts[S.RECEIVED] == 2 and counts[S.FINISHED] == 1
    assert len(columns[2].rows) == 1  # limit of the Received column
    assert sum(counts.values()) == 5


def test_board_filters_by_practice_case_type_and_due_date(session, world, lab):
    aligners = new_case(session, world)
    new_case(session, world, case_type="Retainers")
    by_type = board.board_columns(session, lab, board.BoardFilters(
        case_type="Retainers"))
    assert sum(c.total for c in by_type) == 1
    due = board.board_columns(session, lab, board.BoardFilters(
        ship_by=aligners.ship_date - timedelta(days=1)))
    assert sum(c.total for c in due) == (1 if aligners.ship_date > date(2026, 12, 8) else 0)
    other = board.board_columns(session, lab, board.BoardFilters(
        practice_id=world.neighbour.id))
    assert sum(c.total for c in other) == 0


def test_board_shows_nothing_to_a_lab_that_does_not_serve_the_practice(session, world):
    new_case(session, world)
    other = world.principal(Role.LAB_COORDINATOR, world.other_lab)
    assert sum(c.total for c in board.board_columns(
        session, other, board.BoardFilters())) == 0


def test_lab_blocks_name_the_booked_case(session, world):
    case = put(session, new_case(session, world), S.READY_TO_PLAN)
    free, booked = free_block(session, world, 24), free_block(session, world, 48)
    planning.book_block(session, case, booked.id, actor="staff:doc", role=Actor.DOCTOR,
                       today=TODAY, now=NOW)
    session.commit()
    rows = planning.lab_blocks(session, lab_id=world.lab.id, now=NOW)
    assert [r.block_id for r in rows] == [free.id, booked.id]
    assert rows[0].case_id is None and rows[0].patient_name == ""
    assert rows[1].case_id == case.id and rows[1].patient_name == "MARTIN Camille"
    assert rows[1].start_at.utcoffset() == timedelta(hours=1)  # Paris time in December
    assert planning.lab_blocks(session, lab_id=world.other_lab.id, now=NOW) == []


def attach_arch(session, case) -> None:
    vertices, faces = meshes.generate_arch(3_000, seed=1)
    stored_stl = storage.save_stream([meshes.to_binary_stl(vertices, faces)],
                                     original_name="upper.stl", session=session)
    attach_file(session, case, stored_stl, actor="staff:test")
    session.commit()


def test_stl_preview_of_a_case_file_only(session, world):
    case = new_case(session, world, files=("pdf",))
    attach_arch(session, case)
    other = new_case(session, world, files=("stl",))
    by_kind = {f.kind: f.file_id for f in files_of(session, case.id)}
    stored = previews.case_stl(session, case.id, by_kind["STL"])
    figure = previews.stl_figure(stored)
    assert len(figure.data) == 1 and figure.data[0].type == "mesh3d"
    assert figure.data[0].name == "upper.stl"
    with pytest.raises(previews.PreviewError):
        previews.case_stl(session, case.id, by_kind["PDF"])
    other_stl = files_of(session, other.id)[0].file_id
    with pytest.raises(previews.PreviewError):
        previews.case_stl(session, case.id, other_stl)
    storage.delete_file(stored)
    previews._MESHES.clear()
    with pytest.raises(previews.PreviewError, match="missing"):
        previews.stl_figure(stored)


def test_actor_names(session, world):
    names = audit.actor_names(session, [f"staff:{world.manager.id}", "staff:999999",
                                            "system", "staff:x"])
    assert names[f"staff:{world.manager.id}"] == world.manager.full_name
    assert names["staff:999999"] == "staff:999999" and names["system"] == "system"
