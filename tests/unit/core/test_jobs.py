import json
import time

import pytest

from ortho_app.core import jobs, outbox
from ortho_app.models import JobStatus, OutboxStatus
from tests.support.jobs import WorkerKilled, age


def test_progress_and_result_recorded(engine):
    job = jobs.start_job("mesh", owner="staff:1")
    seen = []

    def work(progress, factor):
        progress(0.5, "halfway")
        seen.append(jobs.job_status(job.id).progress)
        return factor * 2

    jobs.run_tracked(job.id, work, 21)
    done = jobs.job_status(job.id)
    assert seen == [0.5] and done.status == JobStatus.DONE and done.result == "42"


def test_failing_job_marked_failed(engine):
    job = jobs.start_job("pdf")

    def work(progress):
        raise ValueError("bad page")

    try:
        jobs.run_tracked(job.id, work)
    except ValueError:
        pass
    failed = jobs.job_status(job.id)
    assert failed.status == JobStatus.FAILED and "bad page" in failed.result


def test_delivery_task_runs_through_huey(engine, session):
    message = outbox.enqueue_sms(session, to="+33612345678", body="hello")
    session.commit()
    outbox.request_delivery()  # immediate huey in tests: runs the task now
    session.expire_all()
    assert session.get(type(message), message.id).status == OutboxStatus.DEV_MAILBOX


@jobs.task
def tracked_scan_import(job_id: int, files: int) -> None:
    """A job task as the app writes them: progress per step, outcome in the job record."""

    def work(progress):
        for n in range(1, files + 1):
            progress(n / files, f"file {n} of {files}")
            SEEN.append((jobs.job_status(job_id).status, jobs.job_status(job_id).progress))
        return f"{files} files"

    jobs.run_tracked(job_id, work)


@jobs.task
def broken_report(job_id: int) -> None:
    def work(progress):
        progress(0.3, "rendering")
        raise RuntimeError("page 2 missing")

    jobs.run_tracked(job_id, work)


SEEN: list = []


def test_huey_task_reports_progress_into_job_record(engine):
    SEEN.clear()
    assert jobs.huey.immediate  # JOBS_IMMEDIATE=true in tests: the task runs inline
    job = jobs.start_job("scan.import", owner="staff:7")
    assert jobs.job_status(job.id).status == JobStatus.QUEUED
    tracked_scan_import(job.id, 4)
    assert SEEN == [(JobStatus.RUNNING, 0.25), (JobStatus.RUNNING, 0.5),
                    (JobStatus.RUNNING, 0.75), (JobStatus.RUNNING, 1.0)]
    done = jobs.job_status(job.id)
    assert (done.status, done.progress, done.result, done.owner) == (
        JobStatus.DONE, 1.0, "4 files", "staff:7")
    assert done.message == "file 4 of 4" and done.finished_at is not None


def test_failing_huey_task_marks_job_failed(engine):
    job = jobs.start_job("report.pdf")
    broken_report(job.id)  # huey records the exception; the job record says FAILED
    failed = jobs.job_status(job.id)
    assert failed.status == JobStatus.FAILED and failed.progress == 0.3
    assert failed.result == "RuntimeError: page 2 missing"


def test_start_job_inside_the_callers_unit_of_work(session):
    job = jobs.start_job("mesh", session=session)
    assert job.id is not None
    session.rollback()
    assert jobs.job_status(job.id) is None  # rolled back with the caller's work
    kept = jobs.start_job("mesh", session=session)
    session.commit()
    assert jobs.job_status(kept.id).status == JobStatus.QUEUED


def test_progress_is_clamped_and_unknown_jobs_ignored(engine):
    job = jobs.start_job("mesh")
    jobs.report_progress(job.id, 7.0)
    assert jobs.job_status(job.id).progress == 1.0
    jobs.report_progress(job.id, float("nan"))
    assert jobs.job_status(job.id).progress == 0.0
    jobs.report_progress(job.id + 1000, 0.5)  # no such job: nothing raised
    jobs.finish_job(job.id + 1000)
    assert jobs.job_status(job.id + 1000) is None


def test_queue_backend_follows_settings(settings_env, tmp_path):
    from huey import RedisHuey, SqliteHuey

    settings_env(jobs_immediate="false")
    assert isinstance(jobs.get_huey(), SqliteHuey) and not jobs.huey.immediate
    assert jobs.get_huey().storage.filename == str(tmp_path / "jobs.db")
    settings_env(redis_url="redis://127.0.0.1:6379/15")
    assert isinstance(jobs.get_huey(), RedisHuey)  # no connection made until used


# --- job records are the truth: claims, heartbeats, the reaper --------------------------------

def test_started_job_keeps_its_task_and_is_queued_from_its_record(engine):
    SEEN.clear()
    job = jobs.start_job("scan.import", owner="staff:7", task=tracked_scan_import, args=(2,))
    record = jobs.job_status(job.id)
    assert record.task == "tests.unit.core.test_jobs.tracked_scan_import"
    assert json.loads(record.arguments) == [2] and record.heartbeat_at is not None
    jobs.enqueue(job.id)
    done = jobs.job_status(job.id)
    assert (done.status, done.result, done.attempts) == (JobStatus.DONE, "2 files", 1)


