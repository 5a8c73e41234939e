"""The practice's message templates ("messages types", console "Paramètres → Messagerie"):
a text and an optional attachment, copied into a patient's files when a template is used."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from ortho_app.core import storage
from ortho_app.models import Patient, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.messaging import MessageTemplate
from ortho_app.services.messaging.threads import (
    ATTACHMENT_KINDS,
    MAX_ATTACHMENT_BYTES,
    MessagingError,
    _text,
    save_attachment,
)


def templates(session: Session, institution_id: int) -> list[MessageTemplate]:
    return list(session.exec(select(MessageTemplate).where(
        MessageTemplate.institution_id == institution_id).order_by(MessageTemplate.id)).all())


def template_of(session: Session, institution_id: int, template_id: int) -> MessageTemplate:
    template = session.get(MessageTemplate, template_id)
    if template is None or template.institution_id != institution_id:
        raise MessagingError("This template is not available")
    return template


def create_template(session: Session, institution_id: int, *, body: str = "Nouveau modèle",
                    actor: str = "") -> MessageTemplate:
    template = MessageTemplate(institution_id=institution_id, created_by=actor,
                               body=_text(body, required=True))
    session.add(template)
    session.flush()
    return template


def update_template(session: Session, template: MessageTemplate, *, body: str
                    ) -> MessageTemplate:
    template.body = _text(body, required=True)
    template.updated_at = utcnow()
    session.add(template)
    session.flush()
    return template


def attach_to_template(session: Session, template: MessageTemplate, chunks: Iterable[bytes],
                       *, original_name: str, actor: str) -> MessageTemplate:
    stored = storage.save_stream(chunks, original_name=original_name, session=session,
                                 institution_id=template.institution_id, uploaded_by=actor,
                                 max_bytes=MAX_ATTACHMENT_BYTES, allowed_kinds=ATTACHMENT_KINDS)
    return set_template_file(session, template, stored)


def set_template_file(session: Session, template: MessageTemplate,
                      stored: StoredFile | None) -> MessageTemplate:
    """Attach a practice file (None removes the attachment: the trombone's cross)."""
    if stored is not None and (stored.institution_id != template.institution_id
                               or stored.patient_id is not None):
        raise MessagingError("This file cannot be attached to a template")
    template.attachment_id = stored.id if stored else None
    template.updated_at = utcnow()
    session.add(template)
    session.flush()
    return template


def delete_template(session: Session, template: MessageTemplate) -> None:
    session.delete(template)
    session.flush()


def template_copy_for(session: Session, template: MessageTemplate, patient: Patient, *,
                      actor: str) -> StoredFile | None:
    """The template's attachment copied into the patient's files (so the patient may
    download it), or None when the template has none."""
    if template.attachment_id is None:
        return None
    if template.institution_id != patient.institution_id:
        raise MessagingError("This template is not available")
    source = session.get(StoredFile, template.attachment_id)
    if source is None:
        return None
    return save_attachment(session, patient, [storage.read_bytes(source)],
                           original_name=source.original_name, actor=actor)
