"""The outbox: dev mailbox without a transport, SMS provider adapters, retries, one send per
message even with concurrent workers, recovery of a claim whose worker died."""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlmodel import col, update

from ortho_app.core import outbox
from ortho_app.models import Institution, InstitutionKind, OutboxMessage, OutboxStatus

CODE_SMS = "ortho_app : votre code de connexion est 482913."


class FakeSms:
    """An SMS provider adapter that records what it sends (optionally slow, or failing)."""

    def __init__(self, *, delay: float = 0.0, fail: bool = False):
        self.sent: list[tuple[str, str]] = []
        self.calls = 0
        self.delay, self.fail = delay, fail
        self._lock = threading.Lock()

    def send(self, to: str, body: str) -> None:
        with self._lock:
            self.calls += 1
        time.sleep(self.delay)
        if self.fail:
            raise ConnectionError(f"gateway refused the message {body!r}")
        with self._lock:
            self.sent.append((to, body))


@pytest.fixture
def fake_sms(engine):
    provider = FakeSms()
    outbox.use_sms_provider(provider)
    yield provider
    outbox.use_sms_provider(None)


def reload(session, message_id: int) -> OutboxMessage:
    session.expire_all()
    return session.get(OutboxMessage, message_id)


def test_without_transport_messages_stay_in_dev_mailbox_newest_first(session):
    first = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
    second = outbox.enqueue_email(session, to="a@example.fr", subject="RDV", body="Demain")
    third = outbox.enqueue_sms(session, to="+33699999999", body="Rappel")
    session.commit()
    assert outbox.deliver_pending() == 3
    assert outbox.deliver_pending() == 0
    session.expire_all()
    listed = outbox.dev_mailbox(session)
    assert [m.id for m in listed] == [third.id, second.id, first.id]
    assert {m.status for m in listed} == {OutboxStatus.DEV_MAILBOX}
    assert {m.attempts for m in listed} == {0} and {m.sent_at for m in listed} == {None}


def test_dev_mailbox_filters_and_pages_in_sql(session):
    practice = Institution(kind=InstitutionKind.PRACTICE, name="Cabinet Lumière")
    session.add(practice)
    session.flush()
    ids = [outbox.enqueue_sms(session, to="+33612345678", body=f"message {n}",
                              institution_id=practice.id if n % 2 else None).id
           for n in range(6)]
    sent = outbox.enqueue_email(session, to="b@example.fr", subject="s", body="already sent")
    session.commit()
    outbox.deliver_pending()
    session.exec(update(OutboxMessage).where(col(OutboxMessage.id) == sent.id)
                 .values(status=OutboxStatus.SENT))
    session.commit()
    session.expire_all()
    newest_first = list(reversed(ids))
    assert [m.id for m in outbox.dev_mailbox(session)] == newest_first  # SENT is not listed
    assert [m.id for m in outbox.dev_mailbox(session, limit=2, offset=1)] == newest_first[1:3]
    assert [m.id for m in outbox.dev_mailbox(session, institution_id=practice.id)] == [
        i for i in newest_first if ids.index(i) % 2]
    assert outbox.dev_mailbox(session, recipient="b@example.fr") == []
    assert len(outbox.dev_mailbox(session, recipient="+33612345678")) == 6


def test_sms_through_injected_provider_sent_once(fake_sms, session):
    message = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
    session.commit()
    assert outbox.deliver_pending() == 1
    assert outbox.deliver_pending() == 0
    assert outbox.deliver(message.id) is False
    assert fake_sms.sent == [("+33612345678", CODE_SMS)]
    row = reload(session, message.id)
    assert row.status == OutboxStatus.SENT and row.attempts == 1 and row.sent_at is not None
    assert row.last_error == ""


def test_failures_are_counted_retried_then_failed_without_leaking_the_body(
        engine, session, caplog):
    provider = FakeSms(fail=True)
    outbox.use_sms_provider(provider)
    try:
        message = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
        session.commit()
        caplog.set_level(logging.DEBUG)
        for attempt in range(1, outbox.MAX_ATTEMPTS):
            assert outbox.deliver_pending() == 0
            row = reload(session, message.id)
            assert (row.status, row.attempts) == (OutboxStatus.PENDING, attempt)
        outbox.deliver_pending()
        row = reload(session, message.id)
        assert (row.status, row.attempts) == (OutboxStatus.FAILED, outbox.MAX_ATTEMPTS)
        assert row.last_error.startswith("ConnectionError: gateway refused")
        assert "482913" not in row.last_error
        outbox.deliver_pending()
        assert provider.calls == outbox.MAX_ATTEMPTS  # a FAILED message is not sent again
    finally:
        outbox.use_sms_provider(None)
    assert "not sent" in caplog.text and "482913" not in caplog.text


class WebhookReceiver(BaseHTTPRequestHandler):
    received: list = []
    answer = 202

    def do_POST(self):  # noqa: N802 - http.server API
        length = int(self.headers["Content-Length"])
        type(self).received.append((self.path, self.headers["Content-Type"],
                                    json.loads(self.rfile.read(length))))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook(settings_env, engine):
    handler = type("Receiver", (WebhookReceiver,), {"received": [], "answer": 202})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/sms?key=provider-token-123"
    settings_env(sms_provider="webhook", sms_webhook_url=url)
    yield handler
    server.shutdown()
    server.server_close()


