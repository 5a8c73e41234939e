"""Who may have a stored file: only through the record it belongs to, checked by kind.

Every route that lets a file's bytes out asks this module: `GET /files/{id}`
(`authorize_file`), `GET /documents/{id}/view` (`authorize_document`) and
`GET /imaging/{patient_id}/images.zip` (`authorize_shared_images`). A file is reached through
the records that use it (its *uses*, `uses_of`); the caller gets it when one of them admits
the caller. A file no record uses (a document's replaced version, an upload never attached)
and any use not in this table reach no one: deny by default.

Use (record)                     patient session                 clinician, assistant  lab
-------------------------------  ------------------------------  --------------------  -----
image (`PatientImage`)           shared with the patient         patients they see     —
document (`SharedDocument`,      shared with the phone's holder  patients they see     —
  its current version)
signed copy                      of the current version of a     patients they see     —
  (`DocumentSignature`)            document shared with them
chat attachment (`Message`)      any message of their thread     patients they see     —
                                   (theirs, the practice's)
case file (`LabCaseFile`,        —                               cases they see        cases
  the RX script included)                                                              sent to
                                                                                       its lab
scan photo (`ScanPhoto`)         —                               patients they see     —
3D model (`ArchModel`: STL and   —                               patients they see     —
  web mesh)
template attachment              — (a copy reaches them in       their own practice    —
  (`MessageTemplate`)              their thread)

A patient session holds the patients of its verified phone (`Principal.patient_ids`); the
phone's holder is the patient or a responsible person (`sharing.signer_for`), and the
patient-app module of the use (Imaging, Documents, Messaging) must be on for that patient.
Cases follow `lab_cases.access.case_visible` (a lab: cases sent to it by a practice it serves).

Practice admin: the console shows the practice's staff, a day's online payments and the dev
mailbox — no file of any kind — so a practice admin reaches no file.

Grants are audited in the caller's unit of work; refusals through `authz.refuse` (their own
transaction), decided after reads only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, or_, select

from ortho_app.core import audit
from ortho_app.core.authz import CLINIC, PatientRef, RecordId, refuse, validate
from ortho_app.core.security.sessions import Principal
from ortho_app.models import ArchModel, Patient, Scan, ScanPhoto, SessionKind, StoredFile
from ortho_app.models.documents import DocumentSignature, SharedDocument
from ortho_app.models.imaging import PatientImage
from ortho_app.models.lab_cases import LabCase, LabCaseFile
from ortho_app.models.messaging import Message, MessageTemplate
from ortho_app.services.documents.sharing import shared_with, signer_for
from ortho_app.services.lab_cases.access import case_visible
from ortho_app.services.patient_app.modules import Module, module_enabled, options_for
from ortho_app.services.patients.directory import visible_patients_query

__all__ = ["FileKind", "Use", "admits", "authorize_document", "authorize_file",
           "authorize_shared_images", "uses_of"]

NOT_AVAILABLE = "This file is not available"


class FileKind(enum.StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"
    SIGNED_COPY = "signed copy"
    CHAT_ATTACHMENT = "chat attachment"
    CASE_FILE = "case file"
    SCAN_PHOTO = "scan photo"
    ARCH_MODEL = "3D model"
    TEMPLATE_ATTACHMENT = "template attachment"


@dataclass(frozen=True)
class Use:
    """One record that uses a stored file: the record the rule of its kind looks at (a
    signed copy's signature, a case file's case, a scan photo's scan)."""

    kind: FileKind
    record: SQLModel


# The records that use a file, by kind: the query of each for a file id.
_USES = {
    FileKind.IMAGE: lambda fid: select(PatientImage).where(PatientImage.stored_file_id == fid),
    FileKind.DOCUMENT: lambda fid: select(SharedDocument).where(
        SharedDocument.stored_file_id == fid),
    FileKind.SIGNED_COPY: lambda fid: select(DocumentSignature).where(
        DocumentSignature.signed_file_id == fid),
    FileKind.CHAT_ATTACHMENT: lambda fid: select(Message).where(Message.attachment_id == fid),
    FileKind.CASE_FILE: lambda fid: select(LabCase).join(
        LabCaseFile, LabCaseFile.case_id == LabCase.id).where(LabCaseFile.stored_file_id == fid),
    FileKind.SCAN_PHOTO: lambda fid: select(Scan).join(
        ScanPhoto, ScanPhoto.scan_id == Scan.id).where(ScanPhoto.file_id == fid),
    FileKind.ARCH_MODEL: lambda fid: select(ArchModel).where(or_(
        ArchModel.original_file_id == fid, ArchModel.web_mesh_file_id == fid)),
    FileKind.TEMPLATE_ATTACHMENT: lambda fid: select(MessageTemplate).where(
        MessageTemplate.attachment_id == fid),
}

# The patient-app module a patient's use belongs to; a kind not listed reaches no patient.
_PATIENT_MODULE = {
    FileKind.IMAGE: Module.IMAGING,
    FileKind.DOCUMENT: Module.DOCUMENTS,
    FileKind.SIGNED_COPY: Module.DOCUMENTS,
    FileKind.CHAT_ATTACHMENT: Module.MESSAGING,
}


class FileRef(BaseModel):
    model_config = {"strict": True}
    file_id: RecordId


class DocumentRef(BaseModel):
    model_config = {"strict": True}
    document_id: RecordId


def uses_of(session: Session, file_id: int) -> list[Use]:
    """Every record that uses the file (none: the file reaches no one)."""
    return [Use(kind, record) for kind, query in _USES.items()
            for record in session.exec(query(file_id))]


def _sees_patient(session: Session, principal: Principal, patient_id: int) -> bool:
    query = visible_patients_query(principal).where(Patient.id == patient_id)
    return session.exec(query).first() is not None


def _module_on(session: Session, patient: Patient, module: Module) -> bool:
    options = options_for(session, patient.institution_id)
    return module_enabled(options, module, patient, today=date.today())


def _shared_with_phone(session: Session, patient: Patient, document: SharedDocument,
                       phone: str) -> bool:
    signer = signer_for(session, patient, phone)
    return signer is not None and shared_with(document, signer)


def _patient_admits(session: Session, principal: Principal, use: Use) -> bool:
    module = _PATIENT_MODULE.get(use.kind)
    if module is None or use.record.patient_id not in principal.patient_ids:
        return False
    patient = session.get(Patient, use.record.patient_id)
    if patient is None or not _module_on(session, patient, module):
        return False
    if use.kind == FileKind.IMAGE:
        return use.record.shared_with_patient
    if use.kind == FileKind.CHAT_ATTACHMENT:
        return True
    document = use.record if use.kind == FileKind.DOCUMENT \
        else session.get(SharedDocument, use.record.document_id)
    if document is None:
        return False
    if use.kind == FileKind.SIGNED_COPY and (
            use.record.document_version != document.version
            or use.record.document_sha256 != document.sha256):
        return False  # the signed copy of a replaced version
    return _shared_with_phone(session, patient, document, principal.phone or "")


def admits(session: Session, principal: Principal, use: Use) -> bool:
    """Does this use of a file let this caller have it? (the table of the module docstring)"""
    if principal.kind == SessionKind.PATIENT:
        return _patient_admits(session, principal, use)
    if principal.kind != SessionKind.STAFF:
        return False
    if use.kind == FileKind.CASE_FILE:
        return case_visible(session, principal, use.record)
    if not CLINIC.admits(principal):
        return False  # lab coordinators reach case files only; practice admins nothing
    if use.kind == FileKind.TEMPLATE_ATTACHMENT:
        return use.record.institution_id == principal.institution_id
    return _sees_patient(session, principal, use.record.patient_id)


def authorize_file(session: Session, principal: Principal, file_id: Any, *,
                   action: str) -> StoredFile:
    """The stored file if one of its uses admits the caller; otherwise audited refusal."""
    fid = validate(FileRef, {"file_id": file_id}).file_id
    stored = session.get(StoredFile, fid)
    if stored is None or not any(admits(session, principal, use)
                                 for use in uses_of(session, fid)):
        refuse(principal, action=action, target=f"file:{fid}",
               detail="no use of the file admits the caller", message=NOT_AVAILABLE)
    audit.record(session, actor=principal.actor, action=action, target=f"file:{fid}",
                 patient_id=stored.patient_id)
    return stored


def authorize_document(session: Session, principal: Principal, document_id: Any, *,
                       action: str) -> tuple[SharedDocument, StoredFile]:
    """A shared document and its current version's file, by the rule of documents."""
    did = validate(DocumentRef, {"document_id": document_id}).document_id
    document = session.get(SharedDocument, did)
    stored = session.get(StoredFile, document.stored_file_id) if document else None
    if stored is None or not admits(session, principal, Use(FileKind.DOCUMENT, document)):
        refuse(principal, action=action, target=f"document:{did}",
               detail="document not shared with the caller", message=NOT_AVAILABLE)
    audit.record(session, actor=principal.actor, action=action, target=f"document:{did}",
                 patient_id=document.patient_id)
    return document, stored


def authorize_shared_images(session: Session, principal: Principal, patient_id: Any, *,
                            action: str) -> Patient:
    """The patient whose shared images the caller may have all at once: the patient's own
    session (Imaging on), or clinic staff who may see the patient."""
    pid = validate(PatientRef, {"patient_id": patient_id}).patient_id
    patient = session.get(Patient, pid)
    if patient is None:
        allowed = False
    elif principal.kind == SessionKind.PATIENT:
        allowed = pid in principal.patient_ids and _module_on(session, patient, Module.IMAGING)
    else:
        allowed = (principal.kind == SessionKind.STAFF and CLINIC.admits(principal)
                   and _sees_patient(session, principal, pid))
    if not allowed:
        refuse(principal, action=action, target=f"patient:{pid}",
               detail="images not shared with the caller", message=NOT_AVAILABLE)
    audit.record(session, actor=principal.actor, action=action, target=f"patient:{pid}",
                 patient_id=pid)
    return patient
