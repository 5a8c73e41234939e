"""Job tasks of the foundation (imported by the worker)."""

from __future__ import annotations

from sqlmodel import Session

from ortho_app.core import outbox
from ortho_app.core.db import db_session
from ortho_app.core.jobs import run_tracked, start_job, task
from ortho_app.models import JobRecord, OutboxMessage

TEST_EMAIL_SUBJECT = "ortho_app test e-mail"


def start_test_email(session: Session, *, to: str, institution_id: int | None,
                     owner: str) -> JobRecord:
    """The admin's "Send a test e-mail": the message and the job that delivers it, in the
    caller's unit of work (`jobs.enqueue` the job after the commit)."""
    message = outbox.enqueue_email(
        session, to=to, subject=TEST_EMAIL_SUBJECT,
        body="This test e-mail shows that the practice's outgoing mail works.",
        institution_id=institution_id)
    return start_job("outbox.test_email", owner=owner, session=session, task=send_test_email,
                     args=(message.id,))


@task
def send_test_email(job_id: int, message_id: int) -> None:
    """Deliver the test e-mail (proves the outbox and its transport end to end); a message is
    delivered once, so a run again after a worker died sends nothing twice."""

    def work(progress):
        progress(0.5, "Sending")
        outbox.deliver(message_id)
        with db_session() as session:
            status = session.get(OutboxMessage, message_id).status
        progress(1.0, f"Message {status.value}")
        return status.value

    run_tracked(job_id, work)
