"""Patients, their assigned clinicians and the contact persons reachable by phone."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from ortho_app.models._base import created_at_field


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class ContactRelation(enum.StrEnum):
    """Who a phone number belongs to, from the patient's point of view (spec words)."""

    PATIENT = "patient"
    PARENT1 = "parent1"
    PARENT2 = "parent2"
    FINANCIAL = "financial_responsible"


class Patient(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    last_name: str = Field(max_length=100, index=True)
    first_name: str = Field(max_length=100, index=True)
    gender: Gender = Gender.OTHER
    date_of_birth: date = Field(index=True)
    phone: str | None = Field(default=None, max_length=20, index=True)
    email: str | None = Field(default=None, max_length=254)
    address: str = Field(default="", max_length=500)
    id_number: str = Field(default="", max_length=40)
    insurance_number: str = Field(default="", max_length=40)
    note: str = Field(default="", max_length=4000)
    past_medical_history: str = Field(default="", max_length=4000)
    oral_habits: str = Field(default="", max_length=2000)
    allergies: str = Field(default="", max_length=2000)
    treatment: str = Field(default="", max_length=200)
    do_not_sync: bool = False
    created_at: datetime = created_at_field()


class PatientClinician(SQLModel, table=True):
    """A clinician assigned to a patient (ordinary clinicians see only these)."""

    __table_args__ = (UniqueConstraint("patient_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    user_id: int = Field(foreign_key="staffuser.id", index=True)


class ContactPerson(SQLModel, table=True):
    """A phone through which a patient's app account is reached."""

    __table_args__ = (UniqueConstraint("patient_id", "relation"),)

    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    relation: ContactRelation
    full_name: str = Field(default="", max_length=200)
    phone: str = Field(max_length=20, index=True)
