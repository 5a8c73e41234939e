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
