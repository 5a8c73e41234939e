"""Jobs: huey with SQLite storage by default, Redis when REDIS_URL is set.

Long work runs as a task and reports progress into a JobRecord row, which the UI polls.
The job records are the truth, not the queue:
- `start_job` records the task to run and its arguments with the job; `enqueue` queues it
  once the job is committed;
- a worker claims the job (queued → running, by one worker only) and, while it runs, signs a
  heartbeat every quarter of the lease (settings.job_lease_seconds);
- a task finishes its job in the same transaction as its own writes (`finish_job(...,
  session=)`): a job run again after its worker died does its work once;
- the reaper (`reap_stale_jobs`: every minute, the first time when a consumer starts) queues
  again a job whose worker stopped (running with no heartbeat for a lease, or queued and not
  started for a lease: the queue lost it) and fails one that stopped its worker MAX_ATTEMPTS
  times.
`python -m ortho_app.worker` runs a consumer: two worker threads plus the periodic tasks
(`make run` starts one next to the app). This module knows no feature's task: each feature
declares its own with `@task` / `@periodic`, and `ortho_app/worker.py` imports the modules
that do.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey
from sqlalchemy import func
from sqlmodel import Session, col, select, update

from ortho_app.core.db import db_session
from ortho_app.core.settings import get_settings
from ortho_app.models import JobRecord, JobStatus
from ortho_app.models._base import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3  # a job that stopped its worker this many times fails (it may be the cause)
MAX_ARGUMENTS = 2000  # characters of JSON: ids and short values, never file contents
_UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobFinished(Exception):
    """Another run of this job finished it first: this run's writes must be rolled back."""


def lease() -> timedelta:
    return timedelta(seconds=get_settings().job_lease_seconds)


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
_defined: dict[str, Callable] = {}  # task name → function
_periodic: list[tuple[str, dict, object]] = []


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def task(fn):
    """Register `fn` as a job task on the configured huey (bound lazily). Calling the result
    queues a run; a task that runs a job takes the job id first (see `start_job`)."""
    def queue_run(*args, **kwargs):
        return _bound(fn)(*args, **kwargs)

    queue_run.__name__ = fn.__name__
    queue_run.call_local = fn
    queue_run.task_name = _name(fn)
    _defined[_name(fn)] = fn
    return queue_run


def periodic(name: str, **cron):
    """Run `fn` on the consumer on a crontab schedule (e.g. `minute="*"`); its module must be
    imported by `ortho_app/worker.py`."""
    def decorator(fn):
        _periodic.append((name, cron, fn))
        return fn
    return decorator


def _bound(fn):
    key = _name(fn)
    instance = get_huey()
    cache_key = f"{id(instance)}:{key}"
    if cache_key not in _tasks:
        _tasks[cache_key] = instance.task(name=key)(fn)
    return _tasks[cache_key]


def start_job(kind: str, owner: str = "", *, session: Session | None = None,
              task: Callable | None = None, args: Sequence = ()) -> JobRecord:
    """A QUEUED job record. `task` (a `@task` taking the job id first) and its other arguments
    are kept with the job, so that `enqueue` and the reaper can queue it (again); a job with no
    task only records progress (the reaper fails it if its worker stops). With `session`, it
    joins the caller's unit of work (flushed, so its id is known; committed by the caller);
    otherwise it is committed at once."""
    arguments = json.dumps(list(args))
    if len(arguments) > MAX_ARGUMENTS:
        raise ValueError(f"Job arguments are ids and short values ({MAX_ARGUMENTS} characters "
                         "of JSON at most)")
    job = JobRecord(kind=kind[:100], owner=owner[:100], task=task.task_name if task else "",
                    arguments=arguments, heartbeat_at=utcnow())
    if session is not None:
        session.add(job)
        session.flush()
        return job
    with db_session() as own:
        own.add(job)
        own.commit()
        return job


def enqueue(job_id: int) -> None:
    """Queue a started job's task (after the commit that saved the job; run inline when jobs
    run immediately). When the queue cannot take it now, the job stays queued in its record
    and the reaper queues it after a lease."""
    with db_session() as session:
        job = session.get(JobRecord, job_id)
    if job is None or job.task not in _defined:
        raise LookupError(f"Job {job_id} has no known task to queue")
    try:
        _bound(_defined[job.task])(job.id, *json.loads(job.arguments))
    except Exception:  # noqa: BLE001 - the record is the truth: the reaper queues it later
        log.warning("job %s could not be queued now; the reaper will queue it", job_id,
                    exc_info=True)


def _claim(job_id: int) -> bool:
    """Queued → running, for one worker only; counts the attempt and signs the heartbeat."""
    with db_session() as session:
        claimed = session.exec(update(JobRecord).where(
            col(JobRecord.id) == job_id, col(JobRecord.status) == JobStatus.QUEUED,
        ).values(status=JobStatus.RUNNING, attempts=JobRecord.attempts + 1,
                 heartbeat_at=utcnow()))
        session.commit()
    return claimed.rowcount == 1


def report_progress(job_id: int, progress: float, message: str = "") -> None:
    value = min(max(progress, 0.0), 1.0) if math.isfinite(progress) else 0.0
    with db_session() as session:
        changed = session.exec(update(JobRecord).where(
            col(JobRecord.id) == job_id, col(JobRecord.status).in_(_UNFINISHED),
        ).values(status=JobStatus.RUNNING, progress=value, message=message[:500],
                 heartbeat_at=utcnow()))
        session.commit()
    if changed.rowcount != 1:
        log.warning("progress for unknown or finished job %s ignored", job_id)


