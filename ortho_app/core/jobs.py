"""Jobs: huey with SQLite storage by default, Redis when REDIS_URL is set.

Long work runs as a task and reports progress into a JobRecord row, which the UI polls.
`python -m ortho_app.worker` runs a consumer: two worker threads plus the periodic tasks
(`make run` starts one next to the app). This module knows no task: each feature declares its
own with `@task` / `@periodic`, and `ortho_app/worker.py` imports the modules that do.
"""

from __future__ import annotations

import logging
import math
from functools import lru_cache
from pathlib import Path

from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey
from sqlmodel import Session

from ortho_app.core.db import db_session
from ortho_app.core.settings import get_settings
from ortho_app.models import JobRecord, JobStatus
from ortho_app.models._base import utcnow

log = logging.getLogger(__name__)


@lru_cache
def get_huey() -> Huey:
    settings = get_settings()
    if settings.jobs_immediate:
        return MemoryHuey("ortho_app", immediate=True)
    if settings.redis_url:
        return RedisHuey("ortho_app", url=settings.redis_url)
    Path(settings.jobs_path).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("ortho_app", filename=settings.jobs_path)


class _LazyHuey:
    """Decorators bind at import; the backend is chosen from settings at first use."""

    def __getattr__(self, name):
        return getattr(get_huey(), name)


huey = _LazyHuey()
_tasks: dict[str, object] = {}
_defined: list = []
_periodic: list[tuple[str, dict, object]] = []


def task(fn):
    """Register `fn` as a job task on the configured huey (bound lazily)."""
    def enqueue(*args, **kwargs):
        return _bound(fn)(*args, **kwargs)

    enqueue.__name__ = fn.__name__
    enqueue.call_local = fn
    _defined.append(fn)
    return enqueue


def periodic(name: str, **cron):
    """Run `fn` on the consumer on a crontab schedule (e.g. `minute="*"`); its module must be
    imported by `ortho_app/worker.py`."""
    def decorator(fn):
        _periodic.append((name, cron, fn))
        return fn
    return decorator


def _bound(fn):
    key = f"{fn.__module__}.{fn.__qualname__}"
    instance = get_huey()
    cache_key = f"{id(instance)}:{key}"
    if cache_key not in _tasks:
        _tasks[cache_key] = instance.task(name=key)(fn)
    return _tasks[cache_key]


def start_job(kind: str, owner: str = "", *, session: Session | None = None) -> JobRecord:
    """A QUEUED job record. With `session`, it joins the caller's unit of work (flushed, so
    its id is known; committed by the caller); otherwise it is committed at once."""
    job = JobRecord(kind=kind[:100], owner=owner[:100])
    if session is not None:
        session.add(job)
        session.flush()
        return job
    with db_session() as own:
        own.add(job)
        own.commit()
        return job


def report_progress(job_id: int, progress: float, message: str = "") -> None:
    with db_session() as session:
        job = session.get(JobRecord, job_id)
        if job is None:
            log.warning("progress for unknown job %s ignored", job_id)
            return
        job.status = JobStatus.RUNNING
        job.progress = min(max(progress, 0.0), 1.0) if math.isfinite(progress) else 0.0
        job.message = message[:500]
        session.add(job)
        session.commit()


def finish_job(job_id: int, result: str = "", *, failed: bool = False) -> None:
    with db_session() as session:
        job = session.get(JobRecord, job_id)
        if job is None:
            log.warning("result for unknown job %s ignored", job_id)
            return
        job.status = JobStatus.FAILED if failed else JobStatus.DONE
        job.progress = job.progress if failed else 1.0
        job.result = result[:2000]
        job.finished_at = utcnow()
        session.add(job)
        session.commit()


def job_status(job_id: int) -> JobRecord | None:
    with db_session() as session:
        return session.get(JobRecord, job_id)


def run_tracked(job_id: int, work, *args) -> None:
    """Run `work(progress, *args)`; its outcome lands in the job record."""
    try:
        result = work(lambda p, m="": report_progress(job_id, p, m), *args)
    except Exception as exc:
        finish_job(job_id, f"{type(exc).__name__}: {str(exc)[:500]}", failed=True)
        raise
    finish_job(job_id, str(result or ""))


def _register_periodic(instance: Huey) -> None:
    for name, cron, fn in _periodic:
        instance.periodic_task(crontab(**cron), name=name)(fn)


def run_consumer(workers: int = 2) -> None:
    """Consume the queue; the modules defining tasks must be imported first (the worker)."""
    instance = get_huey()
    for fn in _defined:
        _bound(fn)
    _register_periodic(instance)
    # max_delay: an idle SQLite queue is polled at least every 2 s (Redis blocks on the list).
    consumer = instance.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                        check_worker_health=True, max_delay=2.0)
    consumer.run()

