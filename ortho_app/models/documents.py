"""Documents the practice shares with a patient, and their signatures.

A document is one PDF at a time: replacing it raises `version` and changes `sha256`. A
signature records the SHA-256 and version it was given for, so a changed document shows as
no longer signed (spec "Documents": signés, à signer, sans signature; SECURITY.md).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class SignerKind(enum.StrEnum):
    PATIENT = "patient"
    CONTACT = "contact"  # a responsible person (parent, financial responsible)


class SharedDocument(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=80)  # document type, e.g. "Consentement éclairé"
    stored_file_id: int = Field(foreign_key="storedfile.id")
    version: int = 1
    sha256: str = Field(max_length=64)
    needs_signature: bool = False
    visible_to_patient: bool = True
    visible_to_responsible: bool = True
    shared_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class DocumentSignature(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="shareddocument.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    signer_kind: SignerKind
    signer_name: str = Field(max_length=200)
    signer_phone: str = Field(max_length=20)
    signed_at: datetime = created_at_field()
    code_id: int = Field(foreign_key="onetimecode.id", unique=True)  # the verified SMS code
    document_sha256: str = Field(max_length=64)
    document_version: int
    signed_file_id: int | None = Field(default=None, foreign_key="storedfile.id")
