"""Lab cases: a practice's prescription sent to the lab that serves it, its files, the history
of its moves across the pipeline, the lab's internal notes, planning blocks, and the lab's
turnaround per case type and holidays (for ship dates in business days).

Statuses, colours, case types and hold reasons are the labels of
`ortho_app.services.lab_cases.pipeline` (stored as their text values).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel, UniqueConstraint

from ortho_app.models._base import created_at_field


class CaseFileKind(enum.StrEnum):
    STL = "STL"
    CBCT = "CBCT"
    PHOTO = "Photo"
    PDF = "PDF"
    RX_SCRIPT = "RX script"


class SessionOutcome(enum.StrEnum):
    DONE = "done"
    NO_SHOW = "no show"


class LabCase(SQLModel, table=True):
    """One case. `teeth` holds FDI numbers, comma-separated ("11,12,21").

    `last_modified_at` changes only when the doctor creates or resubmits the case;
    `clock_started_on` is the day the ship-date clock of the current status started
    (see services/lab_cases/pipeline/ship_dates.py); `ship_date` is stored for sorting
    (None while red).
    """

    __table_args__ = (
        Index("ix_labcase_practice_attention", "practice_id", "archived", "attention_rank",
              "last_modified_at"),
        Index("ix_labcase_practice_ship", "practice_id", "archived", "ship_date"),
        Index("ix_labcase_practice_modified", "practice_id", "archived", "last_modified_at"),
        Index("ix_labcase_lab_board", "lab_id", "status", "ship_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="institution.id")
    lab_id: int = Field(foreign_key="institution.id")
    patient_id: int = Field(foreign_key="patient.id", index=True)
    case_type: str = Field(max_length=40, index=True)
    teeth: str = Field(default="", max_length=300)
    rx_description: str = Field(default="", max_length=4000)
    status: str = Field(max_length=30)
    attention_rank: int = Field(default=9)  # kept from `status` (services/lab_cases/attention.py)
    hold_reason: str | None = Field(default=None, max_length=30)
    hold_detail: str = Field(default="", max_length=1000)
    clock_started_on: date
    ship_date: date | None = Field(default=None, index=True)
    carrier: str = Field(default="", max_length=80)
    tracking_number: str = Field(default="", max_length=100)
    archived: bool = Field(default=False)
    created_by: str = Field(default="", max_length=100)  # "staff:3"
    last_modified_by: str = Field(default="", max_length=100)
    last_modified_at: datetime = created_at_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class LabCaseFile(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="labcase.id", index=True)
    stored_file_id: int = Field(foreign_key="storedfile.id")
    kind: str = Field(max_length=20)  # CaseFileKind
    added_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()


class LabCaseMove(SQLModel, table=True):
    """History: who moved the case from which status to which, when and why."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="labcase.id", index=True)
    actor: str = Field(max_length=100)  # "staff:3"
    actor_role: str = Field(max_length=20)  # pipeline.Actor value
    from_status: str | None = Field(default=None, max_length=30)  # None: case created
    to_status: str = Field(max_length=30)
    reason: str = Field(default="", max_length=1000)
    at: datetime = created_at_field()


class LabCaseNote(SQLModel, table=True):
    """The lab's internal note on a case (never shown to the practice)."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="labcase.id", index=True)
    author: str = Field(max_length=100)
    body: str = Field(max_length=4000)
    created_at: datetime = created_at_field()


class PlanningBlock(SQLModel, table=True):
    """A free block the lab published for virtual planning sessions; booked by one case."""

    __tablename__ = "planningslot"  # the table keeps its first name
    __table_args__ = (Index("ix_planningslot_lab_start", "lab_id", "start_at"),)

    id: int | None = Field(default=None, primary_key=True)
    lab_id: int = Field(foreign_key="institution.id")
    start_at: datetime
    end_at: datetime
    case_id: int | None = Field(default=None, foreign_key="labcase.id", index=True)
    booked_by: str = Field(default="", max_length=100)
    booked_at: datetime | None = None
    outcome: str | None = Field(default=None, max_length=20)  # SessionOutcome
    published_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()


class LabTurnaround(SQLModel, table=True):
    """Business days the lab needs for a case type (ship-date clock before manufacturing)."""

    __table_args__ = (UniqueConstraint("lab_id", "case_type"),)

    id: int | None = Field(default=None, primary_key=True)
    lab_id: int = Field(foreign_key="institution.id", index=True)
    case_type: str = Field(max_length=40)
    business_days: int


class LabHoliday(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("lab_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    lab_id: int = Field(foreign_key="institution.id", index=True)
    day: date
