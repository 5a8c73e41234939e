"""Audit log, stored files, outbox messages and job records."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    actor: str = Field(max_length=100, index=True)  # "staff:3", "patient-phone:+33…", "anonymous"
    action: str = Field(max_length=100, index=True)
    target: str = Field(default="", max_length=200)
    patient_id: int | None = Field(default=None, index=True)
    outcome: str = Field(default="ok", max_length=20)  # ok | refused
    detail: str = Field(default="", max_length=1000)


class StoredFile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=100, unique=True)  # random, never derived from the name
    original_name: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64, index=True)
    institution_id: int | None = Field(default=None, foreign_key="institution.id", index=True)
    patient_id: int | None = Field(default=None, foreign_key="patient.id", index=True)
    uploaded_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    DEV_MAILBOX = "dev_mailbox"  # kept for the dev mailbox: no provider configured


class OutboxMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(index=True)
    recipient: str = Field(max_length=254, index=True)
    subject: str = Field(default="", max_length=300)
    body: str = Field(max_length=20000)
    institution_id: int | None = Field(default=None, foreign_key="institution.id", index=True)
    status: OutboxStatus = Field(default=OutboxStatus.PENDING, index=True)
    attempts: int = 0
    last_error: str = Field(default="", max_length=1000)
    created_at: datetime = created_at_field()
    sent_at: datetime | None = None


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobRecord(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=100, index=True)
    status: JobStatus = Field(default=JobStatus.QUEUED, index=True)
    progress: float = 0.0  # 0..1
    message: str = Field(default="", max_length=500)
    owner: str = Field(default="", max_length=100)
    result: str = Field(default="", max_length=2000)
    created_at: datetime = created_at_field()
    finished_at: datetime | None = None
    # What a worker runs, kept so that a job whose worker stopped can be queued again: the
    # task's name and its arguments after the job id (a JSON list).
    task: str = Field(default="", max_length=200)
    arguments: str = Field(default="[]", max_length=2000)
    attempts: int = 0  # times a worker started it
    heartbeat_at: datetime | None = None  # last sign of life: queued, then while running
