"""Institutions (practices and labs), staff users and their memberships."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from ortho_app.models._base import created_at_field


class InstitutionKind(enum.StrEnum):
    PRACTICE = "practice"
    LAB = "lab"


class Role(enum.StrEnum):
    CLINICIAN = "clinician"
    ASSISTANT = "assistant"
    PRACTICE_ADMIN = "practice_admin"
    LAB_COORDINATOR = "lab_coordinator"


class Institution(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: InstitutionKind = Field(index=True)
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=500)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=32)
    # The default language of its people's screens and of its messages ("fr" or "en"); each
    # person may choose another on their screens.
    language: str = Field(default="fr", max_length=5, sa_column_kwargs={"server_default": "fr"})
    created_at: datetime = created_at_field()


class LabService(SQLModel, table=True):
    """A lab serves a practice: its coordinators see that practice's cases."""

    __table_args__ = (UniqueConstraint("lab_id", "practice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    lab_id: int = Field(foreign_key="institution.id", index=True)
    practice_id: int = Field(foreign_key="institution.id", index=True)


class StaffUser(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    full_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    created_at: datetime = created_at_field()


class Membership(SQLModel, table=True):
    """A staff user's role in one institution. `sees_all_patients` marks the manager."""

    __table_args__ = (UniqueConstraint("user_id", "institution_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="staffuser.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    role: Role
    sees_all_patients: bool = False
