"""A worker killed mid-job (kill -9 of the real consumer process): once a consumer runs again,
the job completes, once — not lost, not done twice (3D model processing, RX script, outbox
delivery). The job's steps wait at a gate this test opens (tests/support/gated_worker.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, select

from ortho_app.core import jobs, outbox
from ortho_app.models import JobRecord, JobStatus, MonitoringEvent, OutboxMessage, OutboxStatus
from ortho_app.services.lab_cases import rx_script
from ortho_app.services.lab_cases.files import files_of
from ortho_app.services.models3d import arch_models
from ortho_app.services.models3d import jobs as arch_model_jobs
from tests import factories as f
from tests.conftest import REDIS_URL, ROOT_DIR, need_service
from tests.factories.lab_cases import build_world, new_case
from tests.unit.services.models3d.test_arch_models import arch_stl

LEASE_SECONDS = 1.0
WAIT_SECONDS = 120  # a consumer starts in seconds; the reaper also runs every minute


class Worker:
    """`python -m tests.support.gated_worker` (the real consumer), its output in a file."""

    def __init__(self, gate: Path) -> None:
        self.log = gate.parent / f"worker-{time.monotonic_ns()}.log"
        env = dict(os.environ, TEST_JOB_GATE=str(gate))
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.support.gated_worker"], cwd=ROOT_DIR, env=env,
                stdout=out, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.log.read_text(errors="replace")[-3000:]


def wait_for(condition: Callable[[], bool], what: str, worker: Worker) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline or worker.process.poll() is not None:
            pytest.fail(f"{what}: not seen\n{worker.stop()}")
        time.sleep(0.1)


def job_of(engine, job_id: int) -> JobRecord:
    with Session(engine) as session:
        return session.get(JobRecord, job_id)


def kill_mid_job_then_restart(engine, tmp_path: Path, step: str, done: Callable[[], bool]
                              ) -> None:
    """Start the consumer, kill -9 it once the job waits at `step`, let a lease pass, open the
    gate and start a consumer again; returns when `done()` holds."""
    gate = tmp_path / "gate"
    gate.mkdir()
    first = Worker(gate)
    try:
        wait_for(lambda: (gate / f"reached-{step}").exists(), f"job reaching {step}", first)
        first.kill()
    finally:
        first.stop()
    time.sleep(LEASE_SECONDS * 1.5)  # its heartbeat ages past the lease
    (gate / "open").touch()
    second = Worker(gate)
    try:
        wait_for(done, "job completed after the restart", second)
        time.sleep(2 * LEASE_SECONDS)  # nothing else runs it once more
    finally:
        output = second.stop()
    assert "Traceback" not in output, output
    assert (gate / f"passed-{step}").read_text().count("\n") == 1


@pytest.fixture
def consumer_env(settings_env, request):
    settings_env(jobs_immediate="false", job_lease_seconds=str(LEASE_SECONDS))
    if getattr(request, "param", "sqlite") == "redis":
        need_service("Redis", "127.0.0.1", 6379)
        settings_env(redis_url=REDIS_URL)
    return settings_env


@pytest.mark.parametrize("consumer_env", [
    "sqlite", pytest.param("redis", marks=pytest.mark.redis)], indirect=True)
def test_3d_model_job_completes_once_after_its_worker_was_killed(consumer_env, engine,
                                                                 tmp_path):
    with Session(engine) as session:
        patient = f.patient(session, f.institution(session))
        files = {arch: arch_models.store_stl(session, patient, arch_stl(upper=arch == "upper"),
                                             original_name=f"{arch}.stl",
                                             uploaded_by="staff:1").id
                 for arch in ("upper", "lower")}
        job = jobs.start_job("models.add_3d_model", owner="staff:1", session=session,
                             task=arch_model_jobs.add_3d_model,
                             args=(patient.id, files, "2026-09-01", "staff:1"))
        session.commit()
        job_id, patient_id = job.id, patient.id
    jobs.enqueue(job_id)

    kill_mid_job_then_restart(engine, tmp_path, "models3d",
                              lambda: job_of(engine, job_id).status == JobStatus.DONE)

    record = job_of(engine, job_id)
    assert (record.attempts, record.message) == (2, arch_model_jobs.READY)
    with Session(engine) as session:
        assert sorted(m.arch for m in arch_models.models_of(session, patient_id)) == [
            "lower", "upper"]
        assert len(session.exec(select(MonitoringEvent).where(
            MonitoringEvent.kind == "3d_model")).all()) == 1


def test_rx_script_job_completes_once_after_its_worker_was_killed(consumer_env, engine,
                                                                  tmp_path):
    with Session(engine) as session:
        case = new_case(session, build_world(session))
        job = jobs.start_job(rx_script.JOB_KIND, owner="staff:1", session=session,
                             task=rx_script.generate_rx_script, args=(case.id, "staff:1"))
        session.commit()
        job_id, case_id = job.id, case.id
    jobs.enqueue(job_id)

    kill_mid_job_then_restart(engine, tmp_path, "rx_script",
                              lambda: job_of(engine, job_id).status == JobStatus.DONE)

    assert job_of(engine, job_id).attempts == 2
    with Session(engine) as session:
        assert [f.kind for f in files_of(session, case_id)].count("RX script") == 1


def test_outbox_delivery_sends_once_after_its_worker_was_killed(consumer_env, engine,
                                                                tmp_path):
    with Session(engine) as session:
        message = outbox.enqueue_sms(session, to="+33612345678", body="Votre code : 123456")
        session.commit()
        message_id = message.id
    outbox.request_delivery()

    def sent() -> bool:
        with Session(engine) as session:
            return session.get(OutboxMessage, message_id).status == OutboxStatus.SENT

    kill_mid_job_then_restart(engine, tmp_path, "sms", sent)

    with Session(engine) as session:
        assert session.get(OutboxMessage, message_id).attempts == 2
