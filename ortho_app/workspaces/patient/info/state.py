"""State of "Mes infos": the patients' details and the change proposed to staff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from ortho_app.core.authz import PATIENT, Access, InvalidArguments, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient
from ortho_app.services.patient_app import info as patient_info
from ortho_app.services.patients import directory
from ortho_app.services.patients.phones import InvalidPhoneError, display, to_e164
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState

EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class InfoForm(BaseModel):
    patient_id: int
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    email: str = Field(max_length=254)  # required: the receipts of online payments go there
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=500)

    @field_validator("last_name", "first_name", "address", "email", "phone", mode="before")
    @classmethod
    def _strip(cls, value):
        return value.strip() if isinstance(value, str) else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise ValueError("a valid e-mail address is required")
        return value.lower()

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if not value:
            return ""
        try:
            return to_e164(value)
        except InvalidPhoneError:
            raise ValueError("invalid phone number") from None


@dataclass
class InfoRow:
    patient_id: int
    last_name: str
    first_name: str
    email: str
    phone: str
    address: str
    pending: bool


class InfoState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    rows: list[InfoRow] = []
    saved_id: int = 0
    error: str = ""

    def _fill(self, principal: Principal) -> None:
        with db_session() as session:
            rows = []
            for patient in session.exec(directory.visible_patients_query(principal)
                                        .order_by(Patient.date_of_birth)).all():
                authorize_patient(session, principal, patient.id, action="patient_app.info")
                change = patient_info.pending_change(session, patient.id)
                shown = patient_info.current_values(patient) if change is None else {
                    name: getattr(change, name) for name in patient_info.FIELDS}
                phone = display(shown["phone"]) if shown["phone"] else ""
                rows.append(InfoRow(patient.id, shown["last_name"], shown["first_name"],
                                    shown["email"], phone, shown["address"], change is not None))
            session.commit()
        self.rows = rows

    @rx.event
    @guarded
    def load_info(self, principal: Principal):
        self.saved_id, self.error = 0, ""
        self._fill(principal)

    @rx.event
    @guarded
    def propose(self, principal: Principal, form: dict):
        """Send the edited details to the practice (the record itself is not changed)."""
        self.saved_id, self.error = 0, ""
        try:
            data = validate(InfoForm, form if isinstance(form, dict) else {})
        except InvalidArguments as exc:  # shown above the forms
            self.error = str(exc)
            return
        with db_session() as session:
            patient = authorize_patient(session, principal, data.patient_id,
                                        action="patient_app.info.propose")
            patient_info.propose_change(session, patient, actor=principal.actor,
                                        **data.model_dump(exclude={"patient_id"}))
            session.commit()
        self.saved_id = data.patient_id
        self._fill(principal)
