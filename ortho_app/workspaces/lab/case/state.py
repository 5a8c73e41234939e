"""A case seen by the lab (/lab/cases/[case_id]): prescription, files with the STL preview in
3D, the RX script, the history of moves, internal notes, hold reason and shipment; moves
through "Move to…" (see moves_state)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar

import plotly.graph_objects as go
import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import audit
from ortho_app.core.authz import LAB, Access, InvalidArguments, Refused, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.models import Institution, Patient
from ortho_app.models.lab_cases import CaseFileKind, LabCase
from ortho_app.services.lab_cases import files, moves, notes, previews
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.cases import case_ref
from ortho_app.services.lab_cases.pipeline import Actor, allowed_targets, colour_of
from ortho_app.services.patients.names import formal_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.lab.moves.state import CaseMoves


class FileRef(BaseModel):
    model_config = {"strict": True}
    file_id: int = Field(ge=1, le=2**31 - 1)


class NoteForm(BaseModel):
    body: str = Field(min_length=1, max_length=notes.NOTE_MAX)


@dataclass
class FileRow:
    file_id: int
    name: str
    kind: str
    size: str
    is_stl: bool


@dataclass
class MoveRow:
    at: str
    by: str
    from_status: str
    to_status: str
    reason: str


@dataclass
class NoteRow:
    at: str
    author: str
    body: str


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


def _when(moment) -> str:
    return moment.astimezone(PRACTICE_TZ).strftime("%d/%m/%Y %H:%M") \
        if moment.tzinfo else moment.strftime("%d/%m/%Y %H:%M")


class LabCaseState(CaseMoves, WorkspaceState, AppState):
    _access: ClassVar[Access] = LAB
    case_id: int = 0
    ref: str = ""
    patient: str = ""
    practice: str = ""
    case_type: str = ""
    teeth: str = ""
    rx_description: str = ""
    status: str = ""
    colour: str = ""
    ship_date: str = ""
    hold_reason: str = ""
    hold_detail: str = ""
    carrier: str = ""
    tracking_number: str = ""
    targets: list[str] = []
    files: list[FileRow] = []
    rx_script_id: int = 0
    history: list[MoveRow] = []
    notes: list[NoteRow] = []
    note_error: str = ""
    preview_name: str = ""
    figure: go.Figure = go.Figure()

    def _case_from_route(self) -> int:
        return route_id(self, "case_id")

    def _after_move(self, principal: Principal) -> None:
        self._fill(principal, self.case_id)

    def _fill(self, principal: Principal, case_id: int) -> None:
        with db_session() as session:
            case = authorize_case(session, principal, case_id, action="case.view")
            patient = session.get(Patient, case.patient_id)
            practice = session.get(Institution, case.practice_id)
            case_files = files.files_of(session, case.id)
            history = moves.history_of(session, case.id)
            case_notes = notes.notes_of(session, case.id)
            names = audit.actor_names(session, [m.actor for m in history]
                                          + [n.author for n in case_notes])
            session.commit()
        self._show(case, patient, practice)
        self.files = [FileRow(f.file_id, f.name, f.kind, _size(f.size),
                              f.kind == CaseFileKind.STL.value) for f in case_files]
        scripts = [f.file_id for f in case_files if f.kind == CaseFileKind.RX_SCRIPT.value]
        self.rx_script_id = scripts[-1] if scripts else 0
        self.history = [MoveRow(_when(m.at), f"{names[m.actor]} ({m.actor_role})",
                                m.from_status or "", m.to_status, m.reason) for m in history]
        self.notes = [NoteRow(_when(n.created_at), names[n.author], n.body)
                      for n in case_notes]

    def _show(self, case: LabCase, patient: Patient | None, practice: Institution | None):
        self.case_id, self.ref = case.id, case_ref(case.id)
        self.patient = formal_name(patient) if patient else ""
        self.practice = practice.name if practice else ""
        self.case_type, self.rx_description = case.case_type, case.rx_description
        self.teeth = ", ".join(t for t in case.teeth.split(",") if t)
        self.status, self.colour = case.status, colour_of(case.status).value
        self.ship_date = format_date(case.ship_date)
        self.hold_reason, self.hold_detail = case.hold_reason or "", case.hold_detail
        self.carrier, self.tracking_number = case.carrier, case.tracking_number
        self.targets = [s.value for s in allowed_targets(case.status, Actor.LAB_COORDINATOR)]

    @rx.event
    @guarded
    def load_case(self, principal: Principal):
        self.reset()
        self._fill(principal, self._case_from_route())

    @rx.event
    @guarded
    def add_note(self, principal: Principal, form: dict):
        try:
            body = validate(NoteForm, form if isinstance(form, dict) else {}).body
            with db_session() as session:
                case = authorize_case(session, principal, self.case_id, action="case.note")
                notes.add_note(session, case.id, author=principal.actor, body=body)
                session.commit()
        except (InvalidArguments, ValueError) as exc:
            self.note_error = "Write the note first." if isinstance(
                exc, InvalidArguments) else str(exc)
            return None
        self.note_error = ""
        self._fill(principal, self.case_id)
        return rx.set_value("note-body", "")

    @rx.event
    @guarded
    async def preview(self, principal: Principal, file_id: int):
        """The STL file of this case in the 3D view (processed once, then cached)."""
        fid = validate(FileRef, {"file_id": file_id}).file_id
        name, figure = await asyncio.to_thread(_figure, principal, self.case_id, fid)
        self.preview_name, self.figure = name, figure

    @rx.event
    def close_preview(self):
        """Leaving the page or closing the view: drop the figure (pickled with the state)."""
        self.preview_name, self.figure = "", go.Figure()


def _figure(principal: Principal, case_id: int, file_id: int) -> tuple[str, go.Figure]:
    with db_session() as session:
        case = authorize_case(session, principal, case_id, action="case.preview")
        try:
            stored = previews.case_stl(session, case.id, file_id)
            figure = previews.stl_figure(stored)
        except previews.PreviewError as exc:
            raise Refused(str(exc)) from None
        session.commit()
    return stored.original_name, figure
