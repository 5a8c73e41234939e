"""Documents shared with a patient, signed with a one-time SMS code.

Spec "Documents": the patient sees the documents the practice shares — signed, to sign,
without signature — and "Signer" sends an SMS code that confirms the signature. SECURITY.md:
the code follows the login-code rules (single use, 10 minutes, 5 wrong tries) and is bound to
this document's id, version and SHA-256; a signature records who, when, which code check and
the document's SHA-256 and version, so a document changed afterwards is no longer signed.
Framework-free: plain values and a DB session; the caller commits.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ortho_app.core import outbox, storage
from ortho_app.core.authz import Refused
from ortho_app.core.security import otp
from ortho_app.models import CodePurpose, ContactPerson, ContactRelation, Patient, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.documents import DocumentSignature, SharedDocument, SignerKind
from ortho_app.services.documents.signature_pdf import signed_pdf_bytes
from ortho_app.services.patients.names import full_name

__all__ = ["DocState", "DocumentView", "Signer", "documents_for", "file_intact",
           "get_document", "replace_document", "request_signing_code", "resend_signing_code",
           "share_document", "shared_with", "sign_document", "signer_for", "signing_subject",
           "valid_signature"]

PDF_ONLY = frozenset({"pdf"})


class DocState(enum.StrEnum):
    SIGNED = "signed"
    TO_SIGN = "to_sign"
    NO_SIGNATURE = "no_signature"


@dataclass(frozen=True)
class Signer:
    """Who holds the verified phone, for this patient: the patient or a responsible person."""

    kind: SignerKind
    name: str
    phone: str


@dataclass(frozen=True)
class DocumentView:
    document: SharedDocument
    state: DocState
    signature: DocumentSignature | None  # the signature of the current version, if any
    changed_since_signed: bool  # signed once, then the document changed


def signer_for(session: Session, patient: Patient, phone: str) -> Signer | None:
    """The patient when `phone` is theirs, else the contact person it belongs to."""
    if not phone:
        return None
    contacts = session.exec(select(ContactPerson).where(
        ContactPerson.patient_id == patient.id, ContactPerson.phone == phone)).all()
    if patient.phone == phone or any(c.relation == ContactRelation.PATIENT for c in contacts):
        return Signer(SignerKind.PATIENT, full_name(patient), phone)
    if contacts:
        contact = min(contacts, key=lambda c: c.relation.value)
        return Signer(SignerKind.CONTACT, contact.full_name or contact.relation.value, phone)
    return None


def shared_with(document: SharedDocument, signer: Signer | None) -> bool:
    """Is the document shown to this signer (None: staff, who see every document)?"""
    if signer is None:  # staff
        return True
    if signer.kind == SignerKind.PATIENT:
        return document.visible_to_patient
    return document.visible_to_responsible


def share_document(session: Session, *, patient: Patient, stored: StoredFile, title: str,
                   kind: str, needs_signature: bool, visible_to_patient: bool = True,
                   visible_to_responsible: bool = True, actor: str = "") -> SharedDocument:
    _require_pdf(stored)
    row = SharedDocument(patient_id=patient.id, institution_id=patient.institution_id,
                         title=title.strip()[:200], kind=kind.strip()[:80],
                         stored_file_id=stored.id, sha256=stored.sha256,
                         needs_signature=needs_signature, visible_to_patient=visible_to_patient,
                         visible_to_responsible=visible_to_responsible, shared_by=actor[:100])
    session.add(row)
    session.flush()
    return row


def replace_document(session: Session, document: SharedDocument, stored: StoredFile,
                     *, actor: str = "") -> SharedDocument:
    """A new version of the PDF: earlier signatures stop counting (they name the old SHA)."""
    _require_pdf(stored)
    if stored.patient_id != document.patient_id:
        raise Refused("This file belongs to another patient")
    document.stored_file_id, document.sha256 = stored.id, stored.sha256
    document.version += 1
    document.shared_by, document.updated_at = actor[:100], utcnow()
    session.add(document)
    session.flush()
    return document


def _require_pdf(stored: StoredFile) -> None:
    if stored.content_type != "application/pdf":
        raise Refused("Documents are shared as PDF files")


def file_intact(session: Session, document: SharedDocument) -> bool:
    """Do the stored bytes still have the document's SHA-256?"""
    stored = session.get(StoredFile, document.stored_file_id)
    if stored is None or stored.sha256 != document.sha256:
        return False
    try:
        with storage.open_file(stored) as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return False
    return digest == document.sha256


def valid_signature(session: Session, document: SharedDocument) -> DocumentSignature | None:
    return session.exec(select(DocumentSignature).where(
        DocumentSignature.document_id == document.id,
        DocumentSignature.document_sha256 == document.sha256,
        DocumentSignature.document_version == document.version,
    ).order_by(col(DocumentSignature.signed_at).desc())).first()


