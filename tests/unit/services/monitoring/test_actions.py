from datetime import date, timedelta

import pytest
from sqlmodel import select

from ortho_app.models import MonitoringState, OutboxMessage, PauseReason, ToDoItem
from ortho_app.services.monitoring import actions as monitoring
from tests import factories

D0 = date(2026, 11, 2)
ACTOR = "staff:1"


def day(n):
    return D0 + timedelta(days=n)


@pytest.fixture
def patient(session):
    practice = factories.institution(session)
    row = factories.patient(session, practice)
    row.email = "parent@example.fr"
    session.commit()
    return row


def outbox_bodies(session):
    return [m.body for m in session.exec(select(OutboxMessage)).all()]


def test_immediate_scan_on_day_4_moves_next_due_to_day_11(session, patient):
    monitoring.start_monitoring(session, patient, actor=ACTOR, today=day(0), frequency_days=7)
    monitoring.record_scan(session, patient, actor="patient", today=day(0))
    plan = monitoring.ask_immediate_scan(session, patient, actor=ACTOR, today=day(4),
                                         instructions="Bite on the aligner chewies first")
    assert plan.immediate_requested and plan.next_due == day(7)
    plan = monitoring.record_scan(session, patient, actor="patient", today=day(4))
    assert plan.next_due == day(11) and plan.awaiting_review and not plan.immediate_requested
    assert any("aligner chewies" in b for b in outbox_bodies(session))
    kinds = [e.kind for e in monitoring.history(session, patient.id)]
    assert kinds[:2] == ["immediate_scan", "immediate_request"]


def test_pause_until_date_notifies_patient_and_resumes(session, patient):
    monitoring.start_monitoring(session, patient, actor=ACTOR, today=day(0), frequency_days=7)
    plan = monitoring.pause_monitoring(session, patient, actor=ACTOR, today=day(1),
                                       reason=PauseReason.LOST_ALIGNER, until=day(10),
                                       message="We are making a new aligner for you.")
    assert plan.state == MonitoringState.PAUSED and plan.next_due == day(10)
    assert plan.paused_until == day(10)
    assert any("new aligner" in b and "12/11/2026" in b for b in outbox_bodies(session))
    changed = monitoring.pause_monitoring(session, patient, actor=ACTOR, today=day(2),
                                          reason=PauseReason.LOST_ALIGNER, until=day(12))
    assert changed.next_due == day(12)
    assert [e.kind for e in monitoring.history(session, patient.id)][0] == "pause_changed"


def test_other_reason_needs_text(session, patient):
    monitoring.start_monitoring(session, patient, actor=ACTOR, today=day(0), frequency_days=7)
    with pytest.raises(monitoring.ActionError):
        monitoring.pause_monitoring(session, patient, actor=ACTOR, today=day(1),
                                    reason=PauseReason.OTHER, until=day(5), note=" ")


def test_stop_keeps_history_and_refuses_scans(session, patient):
    monitoring.start_monitoring(session, patient, actor=ACTOR, today=day(0), frequency_days=7)
    plan = monitoring.stop_monitoring(session, patient, actor=ACTOR, today=day(3))
    assert plan.state == MonitoringState.STOPPED and plan.next_due is None
    with pytest.raises(monitoring.ActionError):
        monitoring.record_scan(session, patient, actor="patient", today=day(4))
    assert len(monitoring.history(session, patient.id)) == 2


def test_refused_action_writes_nothing(session, patient):
    with pytest.raises(monitoring.ActionError):
        monitoring.ask_immediate_scan(session, patient, actor=ACTOR, today=day(1))
    assert monitoring.history(session, patient.id) == [] and outbox_bodies(session) == []


def test_message_todo_and_instruction_land_in_history(session, patient):
    monitoring.send_message(session, patient, actor=ACTOR, today=day(0), text="Bravo !")
    item = monitoring.add_todo(session, patient, actor=ACTOR, today=day(0), note="Call back")
    monitoring.send_clinical_instruction(session, patient, actor=ACTOR, today=day(0),
                                         text="Track space opening", objectives=["13-14"],
                                         go_live=True)
    monitoring.set_todo_done(session, item, actor=ACTOR, done=True)
    assert session.exec(select(ToDoItem)).one().done_by == ACTOR
    kinds = [e.kind for e in monitoring.history(session, patient.id)]
    assert kinds == ["instruction", "todo", "message"]
    assert "Bravo !" in outbox_bodies(session)[0]
