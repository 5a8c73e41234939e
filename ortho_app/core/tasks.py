"""Job tasks of the foundation (imported by the worker)."""

from __future__ import annotations

from ortho_app.core import outbox
from ortho_app.core.db import db_session
from ortho_app.core.jobs import run_tracked, task


@task
def send_test_email(job_id: int, to: str, institution_id: int | None) -> None:
    """The admin's "Send a test e-mail": proves the outbox and its transport end to end."""

    def work(progress):
        progress(0.2, "Writing the message")
        with db_session() as session:
            message = outbox.enqueue_email(
                session, to=to, subject="ortho_app test e-mail",
                body="This test e-mail shows that the practice's outgoing mail works.",
                institution_id=institution_id)
            session.commit()
            message_id = message.id
        progress(0.6, "Sending")
        outbox.deliver(message_id)
        with db_session() as session:
            status = session.get(type(message), message_id).status
        progress(1.0, f"Message {status.value}")
        return status.value

    run_tracked(job_id, work)
