from datetime import timedelta

from sqlmodel import select

from ortho_app.core.security import sessions
from ortho_app.models import AuthSession, InstitutionKind, Role, SessionKind
from ortho_app.models._base import utcnow
from tests import factories


def staff_session(session):
    practice = factories.institution(session)
    user = factories.staff(session, practice, Role.CLINICIAN)
    secret = sessions.open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                   institution_id=practice.id)
    session.commit()
    return secret, user, practice


def test_resolve_gives_role_and_institution(session):
    secret, user, practice = staff_session(session)
    principal = sessions.resolve(session, secret)
    assert (principal.user_id, principal.institution_id, principal.role) == (
        user.id, practice.id, Role.CLINICIAN)


def test_secret_stored_only_as_digest(session):
    secret, *_ = staff_session(session)
    stored = session.exec(select(AuthSession)).one()
    assert secret not in stored.secret_hash and len(stored.secret_hash) == 64


def test_idle_timeout_ends_session(session):
    secret, *_ = staff_session(session)
    row = session.exec(select(AuthSession)).one()
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    session.commit()
    assert sessions.resolve(session, secret) is None


def test_absolute_lifetime_ends_session(session):
    secret, *_ = staff_session(session)
    row = session.exec(select(AuthSession)).one()
    row.created_at = utcnow() - timedelta(hours=12, minutes=1)
    session.commit()
    assert sessions.resolve(session, secret) is None


def test_logout_revokes(session):
    secret, *_ = staff_session(session)
    sessions.revoke(session, secret)
    session.commit()
    assert sessions.resolve(session, secret) is None


def test_login_rotates_previous_session(session):
    old, user, practice = staff_session(session)
    new = sessions.open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                institution_id=practice.id, previous_secret=old)
    session.commit()
    assert new != old
    assert sessions.resolve(session, old) is None
    assert sessions.resolve(session, new) is not None


def test_forged_and_oversized_secrets_resolve_to_nobody(session):
    staff_session(session)
    assert sessions.resolve(session, "forged") is None
    assert sessions.resolve(session, "x" * 10_000) is None
    assert sessions.resolve(session, None) is None


def test_lab_kind_unused_for_patients(session):
    lab = factories.institution(session, InstitutionKind.LAB)
    secret = sessions.open_session(session, kind=SessionKind.PATIENT, phone="+33612345678",
                                   patient_ids=[3, 1])
    session.commit()
    principal = sessions.resolve(session, secret)
    assert principal.kind == SessionKind.PATIENT and principal.patient_ids == {1, 3}
    assert principal.role is None and lab.id
