"""E-mail through a real local SMTP server (aiosmtpd); SMS through the provider adapter."""

from __future__ import annotations

import email
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import select

from ortho_app.core import outbox
from ortho_app.models import OutboxMessage, OutboxStatus


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collect:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings_env, engine):
    handler = Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings_env(smtp_host="127.0.0.1", smtp_port=str(port),
                 mail_from="Demo <no-reply@demo.clinic>")
    yield handler
    controller.stop()


def enqueue(session, **kw) -> int:
    message = outbox.enqueue_email(session, to=kw.get("to", "sophie.martin@example.fr"),
                                   subject="Votre rendez-vous", body="À demain, 10 h 30.")
    session.commit()
    return message.id


def test_email_delivered_once_through_smtp(smtp, session):
    message_id = enqueue(session)
    assert outbox.deliver_pending() == 1
    assert outbox.deliver_pending() == 0
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    parsed = email.message_from_bytes(envelope.content)
    assert envelope.rcpt_tos == ["sophie.martin@example.fr"]
    assert envelope.mail_from == "no-reply@demo.clinic"
    assert parsed["To"] == "sophie.martin@example.fr"
    assert parsed["From"] == "Demo <no-reply@demo.clinic>"
    assert parsed["Subject"] == "Votre rendez-vous"
    assert parsed["Message-ID"].startswith(f"<outbox-{message_id}-")
    assert parsed["Message-ID"].endswith("@demo.clinic>") and parsed["Date"]
    assert "À demain, 10 h 30." in parsed.get_payload(decode=True).decode()
    session.expire_all()
    assert session.get(OutboxMessage, message_id).status == OutboxStatus.SENT


def test_smtp_down_is_retried_then_failed(settings_env, engine, session):
    settings_env(smtp_host="127.0.0.1", smtp_port=str(free_port()))
    message_id = enqueue(session)
    for attempt in range(1, outbox.MAX_ATTEMPTS):
        assert outbox.deliver_pending() == 0
        session.expire_all()
        message = session.get(OutboxMessage, message_id)
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, attempt)
    outbox.deliver_pending()
    session.expire_all()
    message = session.get(OutboxMessage, message_id)
    assert message.status == OutboxStatus.FAILED and message.attempts == outbox.MAX_ATTEMPTS
    assert "ConnectionRefused" in message.last_error
    outbox.deliver_pending()
    session.expire_all()
    assert session.get(OutboxMessage, message_id).attempts == outbox.MAX_ATTEMPTS


class Accounts:
    """An aiosmtpd authenticator that knows one account and remembers who logged in."""

    def __init__(self, user: str, password: str):
        self.user, self.password, self.logins = user, password, []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == self.user
              and auth_data.password.decode() == self.password)
        if ok:
            self.logins.append(self.user)
        return AuthResult(success=ok, handled=False)  # handled=False: server answers 535


@pytest.fixture
def smtp_with_login(settings_env, engine):
    handler, accounts = Collect(), Accounts("mailer@demo.clinic", "s3cret-smtp-pass")
    port = free_port()
    # AUTH without TLS: acceptable on loopback, in a test only.
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=accounts,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    settings_env(smtp_host="127.0.0.1", smtp_port=str(port), smtp_user="mailer@demo.clinic")
    yield handler, accounts, settings_env
    controller.stop()


NO_TLS_WARNING = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@NO_TLS_WARNING
def test_smtp_login_when_configured(smtp_with_login, session):
    handler, accounts, settings_env = smtp_with_login
    settings_env(smtp_password="s3cret-smtp-pass")
    message_id = enqueue(session)
    assert outbox.deliver_pending() == 1
    assert accounts.logins == ["mailer@demo.clinic"] and len(handler.envelopes) == 1
    session.expire_all()
    assert session.get(OutboxMessage, message_id).status == OutboxStatus.SENT


@NO_TLS_WARNING
def test_smtp_login_refused_is_counted_without_the_password(smtp_with_login, session):
    handler, accounts, settings_env = smtp_with_login
    settings_env(smtp_password="wrong-smtp-pass")
    message_id = enqueue(session)
    assert outbox.deliver_pending() == 0
    session.expire_all()
    message = session.get(OutboxMessage, message_id)
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert "SMTPAuthenticationError" in message.last_error
    assert "wrong-smtp-pass" not in message.last_error
    assert handler.envelopes == [] and accounts.logins == []


def test_concurrent_deliveries_send_each_message_once(smtp, session):
    ids = [enqueue(session, to=f"p{n}@example.fr") for n in range(10)]
    threads = [threading.Thread(target=outbox.deliver_pending) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(e.rcpt_tos[0] for e in smtp.envelopes) == sorted(
        f"p{n}@example.fr" for n in range(10))
    session.expire_all()
    assert {session.get(OutboxMessage, i).status for i in ids} == {OutboxStatus.SENT}


def test_without_transport_messages_stay_in_dev_mailbox(engine, session):
    first = outbox.enqueue_sms(session, to="+33612345678", body="code 123456")
    second = outbox.enqueue_email(session, to="a@example.fr", subject="s", body="b")
    session.commit()
    outbox.deliver_pending()
    session.expire_all()
    listed = outbox.dev_mailbox(session)
    assert [m.id for m in listed] == [second.id, first.id]
    assert {m.status for m in listed} == {OutboxStatus.DEV_MAILBOX}


def test_sms_through_webhook_provider(settings_env, engine, session):
    received = []

    class Provider(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server API
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(202)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Provider)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings_env(sms_provider="webhook",
                 sms_webhook_url=f"http://127.0.0.1:{server.server_port}/sms")
    outbox.enqueue_sms(session, to="+33612345678", body="Votre code : 123456")
    session.commit()
    assert outbox.deliver_pending() == 1
    server.shutdown()
    assert received == [{"to": "+33612345678", "body": "Votre code : 123456"}]
    assert session.exec(select(OutboxMessage)).one().status == OutboxStatus.SENT
