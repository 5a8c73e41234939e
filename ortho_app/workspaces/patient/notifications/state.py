"""State of "Notifications": appointment reminders N days before at HH:MM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import (
    PATIENT,
    Access,
    InvalidArguments,
    Refused,
    authorize_patient,
    validate,
)
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models.appointments import ReminderChannel
from ortho_app.services.appointments import reminders
from ortho_app.services.appointments.appointments import local
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient.workspace import current_patient_id


class ReminderForm(BaseModel):
    days_before: int = Field(ge=0, le=reminders.MAX_DAYS)
    at_time: time
    channel: ReminderChannel = ReminderChannel.SMS


@dataclass
class ReminderRow:
    days_before: int
    at_time: str
    channel: str


@dataclass
class SentRow:
    sent: str
    appointment: str
    channel: str


class NotificationsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    reminders: list[ReminderRow] = []
    sent: list[SentRow] = []
    error: str = ""

    async def _patient(self, session, principal: Principal):
        patient_id = await current_patient_id(self, principal)
        patient = authorize_patient(session, principal, patient_id,
                                    action="patient_app.notifications")
        patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
        return patient

    def _fill(self, session, patient_id: int) -> None:
        self.reminders = [ReminderRow(r.days_before, f"{r.at_time:%H:%M}", r.channel.value)
                          for r in reminders.reminders_of(session, patient_id)]
        self.sent = [SentRow(f"{local(d.sent_at):%d/%m/%Y %H:%M}",
                             f"{local(a.starts_at):%d/%m/%Y %H:%M}", d.channel)
                     for d, a in reminders.sent_reminders(session, patient_id)]

    @rx.event
    @guarded
    async def load_reminders(self, principal: Principal):
        self.error = ""
        with db_session() as session:
            patient = await self._patient(session, principal)
            self._fill(session, patient.id)
            session.commit()

    @rx.event
    @guarded
    async def add_reminder(self, principal: Principal, form: dict):
        """The "+" button: a reminder N days before each appointment at HH:MM."""
        self.error = ""
        try:
            data = validate(ReminderForm, form if isinstance(form, dict) else {})
        except InvalidArguments as exc:
            self.error = str(exc)
            return
        with db_session() as session:
            patient = await self._patient(session, principal)
            try:
                reminders.add_reminder(session, patient.id, days_before=data.days_before,
                                       at_time=data.at_time, channel=data.channel)
            except reminders.ReminderError as exc:
                raise Refused(f"Reminder not added: {exc}") from None
            self._fill(session, patient.id)
            session.commit()

    @rx.event
    @guarded
    async def remove_reminder(self, principal: Principal, form: dict):
        data = validate(ReminderForm, form if isinstance(form, dict) else {})
        with db_session() as session:
            patient = await self._patient(session, principal)
            reminders.remove_reminder(session, patient.id, reminders.Reminder(
                data.days_before, data.at_time, data.channel))
            self._fill(session, patient.id)
            session.commit()
