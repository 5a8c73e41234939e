"""Remote monitoring: each monitored patient's plan, its history of actions, the To-Do list."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class MonitoringState(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"


class PauseReason(enum.StrEnum):
    """Spec: waiting for refinement / lost aligner, waiting for a new one / other."""

    REFINEMENT = "waiting_for_refinement"
    LOST_ALIGNER = "lost_aligner"
    OTHER = "other"


class MonitoringPlan(SQLModel, table=True):
    """The current schedule of one patient (derived from its history, kept for lists)."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", unique=True, index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    state: MonitoringState = Field(default=MonitoringState.STOPPED, index=True)
    frequency_days: int = 7
    aligner_number: int = 0
    next_due: date | None = Field(default=None, index=True)
    last_scan: date | None = None
    paused_until: date | None = None
    pause_reason: PauseReason | None = None
    pause_note: str = Field(default="", max_length=500)
    patient_message: str = Field(default="", max_length=2000)
    immediate_instructions: str = Field(default="", max_length=2000)
    immediate_requested: bool = False
    awaiting_review: bool = Field(default=False, index=True)
    updated_at: datetime = created_at_field()


class MonitoringEvent(SQLModel, table=True):
    """One entry of a patient's history: every action and verdict."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    at: datetime = created_at_field()
    day: date
    actor: str = Field(max_length=100)
    kind: str = Field(max_length=40, index=True)
    until: date | None = None
    frequency_days: int | None = None
    text: str = Field(default="", max_length=4000)


class ToDoItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    note: str = Field(default="", max_length=1000)
    created_by: str = Field(max_length=100)
    created_at: datetime = created_at_field()
    done_by: str = Field(default="", max_length=100)
    done_at: datetime | None = None


class ActivationLink(SQLModel, table=True):
    """The patient-app activation link of "Send activation e-mail": single use, expiring;
    sending a new one kills the previous. Only the token's digest is stored."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = created_at_field()
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None
