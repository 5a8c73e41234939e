"""The scheduled job that sends appointment reminders (imported by the worker).

Every minute the job consumer queues the reminders that fell due (set time + 10 minutes)
into the outbox, then asks for delivery. Running it twice, or on two consumers at once,
sends nothing twice (see services.reminders).
"""

from __future__ import annotations

import logging
from datetime import datetime

from ortho_app.core import outbox
from ortho_app.core.db import db_session
from ortho_app.core.jobs import periodic
from ortho_app.models._base import utcnow
from ortho_app.services.appointments import reminders

log = logging.getLogger(__name__)


def run_reminders(now: datetime | None = None) -> int:
    """Queue the reminders due at `now` (default: the current time) and deliver them."""
    with db_session() as session:
        queued = reminders.send_due_reminders(session, now=now or utcnow())
        session.commit()
    if queued:
        log.info("appointment reminders queued: %s", queued)
        outbox.request_delivery()
    return queued


@periodic("appointment-reminders", minute="*")
def appointment_reminders() -> None:
    run_reminders()
