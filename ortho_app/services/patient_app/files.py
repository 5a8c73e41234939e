"""Which of its patient's files a patient session may download.

A file in a patient's record is the patient's, except what the practice keeps for itself:
documents not shared with this phone's holder (patient or responsible person) and their signed
copies, images not shared with the patient, and anything of a module the practice turned off.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ortho_app.models import Patient, StoredFile
from ortho_app.models.documents import DocumentSignature, SharedDocument
from ortho_app.models.imaging import PatientImage
from ortho_app.services.documents import sharing as documents
from ortho_app.services.imaging import images as imaging
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patient_app.modules import Module


def _module_of(session: Session, stored: StoredFile) -> Module | None:
    if session.exec(select(PatientImage.id).where(
            PatientImage.stored_file_id == stored.id)).first() is not None:
        return Module.IMAGING
    if session.exec(select(SharedDocument.id).where(
            SharedDocument.stored_file_id == stored.id)).first() is not None:
        return Module.DOCUMENTS
    if session.exec(select(DocumentSignature.id).where(
            DocumentSignature.signed_file_id == stored.id)).first() is not None:
        return Module.DOCUMENTS
    return None


def patient_may_download(session: Session, stored: StoredFile, phone: str) -> bool:
    module = _module_of(session, stored)
    if module is None:
        return True
    patient = session.get(Patient, stored.patient_id)
    options = patient_modules.options_for(session, patient.institution_id)
    if not patient_modules.module_enabled(options, module, patient, today=date.today()):
        return False
    if module == Module.IMAGING:
        return imaging.patient_may_open(session, stored)
    return documents.patient_may_open(session, stored, phone)