def test_webhook_provider_posts_json(webhook, session):
    assert isinstance(outbox.sms_provider(), outbox.WebhookSmsProvider)
    message = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
    session.commit()
    assert outbox.deliver_pending() == 1
    assert webhook.received == [("/sms?key=provider-token-123", "application/json",
                                 {"to": "+33612345678", "body": CODE_SMS})]
    assert reload(session, message.id).status == OutboxStatus.SENT


def test_webhook_provider_error_is_retried(webhook, session):
    webhook.answer = 500
    message = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
    session.commit()
    assert outbox.deliver_pending() == 0
    row = reload(session, message.id)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert "500" in row.last_error and "provider-token-123" not in row.last_error
    webhook.answer = 202
    assert outbox.deliver_pending() == 1
    assert reload(session, message.id).status == OutboxStatus.SENT
    assert len(webhook.received) == 2


def test_webhook_provider_chosen_only_when_configured(settings_env, engine):
    settings_env(sms_provider="webhook")  # no URL: nothing to post to
    assert outbox.sms_provider() is None
    settings_env(sms_provider="other", sms_webhook_url="http://127.0.0.1:9/sms")
    assert outbox.sms_provider() is None


def test_concurrent_workers_send_each_message_once(engine, session):
    provider = FakeSms(delay=0.01)
    outbox.use_sms_provider(provider)
    try:
        recipients = [f"+336000000{n:02d}" for n in range(30)]
        ids = [outbox.enqueue_sms(session, to=to, body="Rappel").id for to in recipients]
        session.commit()
        counts: list[int] = []
        workers = [threading.Thread(target=lambda: counts.append(outbox.deliver_pending()))
                   for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        outbox.use_sms_provider(None)
    assert sorted(to for to, _ in provider.sent) == recipients
    assert sum(counts) == 30 and provider.calls == 30
    session.expire_all()
    rows = [session.get(OutboxMessage, i) for i in ids]
    assert {(r.status, r.attempts) for r in rows} == {(OutboxStatus.SENT, 1)}


def test_two_workers_racing_on_one_message(fake_sms, session):
    message_id = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS).id
    session.commit()
    start = threading.Barrier(2)
    results: list[bool] = []

    def worker():
        start.wait()
        results.append(outbox.deliver(message_id))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True] and fake_sms.calls == 1


def set_claim(session, message_id: int, *, last_error: str, attempts: int) -> None:
    session.exec(update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(
        status=OutboxStatus.FAILED, last_error=last_error, attempts=attempts))
    session.commit()


def test_claim_of_a_worker_that_died_is_released(fake_sms, session):
    stale, fresh, exhausted = (outbox.enqueue_sms(session, to=f"+3361234567{n}", body="x").id
                               for n in range(3))
    session.commit()
    set_claim(session, stale, last_error=outbox.SENDING + "2020-01-01T00:00:00", attempts=1)
    set_claim(session, exhausted, last_error=outbox.SENDING + "2020-01-01T00:00:00",
              attempts=outbox.MAX_ATTEMPTS)
    assert outbox._claim(session, fresh)  # a live worker is sending this one right now
    assert outbox.deliver_pending() == 1
    assert fake_sms.sent == [("+33612345670", "x")]
    assert (reload(session, stale).status, reload(session, stale).attempts) == (
        OutboxStatus.SENT, 2)
    assert reload(session, fresh).last_error.startswith(outbox.SENDING)
    gave_up = reload(session, exhausted)
    assert gave_up.status == OutboxStatus.FAILED
    assert gave_up.last_error == "worker stopped while sending"


def test_claim_is_released_after_the_job_lease(settings_env, fake_sms, session):
    from datetime import timedelta

    from ortho_app.models._base import utcnow

    settings_env(job_lease_seconds="60")
    recent, old = (outbox.enqueue_sms(session, to=f"+3361234567{n}", body="x").id
                   for n in range(2))
    session.commit()
    for message_id, seconds in ((recent, 30), (old, 90)):
        claimed_at = (utcnow() - timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
        set_claim(session, message_id, last_error=outbox.SENDING + claimed_at, attempts=1)
    assert outbox.release_stale_claims() == 1
    assert reload(session, old).status == OutboxStatus.PENDING
    assert reload(session, recent).last_error.startswith(outbox.SENDING)


def test_outside_demo_mode_messages_without_a_transport_fail_and_no_mailbox_keeps_them(
        session, settings_env, caplog):
    settings_env(demo_mode="false", secret_key="x" * 40)
    sms = outbox.enqueue_sms(session, to="+33612345678", body=CODE_SMS)
    mail = outbox.enqueue_email(session, to="a@example.fr", subject="RDV", body="Demain")
    session.commit()
    with caplog.at_level(logging.ERROR, logger="ortho_app.core.outbox"):
        assert outbox.deliver_pending() == 0
    assert reload(session, sms.id).status == OutboxStatus.FAILED
    assert reload(session, sms.id).last_error == "no sms provider configured"
    assert reload(session, mail.id).last_error == "no email provider configured"
    assert outbox.dev_mailbox(session) == []
    assert "482913" not in caplog.text and "no sms provider configured" in caplog.text
