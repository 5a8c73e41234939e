from datetime import date

from sqlmodel import func, select

from ortho_app.demo.seed import seed
from ortho_app.models import Institution
from ortho_app.models.lab_cases import LabCase, LabCaseMove, PlanningBlock
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.pipeline import BOARD_ORDER


def test_demo_lab_cases_cover_every_status_with_blocks_and_one_session(session):
    seed(session)
    session.commit()
    seed(session)  # idempotent
    session.commit()
    practice = session.exec(select(Institution).where(
        Institution.name == "Demo Orthodontics")).one()
    statuses = dict(session.exec(select(LabCase.status, func.count()).where(
        LabCase.practice_id == practice.id).group_by(LabCase.status)).all())
    assert set(statuses) == {s.value for s in BOARD_ORDER} and 55 <= sum(statuses.values()) <= 65
    assert statuses["Planning Scheduled"] == 1
    scheduled = session.exec(select(LabCase).where(
        LabCase.status == "Planning Scheduled")).one()
    booked = planning.session_of(session, scheduled.id)
    assert booked is not None and booked.outcome is None
    free = planning.free_blocks(session, lab_id=scheduled.lab_id)
    assert len(free) >= 10 and all(s.start_at.date() > date.today() for s in free)
    shipped = session.exec(select(LabCase).where(LabCase.status == "Shipped")).all()
    assert all(c.carrier and c.tracking_number for c in shipped)
    held = session.exec(select(LabCase).where(LabCase.status == "Missing CBCT/Models")).all()
    assert all(c.hold_reason and c.ship_date is None for c in held)
    assert session.exec(select(func.count()).select_from(LabCaseMove)).one() > 200
    assert session.exec(select(func.count()).select_from(PlanningBlock)).one() >= 30
