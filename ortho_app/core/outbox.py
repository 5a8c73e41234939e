"""One outbox for every e-mail and SMS.

Callers add a message inside their unit of work (`enqueue_email` / `enqueue_sms`); after the
commit, `request_delivery()` asks the job queue to deliver (a periodic sweep catches anything
missed). Delivery claims each row with a guarded UPDATE (… WHERE status = 'pending'), so two
workers never send the same message. With no transport configured for a channel, the message
stays in the dev mailbox in demo mode, and fails (logged for the operator) outside it. Message
bodies carry one-time codes: they are never logged.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Protocol

from sqlmodel import Session, col, select, update

from ortho_app.core import jobs
from ortho_app.core.db import db_session
from ortho_app.core.settings import get_settings
from ortho_app.models import Channel, OutboxMessage, OutboxStatus
from ortho_app.models._base import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# While a worker sends, its claimed row reads FAILED with last_error "sending since <UTC time>";
# a claim older than the job lease (the worker died mid-send) goes back to the queue. A message
# whose worker died after the transport took it but before the row said so is sent again:
# e-mails keep their Message-ID, so the receiving side can tell it is the same one.
SENDING = "sending since "
_STAMP = "%Y-%m-%dT%H:%M:%S"


class SmsProvider(Protocol):
    def send(self, to: str, body: str) -> None: ...


class WebhookSmsProvider:
    """Posts {"to", "body"} as JSON to the provider's URL; any non-2xx answer is a failure."""

    def __init__(self, url: str, timeout: float = 10):
        self.url, self.timeout = url, timeout

    def send(self, to: str, body: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - operator-configured URL
            self.url, data=json.dumps({"to": to, "body": body}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if not 200 <= response.status < 300:
                raise RuntimeError(f"SMS provider answered {response.status}")


_sms_override: SmsProvider | None = None


def use_sms_provider(provider: SmsProvider | None) -> None:
    """Install an SMS provider adapter (tests, or a provider library) in place of settings."""
    global _sms_override
    _sms_override = provider


def sms_provider() -> SmsProvider | None:
    if _sms_override is not None:
        return _sms_override
    settings = get_settings()
    if settings.sms_provider == "webhook" and settings.sms_webhook_url:
        return WebhookSmsProvider(settings.sms_webhook_url)
    return None


def _add(session: Session, **fields) -> OutboxMessage:
    message = OutboxMessage(**fields)
    session.add(message)
    session.flush()
    return message


def enqueue_email(session: Session, *, to: str, subject: str, body: str,
                  institution_id: int | None = None) -> OutboxMessage:
    return _add(session, channel=Channel.EMAIL, recipient=to, subject=subject, body=body,
                institution_id=institution_id)


def enqueue_sms(session: Session, *, to: str, body: str,
                institution_id: int | None = None) -> OutboxMessage:
    return _add(session, channel=Channel.SMS, recipient=to, body=body,
                institution_id=institution_id)


@jobs.task
def send_outbox() -> int:
    return deliver_pending()


@jobs.periodic("outbox-sweep", minute="*")
def outbox_sweep() -> None:
    deliver_pending()


def request_delivery() -> None:
    """Ask the job queue to deliver what is pending (inline when jobs run immediately)."""
    try:
        send_outbox()
    except Exception:  # noqa: BLE001 - the periodic sweep delivers it later
        log.warning("could not enqueue outbox delivery; the periodic sweep will send it")


def _send_email(message: OutboxMessage) -> None:
    settings = get_settings()
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(usegmt=True)
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
    email["Message-ID"] = f"<outbox-{message.id}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"
    email.set_content(message.body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())  # verifies the certificate
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(email)


def _transport_for(channel: Channel) -> Callable[[OutboxMessage], None] | None:
    if channel == Channel.EMAIL:
        return _send_email if get_settings().smtp_host else None
    provider = sms_provider()
    if provider is None:
        return None
    return lambda message: provider.send(message.recipient, message.body)


def _error_text(exc: Exception, message: OutboxMessage) -> str:
    """The failure for last_error, without credentials, webhook tokens or the body."""
    text = f"{type(exc).__name__}: {exc}"[:500]
    settings = get_settings()
    hidden = [settings.smtp_password, message.body]
    if settings.sms_webhook_url:
        url = urllib.parse.urlsplit(settings.sms_webhook_url)
        hidden += [settings.sms_webhook_url, url.query, url.password]
    for secret in hidden:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text[:300]


def _claim(session: Session, message_id: int) -> bool:
    claimed = session.exec(update(OutboxMessage).where(
        col(OutboxMessage.id) == message_id, col(OutboxMessage.status) == OutboxStatus.PENDING,
    ).values(attempts=OutboxMessage.attempts + 1, status=OutboxStatus.FAILED,
             last_error=SENDING + utcnow().strftime(_STAMP)))
    session.commit()
    return claimed.rowcount == 1


def _without_transport(session: Session, message: OutboxMessage) -> bool:
    """No provider for the channel: the demo keeps the message in its dev mailbox; outside
    demo mode it fails at once (nobody reads it here) and the operator is told."""
    if get_settings().demo_mode:
        values = {"status": OutboxStatus.DEV_MAILBOX}
    else:
        values = {"status": OutboxStatus.FAILED,
                  "last_error": f"no {message.channel.value} provider configured"}
        log.error("outbox message %s not sent: no %s provider configured (see README)",
                  message.id, message.channel.value)
    moved = session.exec(update(OutboxMessage).where(
        col(OutboxMessage.id) == message.id, col(OutboxMessage.status) == OutboxStatus.PENDING,
    ).values(**values))
    session.commit()
    return moved.rowcount == 1 and get_settings().demo_mode


def deliver(message_id: int) -> bool:
    """Send one pending message exactly once; True when it left (or went to the mailbox)."""
    with db_session() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None or message.status != OutboxStatus.PENDING:
            return False
        transport = _transport_for(message.channel)
        if transport is None:
            return _without_transport(session, message)
        if not _claim(session, message_id):
            return False
        session.refresh(message)
        try:
            transport(message)
        except Exception as exc:  # noqa: BLE001 - any transport failure is retried
            message.last_error = _error_text(exc, message)
            message.status = (OutboxStatus.FAILED if message.attempts >= MAX_ATTEMPTS
                              else OutboxStatus.PENDING)
            log.warning("outbox message %s (%s) not sent, attempt %s: %s", message.id,
                        message.channel.value, message.attempts, type(exc).__name__)
            sent = False
        else:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT, utcnow(), ""
            log.info("outbox message %s (%s) sent", message.id, message.channel.value)
            sent = True
        session.add(message)
        session.commit()
        return sent


def release_stale_claims(older_than: timedelta | None = None) -> int:
    """Requeue messages whose worker died while sending, claimed longer ago than `older_than`
    (default: the job lease); FAILED after the last attempt."""
    cutoff = SENDING + (utcnow() - (older_than or jobs.lease())).strftime(_STAMP)
    stale = (col(OutboxMessage.status) == OutboxStatus.FAILED,
             col(OutboxMessage.last_error).startswith(SENDING),
             col(OutboxMessage.last_error) < cutoff)
    with db_session() as session:
        retried = session.exec(update(OutboxMessage).where(
            *stale, col(OutboxMessage.attempts) < MAX_ATTEMPTS,
        ).values(status=OutboxStatus.PENDING, last_error="worker stopped while sending"))
        given_up = session.exec(update(OutboxMessage).where(*stale).values(
            last_error="worker stopped while sending"))
        session.commit()
    count = retried.rowcount + given_up.rowcount
    if count:
        log.warning("outbox: %s message(s) released after their worker stopped", count)
    return count


def deliver_pending(limit: int = 100) -> int:
    """Deliver up to `limit` pending messages, oldest first; returns how many left."""
    release_stale_claims()
    with db_session() as session:
        ids = session.exec(select(OutboxMessage.id).where(
            OutboxMessage.status == OutboxStatus.PENDING).order_by(OutboxMessage.id)
            .limit(limit)).all()
    return sum(1 for message_id in ids if deliver(message_id))


def dev_mailbox(session: Session, *, institution_id: int | None = None,
                recipient: str | None = None, limit: int = 50,
                offset: int = 0) -> list[OutboxMessage]:
    """Messages kept for the dev mailbox (no transport configured), newest first, paged."""
    query = select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.DEV_MAILBOX)
    if institution_id is not None:
        query = query.where(OutboxMessage.institution_id == institution_id)
    if recipient:
        query = query.where(OutboxMessage.recipient == recipient)
    return list(session.exec(query.order_by(col(OutboxMessage.id).desc())
                             .offset(max(offset, 0)).limit(min(max(limit, 0), 200))))
