"""Server-side sessions and one-time codes."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class SessionKind(enum.StrEnum):
    STAFF = "staff"
    PATIENT = "patient"


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the cookie secret is stored."""

    id: int | None = Field(default=None, primary_key=True)
    secret_hash: str = Field(max_length=64, unique=True, index=True)
    kind: SessionKind
    user_id: int | None = Field(default=None, foreign_key="staffuser.id", index=True)
    institution_id: int | None = Field(default=None, foreign_key="institution.id")
    phone: str | None = Field(default=None, max_length=20)
    patient_ids: str = Field(default="", max_length=2000)  # comma-separated, chosen at login
    created_at: datetime = created_at_field()
    last_seen_at: datetime = created_at_field()
    revoked_at: datetime | None = None
    ip: str = Field(default="", max_length=64)


class CodePurpose(enum.StrEnum):
    LOGIN = "login"
    SIGN_DOCUMENT = "sign_document"


class OneTimeCode(SQLModel, table=True):
    """A 6-digit code sent by SMS, bound to one login attempt (or one document)."""

    id: int | None = Field(default=None, primary_key=True)
    attempt_hash: str = Field(max_length=64, unique=True, index=True)
    purpose: CodePurpose
    subject: str = Field(default="", max_length=100)  # e.g. "document:12"
    phone: str = Field(max_length=20, index=True)
    patient_id: int | None = Field(default=None, foreign_key="patient.id")
    code_hash: str = Field(max_length=64)
    attempts: int = 0
    sends: int = 1
    created_at: datetime = created_at_field()
    expires_at: datetime
    used_at: datetime | None = None
    ip: str = Field(default="", max_length=64, index=True)