def test_a_job_runs_once_however_often_it_is_queued(engine):
    SEEN.clear()
    job = jobs.start_job("scan.import", task=tracked_scan_import, args=(1,))
    jobs.enqueue(job.id)
    jobs.enqueue(job.id)  # a second message for the same job: the claim refuses it
    assert len(SEEN) == 1 and jobs.job_status(job.id).attempts == 1


def test_job_arguments_are_short_json(engine):
    with pytest.raises(ValueError, match="ids and short values"):
        jobs.start_job("scan.import", task=tracked_scan_import, args=("x" * 3_000,))
    with pytest.raises(TypeError):
        jobs.start_job("scan.import", task=tracked_scan_import, args=(object(),))
    with pytest.raises(LookupError):
        jobs.enqueue(jobs.start_job("mesh").id)  # no task to queue


def test_reaper_queues_again_a_job_whose_worker_stopped(engine):
    SEEN.clear()
    stopped = jobs.start_job("scan.import", task=tracked_scan_import, args=(2,))
    alive = jobs.start_job("scan.import", task=tracked_scan_import, args=(3,))
    assert jobs._claim(stopped.id) and jobs._claim(alive.id)  # both running, one worker died
    age(stopped.id, leases=1)
    assert jobs.reap_stale_jobs() == 1
    done = jobs.job_status(stopped.id)
    assert (done.status, done.result, done.attempts) == (JobStatus.DONE, "2 files", 2)
    running = jobs.job_status(alive.id)
    assert (running.status, running.attempts) == (JobStatus.RUNNING, 1)
    assert jobs.reap_stale_jobs() == 0


def test_reaper_queues_again_a_job_the_queue_lost(engine):
    SEEN.clear()
    lost = jobs.start_job("scan.import", task=tracked_scan_import, args=(1,))  # never queued
    assert jobs.reap_stale_jobs() == 0  # queued for less than a lease: waiting is normal
    age(lost.id, leases=1)
    assert jobs.reap_stale_jobs() == 1
    assert (jobs.job_status(lost.id).status, len(SEEN)) == (JobStatus.DONE, 1)


def test_reaper_fails_a_job_that_stopped_its_worker_too_often_or_has_no_task(engine):
    poison = jobs.start_job("scan.import", task=tracked_scan_import, args=(1,))
    assert jobs._claim(poison.id)
    age(poison.id, leases=1, attempts=jobs.MAX_ATTEMPTS)  # its last start stopped it again
    untracked = jobs.start_job("mesh")
    assert jobs._claim(untracked.id)
    age(untracked.id, leases=1)
    assert jobs.reap_stale_jobs() == 2
    failed = jobs.job_status(poison.id)
    assert failed.status == JobStatus.FAILED and failed.finished_at is not None
    assert failed.result == f"The worker stopped {jobs.MAX_ATTEMPTS} times while running this job"
    assert jobs.job_status(untracked.id).status == JobStatus.FAILED


def test_a_run_whose_job_another_run_finished_keeps_none_of_its_writes(engine, session):
    from sqlmodel import select

    from ortho_app.core.db import db_session
    from ortho_app.models import OutboxMessage

    job = jobs.start_job("notice")

    def work(progress):
        jobs.finish_job(job.id, "sent by the other run")  # taken back, done elsewhere first
        with db_session() as own:
            outbox.enqueue_sms(own, to="+33612345678", body="once")
            jobs.finish_job(job.id, "sent", session=own)
            own.commit()

    jobs.run_tracked(job.id, work)
    assert session.exec(select(OutboxMessage)).all() == []
    assert jobs.job_status(job.id).result == "sent by the other run"


def test_a_running_job_signs_its_heartbeat_so_the_reaper_leaves_it(settings_env, engine):
    settings_env(job_lease_seconds="0.8")
    job = jobs.start_job("mesh")
    seen = []

    def work(progress):
        claimed = jobs.job_status(job.id).heartbeat_at
        time.sleep(2.0)  # two and a half leases without a progress report
        seen.append((claimed, jobs.job_status(job.id).heartbeat_at, jobs.reap_stale_jobs()))

    jobs.run_tracked(job.id, work)
    (claimed, later, reaped), = seen
    assert later > claimed and reaped == 0
    done = jobs.job_status(job.id)
    assert (done.status, done.attempts) == (JobStatus.DONE, 1)


def test_a_job_killed_mid_run_stays_running_until_the_reaper_takes_it(engine):
    job = jobs.start_job("scan.import", task=killed_once, args=())
    KILLS.append(True)
    with pytest.raises(WorkerKilled):
        jobs.enqueue(job.id)
    assert jobs.job_status(job.id).status == JobStatus.RUNNING
    age(job.id, leases=1)
    assert jobs.reap_stale_jobs() == 1
    done = jobs.job_status(job.id)
    assert (done.status, done.result, done.attempts) == (JobStatus.DONE, "imported", 2)


KILLS: list = []


@jobs.task
def killed_once(job_id: int) -> None:
    def work(progress):
        progress(0.5, "importing")
        if KILLS:
            KILLS.pop()
            raise WorkerKilled
        return "imported"

    jobs.run_tracked(job_id, work)