def _view(session: Session, document: SharedDocument) -> DocumentView:
    if not document.needs_signature:
        return DocumentView(document, DocState.NO_SIGNATURE, None, False)
    signature = valid_signature(session, document)
    if signature is not None and file_intact(session, document):
        return DocumentView(document, DocState.SIGNED, signature, False)
    signed_before = session.exec(select(DocumentSignature.id).where(
        DocumentSignature.document_id == document.id)).first() is not None
    return DocumentView(document, DocState.TO_SIGN, None, signed_before)


def documents_for(session: Session, patient: Patient, *,
                  signer: Signer | None = None) -> list[DocumentView]:
    """The patient's documents, newest first; with a signer, only those shared with them."""
    rows = session.exec(select(SharedDocument).where(
        SharedDocument.patient_id == patient.id,
    ).order_by(col(SharedDocument.updated_at).desc(), col(SharedDocument.id).desc())).all()
    return [_view(session, d) for d in rows if shared_with(d, signer)]


def get_document(session: Session, patient: Patient, document_id: int,
                 signer: Signer | None = None) -> SharedDocument:
    """One document of this patient visible to the signer (Refused otherwise)."""
    document = session.get(SharedDocument, document_id)
    if document is None or document.patient_id != patient.id or not shared_with(document, signer):
        raise Refused("This document is not available")
    return document


def signing_subject(document: SharedDocument) -> str:
    return f"document:{document.id}:{document.version}:{document.sha256}"


def _signable(session: Session, document: SharedDocument) -> None:
    if not document.needs_signature:
        raise Refused("This document does not need a signature")
    if valid_signature(session, document) is not None and file_intact(session, document):
        raise Refused("This document is already signed")


def _code_sms(document: SharedDocument, code: str) -> str:
    return (f"Code de signature du document « {document.title} » : {code}. "
            f"Valable 10 minutes. Ne le communiquez à personne.")


def request_signing_code(session: Session, *, document: SharedDocument, patient: Patient,
                         signer: Signer, ip: str = "") -> str:
    """Send a code by SMS for this document version; returns the attempt secret (kept on the
    server by the caller). Raises otp.CodeError(THROTTLED) or Refused."""
    if document.patient_id != patient.id or not shared_with(document, signer):
        raise Refused("This document is not available")
    _signable(session, document)
    issued = otp.issue(session, purpose=CodePurpose.SIGN_DOCUMENT, phone=signer.phone,
                       patient_id=patient.id, subject=signing_subject(document), ip=ip)
    outbox.enqueue_sms(session, to=signer.phone, body=_code_sms(document, issued.code),
                       institution_id=patient.institution_id)
    return issued.attempt_secret


def resend_signing_code(session: Session, *, document: SharedDocument, signer: Signer,
                        attempt_secret: str | None) -> None:
    row = otp.find(session, attempt_secret, purpose=CodePurpose.SIGN_DOCUMENT,
                   subject=signing_subject(document))
    if row is None or row.phone != signer.phone:
        raise otp.CodeError(otp.EXPIRED)
    code = otp.resend(session, row)
    outbox.enqueue_sms(session, to=signer.phone, body=_code_sms(document, code),
                       institution_id=document.institution_id)


def sign_document(session: Session, *, document: SharedDocument, patient: Patient,
                  signer: Signer, attempt_secret: str | None, code: str,
                  now: datetime | None = None) -> DocumentSignature:
    """Check the SMS code and record the signature with a signed PDF.

    Raises otp.CodeError (wrong / locked / expired: commit anyway, the try is counted) or
    Refused. A code for another purpose (a login), document, version or phone never matches.
    """
    if document.patient_id != patient.id or not shared_with(document, signer):
        raise Refused("This document is not available")
    _signable(session, document)
    row = otp.find(session, attempt_secret, purpose=CodePurpose.SIGN_DOCUMENT,
                   subject=signing_subject(document))
    if row is not None and (row.phone != signer.phone or row.patient_id != patient.id):
        row = None
    row = otp.verify(session, row, code)
    if not file_intact(session, document):
        raise Refused("This document changed; it cannot be signed as it is")
    signature = DocumentSignature(
        document_id=document.id, patient_id=patient.id, signer_kind=signer.kind,
        signer_name=signer.name[:200], signer_phone=signer.phone, signed_at=now or utcnow(),
        code_id=row.id, document_sha256=document.sha256, document_version=document.version)
    session.add(signature)
    session.flush()
    original = storage.read_bytes(session.get(StoredFile, document.stored_file_id))
    data = signed_pdf_bytes(original, document=document, signature=signature)
    stored = storage.save_stream([data], original_name=f"{document.title} (signé).pdf",
                                 session=session, institution_id=patient.institution_id,
                                 patient_id=patient.id, uploaded_by=f"signature:{signature.id}",
                                 allowed_kinds=PDF_ONLY)
    signature.signed_file_id = stored.id
    session.add(signature)
    session.flush()
    return signature

