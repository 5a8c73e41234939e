"""One-time codes (NIST SP 800-63B style): 6 digits from `secrets`, single use, 10 minutes,
bound to one attempt (a login, or one document to sign), at most 5 wrong tries per code,
throttled per phone and per IP.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, func, select

from ortho_app.core.security.secrets_util import digest, new_code, new_secret
from ortho_app.models import CodePurpose, OneTimeCode
from ortho_app.models._base import utcnow

CODE_TTL = timedelta(minutes=10)
MAX_ATTEMPTS = 5
MAX_SENDS_PER_CODE = 3
WINDOW = timedelta(hours=1)
MAX_CODES_PER_PHONE = 5  # per WINDOW
MAX_CODES_PER_IP = 20  # per WINDOW


class CodeError(Exception):
    """A refused code operation; `reason` is one of the constants below."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


THROTTLED = "throttled"
EXPIRED = "expired"
LOCKED = "locked"
WRONG = "wrong"


@dataclass(frozen=True)
class IssuedCode:
    attempt_secret: str  # kept by the client (httpOnly cookie); binds the code to this attempt
    code: str  # sent by SMS only; never logged
    row: OneTimeCode


def _recent(session: Session, column, value) -> int:
    since = utcnow() - WINDOW
    return session.exec(select(func.coalesce(func.sum(OneTimeCode.sends), 0)).where(
        column == value, OneTimeCode.created_at >= since)).one()


def check_throttle(session: Session, *, phone: str, ip: str) -> None:
    if _recent(session, OneTimeCode.phone, phone) >= MAX_CODES_PER_PHONE:
        raise CodeError(THROTTLED)
    if ip and _recent(session, OneTimeCode.ip, ip) >= MAX_CODES_PER_IP:
        raise CodeError(THROTTLED)


def issue(session: Session, *, purpose: CodePurpose, phone: str, patient_id: int | None,
          subject: str = "", ip: str = "") -> IssuedCode:
    check_throttle(session, phone=phone, ip=ip)
    attempt, code = new_secret(), new_code()
    row = OneTimeCode(attempt_hash=digest(attempt), purpose=purpose, subject=subject,
                      phone=phone, patient_id=patient_id, code_hash=digest(code),
                      expires_at=utcnow() + CODE_TTL, ip=ip[:64])
    session.add(row)
    session.flush()
    return IssuedCode(attempt, code, row)


def find(session: Session, attempt_secret: str | None, *, purpose: CodePurpose,
         subject: str = "") -> OneTimeCode | None:
    if not attempt_secret or len(attempt_secret) > 100:
        return None
    row = session.exec(select(OneTimeCode).where(
        OneTimeCode.attempt_hash == digest(attempt_secret))).first()
    if row is None or row.purpose != purpose or row.subject != subject:
        return None
    return row


def resend(session: Session, row: OneTimeCode) -> str:
    """A fresh code for the same attempt; the previous code stops working."""
    if row.used_at is not None or row.sends >= MAX_SENDS_PER_CODE:
        raise CodeError(THROTTLED)
    check_throttle(session, phone=row.phone, ip=row.ip)
    code = new_code()
    row.code_hash = digest(code)
    row.sends += 1
    row.attempts = 0
    row.expires_at = utcnow() + CODE_TTL
    session.add(row)
    return code


def verify(session: Session, row: OneTimeCode | None, code: str) -> OneTimeCode:
    """Consume the code or raise CodeError. The caller commits in both cases."""
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        raise CodeError(EXPIRED)
    if row.attempts >= MAX_ATTEMPTS:
        raise CodeError(LOCKED)
    candidate = (code or "").strip()[:12]
    if not hmac.compare_digest(digest(candidate), row.code_hash):
        row.attempts += 1
        session.add(row)
        raise CodeError(LOCKED if row.attempts >= MAX_ATTEMPTS else WRONG)
    row.used_at = utcnow()
    session.add(row)
    return row
