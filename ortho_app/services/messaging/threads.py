"""Messagerie: a patient's thread with the practice, unread counts on both sides, and filing
a patient's photo into the record (the practice's message templates: `templates.py`).

Framework-free: plain values and a DB session (the caller commits). Bodies are plain text;
whoever shows them renders them as text. Attachments are StoredFiles of the patient (JPEG,
PNG or PDF checked by their bytes, EXIF stripped), downloaded only through `GET /files/{id}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select, update

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.imaging import PatientImage
from ortho_app.models.messaging import MAX_BODY, Message, MessageDirection
from ortho_app.services.monitoring.actions import notify_patient
from ortho_app.services.patient_app.modules import Module, require_module
from ortho_app.services.patients import directory

ATTACHMENT_KINDS = ("jpeg", "png", "pdf")
IMAGE_TYPES = ("image/jpeg", "image/png")
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
THREAD_PAGE = 30
CONVERSATIONS_PAGE = 20
# Choices offered when staff file a patient's photo into the record: the record's imaging
# vocabulary (stages and types of "Mon imagerie").
IMAGE_STAGES = ("Début de traitement", "En cours de traitement", "Fin de traitement",
                "Contention")
IMAGE_KINDS = ("Visage face", "Visage sourire", "Profil", "Photo intra-buccale",
               "Radio panoramique", "Téléradiographie de profil")
NOTICE_SUBJECT = "Vous avez un nouveau message"
NOTICE_BODY = "Votre cabinet vous a écrit. Ouvrez l'application Mon orthodontiste, " \
              "rubrique Messagerie, pour le lire."


class MessagingError(Refused):
    """A message, template or filing that cannot be accepted (message safe to show)."""


@dataclass(frozen=True)
class ThreadPage:
    messages: list[Message]  # oldest first
    has_older: bool


@dataclass(frozen=True)
class Conversation:
    patient: Patient
    last: Message
    unread: int


@dataclass(frozen=True)
class ConversationPage:
    rows: list[Conversation]
    total: int


def _text(body: str, *, required: bool) -> str:
    text = (body or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_BODY:
        raise MessagingError(f"A message is at most {MAX_BODY} characters")
    if required and not text:
        raise MessagingError("Write a message or attach a file")
    return text


def attachment_rules(patient: Patient, *, actor: str) -> dict[str, Any]:
    """Keyword arguments for `storage.save_stream` of a chat attachment of this patient."""
    return {"patient_id": patient.id, "institution_id": patient.institution_id,
            "uploaded_by": actor, "max_bytes": MAX_ATTACHMENT_BYTES,
            "allowed_kinds": ATTACHMENT_KINDS}


def save_attachment(session: Session, patient: Patient, chunks: Iterable[bytes], *,
                    original_name: str, actor: str) -> StoredFile:
    return storage.save_stream(chunks, original_name=original_name, session=session,
                               **attachment_rules(patient, actor=actor))


def _post(session: Session, patient: Patient, direction: MessageDirection, *, actor: str,
          author_name: str, body: str, attachment: StoredFile | None,
          now: datetime | None) -> Message:
    require_module(session, patient, Module.MESSAGING)
    if attachment is not None and attachment.patient_id != patient.id:
        raise MessagingError("This file belongs to another record")
    now = now or utcnow()
    message = Message(patient_id=patient.id, institution_id=patient.institution_id,
                      direction=direction, author=actor, author_name=author_name[:200],
                      body=_text(body, required=attachment is None),
                      attachment_id=attachment.id if attachment else None, created_at=now)
    if direction == MessageDirection.TO_PRACTICE:
        message.read_by_patient_at = now
    else:
        message.read_by_practice_at = now
    session.add(message)
    session.flush()
    return message


def post_from_patient(session: Session, patient: Patient, *, actor: str, body: str,
                      attachment: StoredFile | None = None,
                      now: datetime | None = None) -> Message:
    """The patient writes to the practice; staff see it as unread."""
    return _post(session, patient, MessageDirection.TO_PRACTICE, actor=actor, author_name="",
                 body=body, attachment=attachment, now=now)


def post_from_practice(session: Session, patient: Patient, *, actor: str, author_name: str,
                       body: str, attachment: StoredFile | None = None,
                       now: datetime | None = None, notify: bool = True) -> Message:
    """Staff answer; the patient is told through the outbox (no content in the notice)."""
    message = _post(session, patient, MessageDirection.TO_PATIENT, actor=actor,
                    author_name=author_name, body=body, attachment=attachment, now=now)
    if notify:
        notify_patient(session, patient, NOTICE_SUBJECT, NOTICE_BODY)
    return message


def thread(session: Session, patient_id: int, *, before_id: int | None = None,
           limit: int = THREAD_PAGE) -> ThreadPage:
    """The newest `limit` messages (older than `before_id` when given), oldest first."""
    query = select(Message).where(Message.patient_id == patient_id)
    if before_id is not None:
        query = query.where(col(Message.id) < before_id)
    rows = list(session.exec(query.order_by(col(Message.id).desc()).limit(limit + 1)).all())
    return ThreadPage(messages=rows[:limit][::-1], has_older=len(rows) > limit)


def _unread(direction: MessageDirection):
    column = (Message.read_by_practice_at if direction == MessageDirection.TO_PRACTICE
              else Message.read_by_patient_at)
    return and_(Message.direction == direction, col(column).is_(None))


def unread_for_practice(session: Session, patient_id: int) -> int:
    return session.exec(select(func.count(col(Message.id))).where(
        Message.patient_id == patient_id, _unread(MessageDirection.TO_PRACTICE))).one()


def unread_for_patient(session: Session, patient_id: int) -> int:
    return session.exec(select(func.count(col(Message.id))).where(
        Message.patient_id == patient_id, _unread(MessageDirection.TO_PATIENT))).one()


def unread_for_staff(session: Session, principal: Principal) -> int:
    """Unread patient messages over every patient this staff member may see."""
    visible = directory.visible_patients_query(principal).subquery()
    return session.exec(select(func.count(col(Message.id))).where(
        col(Message.patient_id).in_(select(visible.c.id)),
        _unread(MessageDirection.TO_PRACTICE))).one()


def _mark(session: Session, patient_id: int, direction: MessageDirection,
          now: datetime | None) -> int:
    column = ("read_by_practice_at" if direction == MessageDirection.TO_PRACTICE
              else "read_by_patient_at")
    result = session.exec(update(Message).where(
        Message.patient_id == patient_id, _unread(direction)).values({column: now or utcnow()}))
    return result.rowcount or 0


def mark_read_by_practice(session: Session, patient_id: int, *,
                          now: datetime | None = None) -> int:
    return _mark(session, patient_id, MessageDirection.TO_PRACTICE, now)


def mark_read_by_patient(session: Session, patient_id: int, *,
                         now: datetime | None = None) -> int:
    return _mark(session, patient_id, MessageDirection.TO_PATIENT, now)


def conversations(session: Session, principal: Principal, *, unread_only: bool = False,
                  page: int = 0, page_size: int = CONVERSATIONS_PAGE) -> ConversationPage:
    """Threads of the patients this staff member may see, newest first, with unread counts."""
    visible = directory.visible_patients_query(principal).subquery()
    unread = func.sum(case((_unread(MessageDirection.TO_PRACTICE), 1), else_=0))
    grouped = (select(Message.patient_id, func.max(Message.id).label("last_id"),
                      unread.label("unread"))
               .where(col(Message.patient_id).in_(select(visible.c.id)))
               .group_by(Message.patient_id))
    if unread_only:
        grouped = grouped.having(unread > 0)
    total = session.exec(select(func.count()).select_from(grouped.subquery())).one()
    ordered = grouped.order_by(func.max(Message.created_at).desc(), func.max(Message.id).desc()
                               ).offset(max(page, 0) * page_size)
    rows = session.exec(ordered.limit(page_size)).all()
    patients = {p.id: p for p in session.exec(select(Patient).where(
        col(Patient.id).in_([r[0] for r in rows] or [-1]))).all()}
    lasts = {m.id: m for m in session.exec(select(Message).where(
        col(Message.id).in_([r[1] for r in rows] or [-1]))).all()}
    return ConversationPage([Conversation(patients[pid], lasts[last], int(count or 0))
                             for pid, last, count in rows], total)


def message_of(session: Session, patient_id: int, message_id: int) -> Message:
    message = session.get(Message, message_id)
    if message is None or message.patient_id != patient_id:
        raise MessagingError("This message is not available")
    return message


# ---- filing a patient's photo into the record ----

def file_into_record(session: Session, message: Message, *, stage: str, kind: str,
                     actor: str, shared_with_patient: bool = False) -> PatientImage:
    """Create the record's image from a photo the patient sent (once per message)."""
    if stage not in IMAGE_STAGES or kind not in IMAGE_KINDS:
        raise MessagingError("Choose a treatment stage and an image type")
    if message.direction != MessageDirection.TO_PRACTICE or message.attachment_id is None:
        raise MessagingError("Only a photo sent by the patient can be filed")
    if message.filed_image_id is not None:
        raise MessagingError("This photo is already in the record")
    stored = session.get(StoredFile, message.attachment_id)
    if stored is None or stored.content_type not in IMAGE_TYPES:
        raise MessagingError("Only a photo sent by the patient can be filed")
    image = PatientImage(patient_id=message.patient_id, institution_id=message.institution_id,
                         stored_file_id=stored.id, stage=stage, kind=kind,
                         taken_on=message.created_at.date(), source="message",
                         shared_with_patient=shared_with_patient, filed_by=actor[:100])
    session.add(image)
    session.flush()
    message.filed_image_id = image.id
    session.add(message)
    session.flush()
    return image
