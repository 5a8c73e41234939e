from ortho_app.core import jobs, outbox
from ortho_app.models import JobStatus, OutboxStatus


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
