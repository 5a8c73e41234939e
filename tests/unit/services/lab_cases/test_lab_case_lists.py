"""Lab cases: who sees which case (authorize_case, lists), list order and paging, planning
sessions and shipping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from ortho_app.core.authz import Refused
from ortho_app.models import AuditEvent, Role
from ortho_app.models.lab_cases import LabCase, PlanningBlock
from ortho_app.services.lab_cases import listing, moves, planning, shipping
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.pipeline import Actor, CaseStatus, MoveRefused
from tests.factories.lab_cases import TODAY, build_world, new_case

LAB = "staff:lab"
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(session):
    return build_world(session)


def put(session, case, status: CaseStatus | str):
    moves.enter_status(session, case, status, actor=LAB, role=Actor.LAB_COORDINATOR,
                       today=TODAY)
    session.commit()
    return case


# --- authorize_case --------------------------------------------------------------------------

def test_practice_doctor_and_serving_lab_may_open_the_case(session, world):
    case = new_case(session, world)
    assert authorize_case(session, world.principal(world.manager), case.id, action="t") is case
    assert authorize_case(session, world.principal(world.clinician), case.id, action="t")
    lab = world.principal(Role.LAB_COORDINATOR, world.lab)
    assert authorize_case(session, lab, case.id, action="t") is case


@pytest.mark.parametrize("who", ["neighbour", "other_lab", "unassigned", "admin"])
def test_others_are_refused_and_audited(session, world, who):
    patient = world.unassigned if who == "unassigned" else world.patient
    case = new_case(session, world, patient=patient)
    principal = {
        "neighbour": lambda: world.principal(Role.CLINICIAN, world.neighbour, sees_all=True),
        "other_lab": lambda: world.principal(Role.LAB_COORDINATOR, world.other_lab),
        "unassigned": lambda: world.principal(world.clinician),
        "admin": lambda: world.principal(Role.PRACTICE_ADMIN, world.practice),
    }[who]()
    with pytest.raises(Refused):
        authorize_case(session, principal, case.id, action="case.view")
    refusal = session.exec(select(AuditEvent).where(AuditEvent.outcome == "refused")).one()
    assert refusal.target == f"case:{case.id}" and refusal.action == "case.view"
    assert listing.list_cases(session, principal).total == 0


@pytest.mark.parametrize("bad", ["1", 1.5, None, [1], {"id": 1}, True])
def test_malformed_case_ids_are_refused(session, world, bad):
    with pytest.raises(Refused):
        authorize_case(session, world.principal(world.manager), bad, action="t")


def test_lab_loses_access_when_it_no_longer_serves_the_practice(session, world):
    case = new_case(session, world)
    from ortho_app.models import LabService

    session.delete(session.exec(select(LabService).where(
        LabService.lab_id == world.lab.id)).one())
    session.commit()
    with pytest.raises(Refused):
        authorize_case(session, world.principal(Role.LAB_COORDINATOR, world.lab), case.id,
                       action="t")


# --- lists -----------------------------------------------------------------------------------

def test_default_order_is_red_yellow_green_white(session, world):
    statuses = ["Shipped", "Processing", "Planning Scheduled", "Missing CBCT/Models",
                "Ready to Plan", "Manufacturing", "Planning No Show"]
    for status in statuses:
        put(session, new_case(session, world), status)
    page = listing.list_cases(session, world.principal(world.manager))
    assert [r.colour for r in page.rows] == ["red", "red", "yellow", "yellow", "green",
                                             "white", "white"]
    assert [r.status for r in page.rows] == [
        "Missing CBCT/Models", "Planning No Show", "Ready to Plan", "Processing",
        "Planning Scheduled", "Manufacturing", "Shipped"]


def test_every_header_sorts_both_ways(session, world):
    first = new_case(session, world, patient=world.unassigned)
    second = new_case(session, world, today=date(2026, 12, 3))
    put(session, first, "Missing CBCT/Models")
    principal = world.principal(world.manager)
    for sort in listing.SORTS:
        up = [r.case_id for r in listing.list_cases(session, principal, sort=sort).rows]
        down = [r.case_id for r in listing.list_cases(session, principal, sort=sort,
                                                      descending=True).rows]
        assert sorted(up) == [first.id, second.id] and len(down) == 2, sort
    by_patient = listing.list_cases(session, principal, sort="patient").rows
    assert [r.patient_name for r in by_patient] == ["MARTIN Camille", "ZOLA Emile"]
    by_ship = listing.list_cases(session, principal, sort="ship_date", descending=True).rows
    assert by_ship[-1].ship_date is None  # on hold: no ship date, last either way
    with pytest.raises(ValueError):
        listing.list_cases(session, principal, sort="status; drop table labcase")


def test_archived_cases_only_under_show_only_archived(session, world):
    from ortho_app.services.lab_cases.cases import archive_case

    kept, archived = new_case(session, world), new_case(session, world)
    archive_case(session, archived)
    session.commit()
    principal = world.principal(world.manager)
    assert [r.case_id for r in listing.list_cases(session, principal).rows] == [kept.id]
    assert [r.case_id for r in listing.list_cases(session, principal, archived=True).rows] == [
        archived.id]


def test_ordinary_clinician_sees_only_assigned_patients_cases(session, world):
    new_case(session, world, patient=world.unassigned)
    mine = new_case(session, world)
    rows = listing.list_cases(session, world.principal(world.clinician)).rows
    assert [r.case_id for r in rows] == [mine.id]


def test_paging_and_lab_filters(session, world):
    for n in range(7):
        new_case(session, world, case_type="Retainers" if n % 2 else "Aligners")
    lab = world.principal(Role.LAB_COORDINATOR, world.lab)
    page = listing.list_cases(session, lab, page=1, page_size=3, sort="case_id")
    assert page.total == 7 and len(page.rows) == 3
    assert listing.list_cases(session, lab, case_type="Retainers").total == 3
    assert listing.list_cases(session, lab, statuses=["Received"]).total == 0
    assert listing.status_counts(session, lab) == {"Processing": 7}


# --- planning --------------------------------------------------------------------------------

def free_block(session, world, hours=24, lab=None):
    start = NOW + timedelta(hours=hours)
    made = planning.publish_block(session, lab_id=(lab or world.lab).id, start_at=start,
                                 end_at=start + timedelta(hours=1), actor=LAB, now=NOW)
    session.commit()
    return made


def test_publish_refuses_overlaps_past_and_naive_times(session, world):
    free_block(session, world)
    with pytest.raises(ValueError, match="overlaps"):
        free_block(session, world, hours=24)
    with pytest.raises(ValueError, match="future"):
        free_block(session, world, hours=-2)
    with pytest.raises(ValueError, match="time zone"):
        planning.publish_block(session, lab_id=world.lab.id, start_at=datetime(2027, 1, 1),
                              end_at=datetime(2027, 1, 1, 1), actor=LAB)


def test_doctor_books_a_free_block_once_and_it_is_then_fixed(session, world):
    case = put(session, new_case(session, world), "Ready to Plan")
    block, other = free_block(session, world), free_block(session, world, hours=48)
    assert [s.block_id for s in planning.free_blocks(session, lab_id=world.lab.id, now=NOW)] == [
        block.id, other.id]
    planning.book_block(session, case, block.id, actor="staff:1", role=Actor.DOCTOR,
                       today=TODAY, now=NOW)
    session.commit()
    assert case.status == "Planning Scheduled" and block.case_id == case.id
    with pytest.raises(MoveRefused, match="cannot be changed"):
        planning.book_block(session, case, other.id, actor="staff:1", role=Actor.DOCTOR,
                           today=TODAY, now=NOW)
    second = put(session, new_case(session, world), "Ready to Plan")
    with pytest.raises(planning.BlockUnavailable):
        planning.book_block(session, second, block.id, actor="staff:1", role=Actor.DOCTOR,
                           today=TODAY, now=NOW)
    event = planning.planning_event(case, block, patient_name="Camille Martin", lab_name="Lab")
    assert event.start == block.start_at.replace(tzinfo=UTC) and "TeamViewer" in event.location


def test_blocks_of_another_lab_or_past_cannot_be_booked(session, world):
    case = put(session, new_case(session, world), "Ready to Plan")
    foreign = free_block(session, world, lab=world.other_lab)
    with pytest.raises(planning.BlockUnavailable):
        planning.book_block(session, case, foreign.id, actor="staff:1", role=Actor.DOCTOR,
                           today=TODAY, now=NOW)
    mine = free_block(session, world)
    with pytest.raises(planning.BlockUnavailable):
        planning.book_block(session, case, mine.id, actor="staff:1", role=Actor.DOCTOR,
                           today=TODAY, now=NOW + timedelta(days=3))
    assert session.get(PlanningBlock, mine.id).case_id is None


def test_session_done_starts_manufacturing_no_show_puts_on_hold(session, world):
    done_case = put(session, new_case(session, world), "Ready to Plan")
    planning.book_block(session, done_case, free_block(session, world).id, actor="staff:1",
                       role=Actor.DOCTOR, today=TODAY, now=NOW)
    planning.mark_done(session, done_case, actor=LAB, today=date(2026, 12, 2))
    assert done_case.status == "Manufacturing" and done_case.ship_date == date(2026, 12, 11)
    missed = put(session, new_case(session, world), "Ready to Plan")
    planning.book_block(session, missed, free_block(session, world, hours=48).id, actor="staff:1",
                       role=Actor.DOCTOR, today=TODAY, now=NOW)
    planning.mark_no_show(session, missed, actor=LAB, today=TODAY)
    assert missed.status == "Planning No Show" and missed.ship_date is None
    with pytest.raises(MoveRefused):
        planning.mark_no_show(session, missed, actor=LAB, today=TODAY)
    planning.book_block(session, missed, free_block(session, world, hours=72).id, actor="staff:1",
                       role=Actor.DOCTOR, today=TODAY, now=NOW)
    assert missed.status == "Planning Scheduled"


# --- shipping --------------------------------------------------------------------------------

def test_shipping_records_carrier_and_tracking_only_from_finished(session, world):
    case = put(session, new_case(session, world), "Manufacturing")
    with pytest.raises(MoveRefused):
        shipping.record_shipment(session, case, carrier="UPS", tracking_number="1Z9",
                                 actor=LAB, today=TODAY)
    moves.move_case(session, case, "Finished", actor=LAB, role=Actor.LAB_COORDINATOR,
                    today=TODAY)
    assert case.ship_date == date(2026, 12, 2)
    with pytest.raises(ValueError):
        shipping.record_shipment(session, case, carrier=" ", tracking_number="1Z9", actor=LAB,
                                 today=TODAY)
    shipping.record_shipment(session, case, carrier="UPS", tracking_number="1Z999",
                             actor=LAB, today=TODAY)
    session.commit()
    row = session.get(LabCase, case.id)
    assert (row.status, row.carrier, row.tracking_number, row.ship_date) == (
        "Shipped", "UPS", "1Z999", TODAY)
    assert moves.history_of(session, case.id)[-1].reason == "Shipped with UPS, tracking 1Z999"
