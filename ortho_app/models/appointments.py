"""Appointments, calendar additions, reminder settings and sent reminders, and the patient
details a patient proposes from the app (spec "Mes Rendez-vous", "Notifications", "Mes infos").

Times are stored in UTC (aware) and shown in the practice's time zone
(services.appointments.PRACTICE_TZ).
"""

from __future__ import annotations

import enum
from datetime import datetime, time

from sqlmodel import Field, SQLModel, UniqueConstraint

from ortho_app.models._base import created_at_field


class Appointment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    starts_at: datetime = Field(index=True)
    duration_minutes: int = Field(default=30, ge=5, le=480)
    practitioner: str = Field(max_length=200)
    reason: str = Field(default="", max_length=200)
    place: str = Field(default="", max_length=500)  # "" = the practice's address
    carte_vitale: bool = False  # "Carte Vitale !": a card must be presented
    created_at: datetime = created_at_field()


class CalendarAddition(SQLModel, table=True):
    """"Ajouter à mon agenda": the appointment's .ics was downloaded by this phone."""

    __table_args__ = (UniqueConstraint("appointment_id", "phone"),)

    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(foreign_key="appointment.id", index=True)
    phone: str = Field(max_length=20)
    added_at: datetime = created_at_field()


class ReminderChannel(enum.StrEnum):
    SMS = "sms"
    EMAIL = "email"


class ReminderPreference(SQLModel, table=True):
    """A reminder N days before each appointment at HH:MM. A patient without any row has the
    spec's default (one day before at 12:00); removing a reminder keeps its row, inactive."""

    __table_args__ = (UniqueConstraint("patient_id", "days_before", "at_time", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    days_before: int = Field(ge=0, le=30)
    at_time: time
    channel: ReminderChannel = ReminderChannel.SMS
    active: bool = True
    created_at: datetime = created_at_field()


class ReminderDelivery(SQLModel, table=True):
    """A reminder sent for one appointment; the unique key makes sure it is never sent twice."""

    __table_args__ = (UniqueConstraint("appointment_id", "days_before", "at_time", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(foreign_key="appointment.id", index=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    days_before: int
    at_time: time
    channel: str = Field(max_length=10)  # a ReminderChannel value
    due_at: datetime  # the set time + 10 minutes
    recipient: str = Field(default="", max_length=254)
    outbox_message_id: int | None = Field(default=None, foreign_key="outboxmessage.id")
    sent_at: datetime = created_at_field()


class ChangeStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class PatientInfoChange(SQLModel, table=True):
    """Details a patient proposed in "Mes infos": the practice's record is changed only when
    staff accept them."""

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    status: ChangeStatus = Field(default=ChangeStatus.PENDING, index=True)
    last_name: str = Field(max_length=100)
    first_name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=20)
    address: str = Field(default="", max_length=500)
    proposed_by: str = Field(max_length=100)
    created_at: datetime = created_at_field()
    decided_at: datetime | None = None
    decided_by: str = Field(default="", max_length=100)
