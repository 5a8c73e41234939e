"""The real job consumer process delivers what the web process queued (SQLite or Redis)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from sqlmodel import Session

from ortho_app.core import outbox
from ortho_app.models import OutboxMessage, OutboxStatus
from tests.conftest import REDIS_URL, ROOT_DIR, need_service


@pytest.mark.parametrize(("queue", "entry"), [
    ("sqlite", "ortho_app.worker"),
    pytest.param("redis", "ortho_app.worker", marks=pytest.mark.redis),
])
def test_consumer_process_delivers_queued_messages(settings_env, engine, queue, entry):
    settings_env(jobs_immediate="false")
    if queue == "redis":
        need_service("Redis", "127.0.0.1", 6379)
        settings_env(redis_url=REDIS_URL)
    with Session(engine) as session:
        message = outbox.enqueue_sms(session, to="+33612345678", body="Votre code : 123456")
        session.commit()
        message_id = message.id
    outbox.request_delivery()  # queued in the SQLite job store
    worker = subprocess.Popen([sys.executable, "-m", entry], cwd=ROOT_DIR,
                              env=dict(os.environ), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        status = None
        for _ in range(360):  # the consumer's imports alone take seconds on a busy machine
            with Session(engine) as session:
                status = session.get(OutboxMessage, message_id).status
            if status != OutboxStatus.PENDING:
                break
            time.sleep(0.25)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode()
    assert status == OutboxStatus.DEV_MAILBOX, output[-2000:]
    assert "not found in TaskRegistry" not in output
