""""Send activation e-mail": a single-use, expiring link to the patient app, with the
patient's ID and how to sign in (phone number + SMS code). No password is ever e-mailed."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from ortho_app.core import outbox, urls
from ortho_app.core.security.secrets_util import digest, new_secret
from ortho_app.models import ActivationLink, MonitoringEvent, Patient
from ortho_app.models._base import utcnow

LINK_LIFETIME = timedelta(days=7)


class ActivationError(ValueError):
    """The link is unknown, used, replaced or expired (message safe to show)."""


def send_activation_email(session: Session, patient: Patient, *, actor: str, today,
                          public_url: str) -> ActivationLink:
    if not patient.email:
        raise ActivationError("The patient has no e-mail address")
    now = utcnow()
    for old in session.exec(select(ActivationLink).where(
            ActivationLink.patient_id == patient.id, ActivationLink.used_at.is_(None),
            ActivationLink.revoked_at.is_(None))):
        old.revoked_at = now
        session.add(old)
    token = new_secret()
    link = ActivationLink(patient_id=patient.id, token_hash=digest(token),
                          expires_at=now + LINK_LIFETIME)
    session.add(link)
    url = public_url.rstrip("/") + urls.activation_path(token)
    outbox.enqueue_email(
        session, to=patient.email, institution_id=patient.institution_id,
        subject="Activate your patient app",
        body=(f"Hello,\n\nYour practice invites you to its patient app.\n\n"
              f"Open this link (valid 7 days, once): {url}\n\n"
              f"Your patient ID: {patient.id_number or patient.id}\n"
              "To sign in, enter the phone number you gave the practice, the patient's last "
              "name, first name and date of birth, then the 6-digit code we send you by SMS. "
              "There is no password."))
    session.add(MonitoringEvent(patient_id=patient.id, day=today, actor=actor,
                                kind="activation_email", text=f"sent to {patient.email}"))
    session.flush()
    return link


def use_activation_link(session: Session, token: str) -> ActivationLink:
    if not token or len(token) > 100:
        raise ActivationError("This activation link is not valid")
    link = session.exec(select(ActivationLink).where(
        ActivationLink.token_hash == digest(token))).first()
    if link is None or link.revoked_at is not None:
        raise ActivationError("This activation link is not valid any more")
    if link.used_at is not None:
        raise ActivationError("This activation link has already been used")
    if link.expires_at < utcnow():
        raise ActivationError("This activation link has expired")
    link.used_at = utcnow()
    session.add(link)
    return link
