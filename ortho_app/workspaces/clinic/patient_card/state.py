"""The patient card: profile, monitoring plan, history, to-dos and the "New action" menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from ortho_app.core import outbox
from ortho_app.core.authz import (
    CLINIC,
    Access,
    InvalidArguments,
    Refused,
    authorize_patient,
    validate,
)
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.settings import get_settings
from ortho_app.models import PauseReason
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.patient_app import activation
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState

ACTIONS = ("pause", "immediate", "instruction", "message", "todo", "activation", "start",
           "stop")
Text = Field(default="", max_length=monitoring.MAX_TEXT)


class PauseForm(BaseModel):
    reason: PauseReason
    until: date | None = None
    note: str = Text
    message: str = Text

    @field_validator("until", mode="before")
    @classmethod
    def _empty_is_none(cls, value):
        return value or None


class ImmediateForm(BaseModel):
    instructions: str = Text


class MessageForm(BaseModel):
    text: str = Text


class InstructionForm(BaseModel):
    text: str = Text
    objectives: str = Text
    go_live: bool = False

    @field_validator("go_live", mode="before")
    @classmethod
    def _checkbox(cls, value):
        return value in (True, "on", "true")


class TodoForm(BaseModel):
    note: str = Text


class StartForm(BaseModel):
    frequency_days: int = Field(default=7, ge=1, le=180)


@dataclass
class HistoryRow:
    at: str
    actor: str
    kind: str
    text: str


class PatientCardState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    patient_id: int = 0
    name: str = ""
    birth: str = ""
    treatment: str = ""
    contact: str = ""
    state: str = ""
    frequency: str = ""
    aligner: str = ""
    next_due: str = ""
    paused_until: str = ""
    history: list[HistoryRow] = []
    dialog_action: str = ""
    error: str = ""

    def _patient_id_from_route(self) -> int:
        return route_id(self, "patient_id")

    def _fill(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="patient.card")
            plan = monitoring.find_plan(session, patient.id)
            events = monitoring.history(session, patient.id, limit=50)
            session.commit()
        self.patient_id, self.name = patient.id, list_name(patient)
        self.birth, self.treatment = format_date(patient.date_of_birth), patient.treatment
        self.contact = patient.email or patient.phone or ""
        self.state = plan.state.value if plan else "stopped"
        self.frequency = str(plan.frequency_days) if plan else ""
        self.aligner = str(plan.aligner_number or "") if plan else ""
        self.next_due = format_date(plan.next_due) if plan else ""
        self.paused_until = format_date(plan.paused_until) if plan else ""
        self.history = [HistoryRow(format_date(e.day), e.actor, e.kind, e.text)
                        for e in events]

    @rx.event
    @guarded
    def load_card(self, principal: Principal):
        self.dialog_action, self.error = "", ""
        self._fill(principal, self._patient_id_from_route())

    @rx.event
    def open_action(self, action: str):
        if action in ACTIONS:
            self.dialog_action, self.error = action, ""

    @rx.event
    def close_action(self):
        self.dialog_action, self.error = "", ""

    @rx.event
    @guarded
    def submit_action(self, principal: Principal, form: dict):
        action = self.dialog_action
        if action not in ACTIONS or not isinstance(form, dict):
            raise Refused("Choose an action first")
        today = date.today()
        try:
            with db_session() as session:
                patient = authorize_patient(session, principal, self.patient_id,
                                            action=f"monitoring.{action}")
                kwargs = {"actor": principal.actor, "today": today}
                _run(session, patient, action, form, kwargs)
                session.commit()
            outbox.request_delivery()
        except (monitoring.ActionError, activation.ActivationError, InvalidArguments) as exc:
            self.error = str(exc)  # shown in the dialog; nothing was written
            return None
        self._fill(principal, self.patient_id)
        self.dialog_action = ""
        return rx.toast.success("Done", duration=3000)


def _run(session, patient, action: str, form: dict, kwargs: dict) -> None:
    match action:
        case "pause":
            data = validate(PauseForm, form)
            monitoring.pause_monitoring(session, patient, reason=data.reason, until=data.until,
                                        note=data.note, message=data.message, **kwargs)
        case "immediate":
            monitoring.ask_immediate_scan(session, patient, **kwargs,
                                          instructions=validate(ImmediateForm, form).instructions)
        case "message":
            monitoring.send_message(session, patient, text=validate(MessageForm, form).text,
                                    **kwargs)
        case "instruction":
            data = validate(InstructionForm, form)
            monitoring.send_clinical_instruction(
                session, patient, text=data.text, objectives=data.objectives.splitlines(),
                go_live=data.go_live, **kwargs)
        case "todo":
            monitoring.add_todo(session, patient, note=validate(TodoForm, form).note, **kwargs)
        case "start":
            monitoring.start_monitoring(session, patient, **kwargs,
                                        frequency_days=validate(StartForm, form).frequency_days)
        case "stop":
            monitoring.stop_monitoring(session, patient, **kwargs)
        case "activation":
            activation.send_activation_email(session, patient, **kwargs,
                                             public_url=get_settings().public_url)