def _sign(job_id: int) -> None:
    with db_session() as session:
        session.exec(update(JobRecord).where(
            col(JobRecord.id) == job_id, col(JobRecord.status) == JobStatus.RUNNING,
        ).values(heartbeat_at=utcnow()))
        session.commit()


@contextmanager
def _heartbeat(job_id: int) -> Iterator[None]:
    """Sign the running job's heartbeat every quarter of the lease until the block ends."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease().total_seconds() / 4):
            try:
                _sign(job_id)
            except Exception:  # noqa: BLE001 - a missed beat is retried at the next one
                log.warning("heartbeat of job %s not recorded", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def finish_job(job_id: int, result: str = "", *, failed: bool = False,
               message: str | None = None, session: Session | None = None) -> bool:
    """Record the job's outcome, once: a finished job keeps its first outcome.

    With `session` the outcome joins the caller's unit of work (the task's own writes), so the
    work and the end of its job commit together; JobFinished is raised when another run
    finished the job first (the caller's writes are then rolled back). Without, it is committed
    at once; returns whether it was recorded."""
    values = {"status": JobStatus.FAILED if failed else JobStatus.DONE,
              "result": result[:2000], "finished_at": utcnow()}
    if not failed:
        values["progress"] = 1.0
    if message is not None:
        values["message"] = message[:500]
    statement = update(JobRecord).where(
        col(JobRecord.id) == job_id, col(JobRecord.status).in_(_UNFINISHED)).values(**values)
    if session is not None:
        if session.exec(statement).rowcount != 1:
            raise JobFinished(f"Job {job_id} was finished by another run")
        return True
    with db_session() as own:
        recorded = own.exec(statement).rowcount == 1
        own.commit()
    if not recorded:
        log.debug("outcome for unknown or finished job %s ignored", job_id)
    return recorded


def job_status(job_id: int) -> JobRecord | None:
    with db_session() as session:
        return session.get(JobRecord, job_id)


def run_tracked(job_id: int, work, *args, refusals: tuple[type[Exception], ...] = ()) -> None:
    """Claim the job, then run `work(progress, *args)` with a heartbeat; its outcome lands in
    the job record. A job that is not waiting to run (finished, or started by another worker)
    is left alone. An exception in `refusals` fails the job with its message (safe to show,
    not retried); any other fails it with its type and is raised again (huey logs it)."""
    if not _claim(job_id):
        log.info("job %s is not waiting to run (finished or running elsewhere): skipped",
                 job_id)
        return
    with _heartbeat(job_id):
        try:
            result = work(lambda p, m="": report_progress(job_id, p, m), *args)
        except JobFinished:
            log.info("job %s was finished by another run: this run's work rolled back", job_id)
            return
        except refusals as exc:
            finish_job(job_id, str(exc), failed=True)
            return
        except Exception as exc:
            finish_job(job_id, f"{type(exc).__name__}: {str(exc)[:500]}", failed=True)
            raise
    finish_job(job_id, str(result or ""))


def reap_stale_jobs(now: datetime | None = None) -> int:
    """Take back the jobs whose worker stopped: queue them again, or fail them after
    MAX_ATTEMPTS starts (or when no known task can run them). Returns how many were taken.
    Each is taken with a guarded UPDATE that signs its heartbeat, so two reapers (or a late
    heartbeat) never take one job twice."""
    cutoff = (now or utcnow()) - lease()
    last_sign = func.coalesce(JobRecord.heartbeat_at, JobRecord.created_at)
    with db_session() as session:
        stale = session.exec(select(JobRecord.id, JobRecord.task, JobRecord.attempts).where(
            col(JobRecord.status).in_(_UNFINISHED), last_sign < cutoff)).all()
    taken = 0
    for job_id, task_name, attempts in stale:
        retry = attempts < MAX_ATTEMPTS and task_name in _defined
        if retry:
            values = {"status": JobStatus.QUEUED, "heartbeat_at": utcnow(),
                      "message": "Waiting for a worker"}
        else:
            values = {"status": JobStatus.FAILED, "finished_at": utcnow(),
                      "result": (f"The worker stopped {attempts} times while running this job"
                                 if attempts else "The job could not be queued again")}
        with db_session() as session:
            won = session.exec(update(JobRecord).where(
                col(JobRecord.id) == job_id, col(JobRecord.status).in_(_UNFINISHED),
                last_sign < cutoff).values(**values)).rowcount == 1
            session.commit()
        if not won:
            continue
        taken += 1
        log.warning("job %s: no sign of its worker for a lease; %s", job_id,
                    "queued again" if retry else "failed")
        if retry:
            enqueue(job_id)
    return taken


@periodic("job-reaper", minute="*")
def job_reaper() -> None:
    reap_stale_jobs()


def _register_periodic(instance: Huey) -> None:
    for name, cron, fn in _periodic:
        instance.periodic_task(crontab(**cron), name=name)(fn)


def run_consumer(workers: int = 2) -> None:
    """Consume the queue; the modules defining tasks must be imported first (the worker).
    The scheduler checks the periodic tasks when the consumer starts, then every minute."""
    instance = get_huey()
    for fn in _defined.values():
        _bound(fn)
    _register_periodic(instance)
    # max_delay: an idle SQLite queue is polled at least every 2 s (Redis blocks on the list).
    consumer = instance.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                        check_worker_health=True, max_delay=2.0)
    consumer.run()

