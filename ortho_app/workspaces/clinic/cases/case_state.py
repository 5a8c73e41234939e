"""The case page (/clinic/cases/[case_id]): view the case, modify it (add files, RX
description, teeth; Submit returns it to "Processing" and resets the ship date) and schedule
the virtual planning session when it is "Ready to Plan"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel
from sqlmodel import Session

from ortho_app.core import jobs, urls
from ortho_app.core.authz import CLINIC, Access, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Institution, Patient
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.appointments.ics import google_calendar_link
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.cases import Prescription, case_ref, resubmit_case, teeth_of
from ortho_app.services.lab_cases.files import files_of
from ortho_app.services.lab_cases.pipeline import (
    RESUBMITTABLE,
    STATUS_HELP,
    Actor,
    MoveRefused,
    PrescriptionIncomplete,
    as_status,
    colour_of,
)
from ortho_app.services.lab_cases.teeth import format_teeth
from ortho_app.services.patients.names import formal_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.clinic.cases.form_state import (
    PrescriptionFormMixin,
    start_rx_script,
)


class BlockChoice(BaseModel):
    model_config = {"strict": True}
    block_id: int


def case_id_from_route(state: rx.State) -> int:
    return route_id(state, "case_id")


@dataclass
class FileRow:
    file_id: int
    name: str
    kind: str


@dataclass
class CaseSummary:
    case_id: int
    ref: str
    patient_name: str
    case_type: str
    teeth: str
    rx_description: str
    status: str
    colour: str
    status_help: str
    hold_reason: str
    hold_detail: str
    ship_date: str
    last_modified: str
    created: str
    carrier: str
    tracking_number: str
    lab_name: str
    files: list[FileRow]


def summary_of(session: Session, case: LabCase) -> CaseSummary:
    patient = session.get(Patient, case.patient_id)
    lab = session.get(Institution, case.lab_id)
    status = as_status(case.status)
    return CaseSummary(
        case_id=case.id, ref=case_ref(case.id),
        patient_name=formal_name(patient),
        case_type=case.case_type, teeth=format_teeth(teeth_of(case)),
        rx_description=case.rx_description, status=status.value,
        colour=colour_of(status).value, status_help=STATUS_HELP[status],
        hold_reason=case.hold_reason or "", hold_detail=case.hold_detail,
        ship_date=format_date(case.ship_date), last_modified=format_date(case.last_modified_at),
        created=format_date(case.created_at), carrier=case.carrier,
        tracking_number=case.tracking_number, lab_name=lab.name if lab else "",
        files=[FileRow(f.file_id, f.name, f.kind) for f in files_of(session, case.id)])


@dataclass
class BlockOption:
    block_id: str
    label: str


def block_label(view: planning.BlockView) -> str:
    return f"{view.start_at:%a %d/%m/%Y %H:%M}–{view.end_at:%H:%M} UTC"


class CaseViewState(PrescriptionFormMixin, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    summary: CaseSummary | None = None
    can_modify: bool = False
    can_schedule: bool = False
    blocks: list[BlockOption] = []
    chosen_block: str = ""
    session_label: str = ""
    google_link: str = ""
    ics_url: str = ""

    def _fill(self, session: Session, case: LabCase) -> None:
        self.summary = summary_of(session, case)
        self.can_modify = as_status(case.status) in RESUBMITTABLE
        self.can_schedule = case.status in ("Ready to Plan", "Planning No Show")
        self.teeth = teeth_of(case)
        self.rx_description = case.rx_description
        self.blocks = [BlockOption(str(v.block_id), block_label(v)) for v in
                       planning.free_blocks(session, lab_id=case.lab_id)] \
            if self.can_schedule else []
        self.chosen_block = self.blocks[0].block_id if self.blocks else ""
        booked = planning.session_of(session, case.id)
        self.session_label = self.google_link = self.ics_url = ""
        if booked is not None and case.status == "Planning Scheduled":
            view = planning.view_of(booked)
            self.session_label = block_label(view)
            event = planning.planning_event(case, booked, patient_name=self.summary.patient_name,
                                            lab_name=self.summary.lab_name)
            self.google_link = google_calendar_link(event)
            self.ics_url = urls.planning_ics_path(case.id)

    def _reload(self, principal: Principal, case_id: int, action: str) -> None:
        with db_session() as session:
            case = authorize_case(session, principal, case_id, action=action)
            self._fill(session, case)
            session.commit()

    @rx.event
    @guarded
    def load_case(self, principal: Principal):
        self._reset_form()
        self.summary = None
        self._reload(principal, case_id_from_route(self), "lab_case.view")

    def _after_upload(self):
        return CaseViewState.resubmit

    @rx.event
    @guarded
    def resubmit(self, principal: Principal):
        """Submit: new files, RX description, teeth → "Processing", ship date reset."""
        if self.summary is None:
            return None
        with db_session() as session:
            case = authorize_case(session, principal, self.summary.case_id,
                                  action="lab_case.update")
            try:
                resubmit_case(session, case, files=self._take_pending(session),
                              rx=Prescription(case.case_type, list(self.teeth),
                                              self.rx_description),
                              actor=principal.actor, today=date.today())
            except (MoveRefused, PrescriptionIncomplete, ValueError) as exc:
                session.rollback()
                self.error = str(exc)
                return None
            job_id = start_rx_script(session, case.id, principal)
            session.commit()
            self._reset_form()
            self._fill(session, case)
        jobs.enqueue(job_id)
        return rx.toast.success("Submitted", duration=3000)

    @rx.event
    @guarded
    def choose_block(self, principal: Principal, value: str):
        self.chosen_block = value if value.isdigit() else ""

    @rx.event
    @guarded
    def schedule(self, principal: Principal):
        """Go: book the chosen free block; then the session is fixed in the portal."""
        if self.summary is None or not self.chosen_block:
            return None
        block_id = validate(BlockChoice, {"block_id": int(self.chosen_block)}).block_id
        with db_session() as session:
            case = authorize_case(session, principal, self.summary.case_id,
                                  action="lab_case.schedule")
            try:
                planning.book_block(session, case, block_id, actor=principal.actor,
                                   role=Actor.DOCTOR, today=date.today())
            except (MoveRefused, planning.BlockUnavailable) as exc:
                session.rollback()
                return rx.toast.error(str(exc), duration=6000)
            session.commit()
            self._fill(session, case)
        return rx.toast.success("Planning session scheduled", duration=3000)
