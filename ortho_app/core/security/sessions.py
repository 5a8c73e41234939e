"""Server-side sessions behind an httpOnly cookie.

The cookie holds a random secret; the table holds its keyed digest. A session ends after
`session_idle_minutes` without activity, after `session_absolute_hours` in all, or at logout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, select

from ortho_app.core.security.secrets_util import digest, new_secret
from ortho_app.core.settings import get_settings
from ortho_app.models import AuthSession, Membership, Role, SessionKind
from ortho_app.models._base import utcnow

COOKIE_NAME = "ortho_session"
LOGIN_COOKIE = "ortho_login"  # binds a patient's sign-in attempt to its SMS code
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Principal:
    """Who is calling, as the guard sees it."""

    session_id: int
    kind: SessionKind
    user_id: int | None = None
    institution_id: int | None = None
    role: Role | None = None
    sees_all_patients: bool = False
    phone: str | None = None
    patient_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def actor(self) -> str:
        if self.kind == SessionKind.STAFF:
            return f"staff:{self.user_id}"
        return f"patient-session:{self.session_id}"


def open_session(
    session: Session,
    *,
    kind: SessionKind,
    user_id: int | None = None,
    institution_id: int | None = None,
    phone: str | None = None,
    patient_ids: list[int] | None = None,
    previous_secret: str | None = None,
    ip: str = "",
) -> str:
    """Create a session and return its cookie secret; the previous one (if any) is revoked."""
    if previous_secret:
        revoke(session, previous_secret)
    secret = new_secret()
    session.add(AuthSession(
        secret_hash=digest(secret), kind=kind, user_id=user_id, institution_id=institution_id,
        phone=phone, patient_ids=",".join(str(p) for p in sorted(patient_ids or [])), ip=ip[:64],
    ))
    return secret


def revoke(session: Session, secret: str) -> None:
    row = session.exec(select(AuthSession).where(AuthSession.secret_hash == digest(secret))).first()
    if row and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)


def _alive(row: AuthSession) -> bool:
    settings = get_settings()
    now = utcnow()
    return (
        row.revoked_at is None
        and now - row.last_seen_at <= timedelta(minutes=settings.session_idle_minutes)
        and now - row.created_at <= timedelta(hours=settings.session_absolute_hours)
    )


def resolve(session: Session, secret: str | None) -> Principal | None:
    """The principal behind a cookie secret, or None (unknown, revoked or expired)."""
    if not secret or len(secret) > 100:
        return None
    row = session.exec(select(AuthSession).where(AuthSession.secret_hash == digest(secret))).first()
    if row is None or not _alive(row):
        return None
    if utcnow() - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = utcnow()
        session.add(row)
        session.commit()
    if row.kind == SessionKind.STAFF:
        membership = session.exec(select(Membership).where(
            Membership.user_id == row.user_id, Membership.institution_id == row.institution_id,
        )).first()
        if membership is None:
            return None
        return Principal(session_id=row.id, kind=row.kind, user_id=row.user_id,
                         institution_id=row.institution_id, role=membership.role,
                         sees_all_patients=membership.sees_all_patients)
    ids = frozenset(int(p) for p in row.patient_ids.split(",") if p)
    return Principal(session_id=row.id, kind=row.kind, phone=row.phone, patient_ids=ids)
