"""Monitoring scans sent by patients (photo sets) and the clinician's verdicts."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class Verdict(enum.StrEnum):
    """Spec words: GO (change to the next aligner), NO-GO (remain on the current aligner)."""

    GO = "go"
    NO_GO = "no_go"
    SEE_DOCTOR = "see_doctor"


class Scan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    taken_on: date = Field(index=True)
    taken_at: datetime = created_at_field()
    immediate: bool = False
    aligner_number: int = 0
    awaiting_review: bool = Field(default=True, index=True)
    verdict: Verdict | None = None
    verdict_note: str = Field(default="", max_length=2000)
    reviewed_by: str = Field(default="", max_length=100)
    reviewed_at: datetime | None = None


class ScanPhoto(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    scan_id: int = Field(foreign_key="scan.id", index=True)
    file_id: int = Field(foreign_key="storedfile.id")
    position: int = 0
    label: str = Field(default="", max_length=60)
