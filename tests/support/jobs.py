"""Helpers for the tests of jobs whose worker stops: a stand-in for the kill, and time travel
of a job's last sign of life."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, update

from ortho_app.core import jobs
from ortho_app.core.db import db_session
from ortho_app.models import JobRecord
from ortho_app.models._base import utcnow


class WorkerKilled(BaseException):
    """Stands for a worker process killed mid-job: nothing after it runs, nothing catches it."""


def age(job_id: int, *, leases: float = 1, **values) -> None:
    """Move the job's last sign of life `leases` leases into the past (and set `values`)."""
    with db_session() as session:
        session.exec(update(JobRecord).where(col(JobRecord.id) == job_id).values(
            heartbeat_at=utcnow() - leases * jobs.lease() - timedelta(seconds=1), **values))
        session.commit()
