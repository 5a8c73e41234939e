"""State of "Mes RDV": the next appointment on the home page and /patient/appointments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel

from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.urls import appointment_ics_path
from ortho_app.models import Institution
from ortho_app.models._base import utcnow
from ortho_app.models.appointments import Appointment
from ortho_app.services.appointments import appointments
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient.workspace import current_patient_id


@dataclass
class AppointmentRow:
    id: int
    date: str
    time: str
    practitioner: str
    reason: str
    carte_vitale: bool
    past: bool
    added: bool


class AppointmentRef(BaseModel):
    model_config = {"strict": True}
    appointment_id: int


def _row(appointment: Appointment, now, added: set[int]) -> AppointmentRow:
    start = appointments.local(appointment.starts_at)
    return AppointmentRow(id=appointment.id, date=start.strftime("%d/%m/%Y"),
                          time=start.strftime("%H:%M"), practitioner=appointment.practitioner,
                          reason=appointment.reason, carte_vitale=appointment.carte_vitale,
                          past=appointment.starts_at < now, added=appointment.id in added)


class AppointmentsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    next_rows: list[AppointmentRow] = []  # zero or one: the next appointment
    rows: list[AppointmentRow] = []
    show_all: bool = False
    calendar_notice: str = ""  # "added" | "already"
    maps_url: str = ""
    loaded: bool = False

    async def _fill(self, principal: Principal, *, home: bool) -> None:
        patient_id = await current_patient_id(self, principal)
        now = utcnow()
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id,
                                        action="patient_app.appointments")
            patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
            if home:
                found = appointments.next_appointment(session, patient.id, now=now)
                listed = [found] if found else []
            elif self.show_all:
                listed = appointments.history(session, patient.id)
            else:
                listed = appointments.upcoming(session, patient.id, now=now)
            added = appointments.added_ids(session, [a.id for a in listed], principal.phone or "")
            practice = session.get(Institution, patient.institution_id)
            session.commit()
        shown = [_row(a, now, added) for a in listed]
        if home:
            self.next_rows = shown
        else:
            self.rows = shown
        self.maps_url = appointments.maps_url(practice.address) if practice.address else ""
        self.loaded = True

    @rx.event
    @guarded
    async def load_home(self, principal: Principal):
        self.next_rows, self.loaded = [], False
        try:
            await self._fill(principal, home=True)
        except Refused:
            self.next_rows = []  # module off: the section stays hidden

    @rx.event
    @guarded
    async def load_list(self, principal: Principal):
        self.calendar_notice, self.show_all, self.rows = "", False, []
        await self._fill(principal, home=False)

    @rx.event
    @guarded
    async def toggle_all(self, principal: Principal, show: bool):
        """"Tout afficher": the whole history in ascending order, or the upcoming ones."""
        self.show_all, self.calendar_notice = show is True, ""
        await self._fill(principal, home=False)

    @rx.event
    @guarded
    async def add_to_calendar(self, principal: Principal, appointment_id: int):
        """"Ajouter à mon agenda": download the .ics, and say if it was already added."""
        wanted = validate(AppointmentRef, {"appointment_id": appointment_id}).appointment_id
        patient_id = await current_patient_id(self, principal)
        with db_session() as session:
            row = session.get(Appointment, wanted)
            patient = authorize_patient(session, principal, row.patient_id if row else -1,
                                        action="patient_app.calendar")
            patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
            if row.patient_id != patient_id:
                raise Refused("This record is not available")
            already = appointments.is_added(session, row.id, principal.phone or "")
            session.commit()
        self.calendar_notice = "already" if already else "added"
        self.rows = [_mark_added(r, wanted) for r in self.rows]
        self.next_rows = [_mark_added(r, wanted) for r in self.next_rows]
        return rx.download(url=appointment_ics_path(wanted))


def _mark_added(row: AppointmentRow, appointment_id: int) -> AppointmentRow:
    if row.id == appointment_id:
        row.added = True
    return row
