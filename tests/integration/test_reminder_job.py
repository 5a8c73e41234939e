"""The scheduled reminder job: registered as a periodic task of the consumer, queues due
reminders into the outbox and delivers them (dev mailbox offline), never twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from huey import MemoryHuey
from sqlmodel import Session, select

from ortho_app import worker
from ortho_app.core import jobs, outbox
from ortho_app.models import OutboxMessage, OutboxStatus
from ortho_app.services.appointments import reminder_jobs
from ortho_app.services.appointments.appointments import PRACTICE_TZ
from tests import factories as f
from tests.factories.appointments import appointment


def test_consumer_registers_the_reminder_job():
    instance = MemoryHuey("test-reminders")
    jobs._register_periodic(instance)
    names = {task.__name__ for task in instance._registry._periodic_tasks}
    assert {"outbox-sweep", "appointment-reminders"} <= names
    assert "ortho_app.services.appointments.reminder_jobs" in worker.TASK_MODULES


def test_job_sends_due_reminder_once_through_the_outbox(settings_env, engine):
    with Session(engine) as session:
        patient = f.patient(session, f.institution(session), phone="+33612345678")
        appointment(session, patient, date(2026, 12, 10), 9)
        session.commit()
    due = datetime(2026, 12, 9, 12, 10, tzinfo=PRACTICE_TZ)
    assert reminder_jobs.run_reminders(due.replace(minute=5)) == 0
    assert reminder_jobs.run_reminders(due) == 1
    assert reminder_jobs.run_reminders(due.replace(minute=11)) == 0
    with Session(engine) as session:
        messages = session.exec(select(OutboxMessage)).all()
    assert [(m.recipient, m.status) for m in messages] == [
        ("+33612345678", OutboxStatus.DEV_MAILBOX)]


def test_sweep_stopped_midway_sends_its_reminder_once(settings_env, engine,
                                                                      monkeypatch):
    from ortho_app.services.appointments import reminders
    from tests.support.jobs import WorkerKilled

    with Session(engine) as session:
        patient = f.patient(session, f.institution(session), phone="+33612345678")
        appointment(session, patient, date(2026, 12, 10), 9)
        session.commit()
    due = datetime(2026, 12, 9, 12, 10, tzinfo=PRACTICE_TZ)
    queue = reminders.send_due_reminders

    def killed(session, *, now):
        queue(session, now=now)  # the reminder and its outbox message, not yet committed
        raise WorkerKilled

    monkeypatch.setattr(reminders, "send_due_reminders", killed)
    with pytest.raises(WorkerKilled):
        reminder_jobs.run_reminders(due)
    monkeypatch.setattr(reminders, "send_due_reminders", queue)
    # Kept or rolled back with the stopped sweep (SQLite's driver ends a transaction at its
    # first savepoint's release), the reminder goes out once over the next sweeps.
    reminder_jobs.run_reminders(due.replace(minute=11))
    assert reminder_jobs.run_reminders(due.replace(minute=12)) == 0
    outbox.outbox_sweep()  # the periodic delivery, in case the stopped sweep kept its message
    with Session(engine) as session:
        messages = session.exec(select(OutboxMessage)).all()
    assert [(m.recipient, m.status) for m in messages] == [
        ("+33612345678", OutboxStatus.DEV_MAILBOX)]
