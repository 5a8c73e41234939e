"""Messagerie: the chat between a patient and the practice, and the practice's message
templates ("messages types", console "Paramètres → Onglet Messagerie")."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field, utcnow

MAX_BODY = 4000


class MessageDirection(enum.StrEnum):
    TO_PRACTICE = "to_practice"  # written by the patient (or a parent on the patient's phone)
    TO_PATIENT = "to_patient"  # written by the practice's staff


class Message(SQLModel, table=True):
    """One message of a patient's thread. Bodies are plain text, always shown as text."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    direction: MessageDirection = Field(index=True)
    author: str = Field(max_length=100)  # actor: "staff:3" or "patient-session:12"
    author_name: str = Field(default="", max_length=200)  # shown: staff name, or empty
    body: str = Field(default="", max_length=MAX_BODY)
    attachment_id: int | None = Field(default=None, foreign_key="storedfile.id")
    created_at: datetime = Field(default_factory=utcnow, nullable=False, index=True)
    read_by_practice_at: datetime | None = None
    read_by_patient_at: datetime | None = None
    filed_image_id: int | None = None  # the PatientImage this photo was filed as


class MessageTemplate(SQLModel, table=True):
    """A predefined answer of a practice, with an optional attachment (practice file)."""

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    body: str = Field(max_length=MAX_BODY)
    attachment_id: int | None = Field(default=None, foreign_key="storedfile.id")
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
