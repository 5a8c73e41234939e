"""Files of a case: STL models, CBCT (DICOM or zip), photos, PDFs and the RX script, each a
StoredFile (saved through core/storage.save_stream, downloaded through GET /files/{id})."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ortho_app.models import StoredFile
from ortho_app.models.lab_cases import CaseFileKind, LabCase, LabCaseFile

# What the doctor may attach (storage kinds of core/filetypes) and the case-file kind of each.
ATTACHABLE_KINDS = ("stl_binary", "stl_ascii", "dicom", "zip", "png", "jpeg", "pdf")
_KIND_OF_CONTENT_TYPE = {
    "model/stl": CaseFileKind.STL, "application/dicom": CaseFileKind.CBCT,
    "application/zip": CaseFileKind.CBCT, "image/png": CaseFileKind.PHOTO,
    "image/jpeg": CaseFileKind.PHOTO, "application/pdf": CaseFileKind.PDF,
}


@dataclass(frozen=True)
class CaseFileView:
    file_id: int  # the StoredFile id, for GET /files/{id}
    name: str
    kind: str
    size: int


def kind_for(stored: StoredFile) -> CaseFileKind:
    """The case-file kind of a stored file, from its checked content type."""
    try:
        return _KIND_OF_CONTENT_TYPE[stored.content_type]
    except KeyError:
        raise ValueError("This type of file cannot be attached to a case") from None


def attach_file(session: Session, case: LabCase, stored: StoredFile, *, actor: str,
                kind: CaseFileKind | None = None) -> LabCaseFile:
    """Link a stored file to the case (and to its practice and patient, for downloads)."""
    stored.institution_id = case.practice_id
    stored.patient_id = case.patient_id
    session.add(stored)
    row = LabCaseFile(case_id=case.id, stored_file_id=stored.id,
                      kind=(kind or kind_for(stored)).value, added_by=actor[:100])
    session.add(row)
    session.flush()
    return row


def file_kinds(session: Session, case_id: int) -> set[str]:
    return set(session.exec(select(LabCaseFile.kind).where(LabCaseFile.case_id == case_id)))


def files_of(session: Session, case_id: int) -> list[CaseFileView]:
    rows = session.exec(select(LabCaseFile, StoredFile)
                        .join(StoredFile, col(StoredFile.id) == LabCaseFile.stored_file_id)
                        .where(LabCaseFile.case_id == case_id)
                        .order_by(col(LabCaseFile.id)))
    return [CaseFileView(s.id, s.original_name, f.kind, s.size) for f, s in rows]


def has_models_and_cbct(kinds: set[str]) -> tuple[bool, bool]:
    return CaseFileKind.STL.value in kinds, CaseFileKind.CBCT.value in kinds
