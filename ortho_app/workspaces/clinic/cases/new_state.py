"""New case (patient, case type, teeth, RX description, attachments) and its printable
creation confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field
from sqlmodel import col, select

from ortho_app.core import jobs, outbox
from ortho_app.core.authz import CLINIC, Access, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.settings import get_settings
from ortho_app.models import JobRecord, Patient
from ortho_app.services.lab_cases import notify
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.cases import RX_MAX, Prescription, create_case
from ortho_app.services.lab_cases.pipeline import CaseType, PrescriptionIncomplete
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import formal_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.job_progress import JobProgressMixin
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.cases.case_state import (
    CaseSummary,
    case_id_from_route,
    summary_of,
)
from ortho_app.workspaces.clinic.cases.form_state import (
    PrescriptionFormMixin,
    rx_job_kind,
    start_rx_script,
)

PATIENT_OPTIONS = 200


class NewCaseForm(BaseModel):
    model_config = {"strict": True}
    patient_id: int = Field(gt=0)
    case_type: str = Field(max_length=40)
    teeth: list[int] = Field(max_length=32)
    rx_description: str = Field(max_length=RX_MAX)


class PatientSearch(BaseModel):
    model_config = {"strict": True}
    text: str = Field(max_length=100)


@dataclass
class PatientOption:
    id: str
    name: str


def case_url(case_id: int) -> str:
    return get_settings().public_url.rstrip("/") + link_to(routes.CASE, case_id=case_id)


def initials(patient: Patient) -> str:
    return f"{patient.first_name[:1]}. {patient.last_name[:1]}."


class NewCaseState(PrescriptionFormMixin, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    patients: list[PatientOption] = []
    patient_id: str = ""
    case_type: str = ""

    def _load_patients(self, principal: Principal, search: str = "") -> None:
        with db_session() as session:
            page = directory.search_patients(session, principal, search=search,
                                             page_size=PATIENT_OPTIONS)
        self.patients = [PatientOption(str(p.id), formal_name(p))
                         for p in page.rows]

    @rx.event
    @guarded
    def load_new(self, principal: Principal):
        self._reset_form()
        self.patient_id, self.case_type = "", ""
        self._load_patients(principal)

    @rx.event
    @guarded
    def find_patients(self, principal: Principal, text: str):
        self._load_patients(principal, validate(PatientSearch, {"text": text}).text)

    @rx.event
    @guarded
    def choose_patient(self, principal: Principal, value: str):
        self.patient_id = value if value.isdigit() else ""

    @rx.event
    @guarded
    def choose_case_type(self, principal: Principal, value: str):
        self.case_type = value if value in {t.value for t in CaseType} else ""

    def _after_upload(self):
        return NewCaseState.submit_case

    @rx.event
    @guarded
    def submit_case(self, principal: Principal):
        """Create the case; refused with what is missing when the prescription is incomplete."""
        if not self.patient_id:
            self.error = "Choose a patient."
            return None
        form = validate(NewCaseForm, {
            "patient_id": int(self.patient_id), "case_type": self.case_type,
            "teeth": list(self.teeth), "rx_description": self.rx_description})
        with db_session() as session:
            patient = authorize_patient(session, principal, form.patient_id,
                                        action="lab_case.create")
            try:
                case = create_case(
                    session, patient=patient, files=self._take_pending(session),
                    rx=Prescription(form.case_type, form.teeth, form.rx_description),
                    actor=principal.actor, today=date.today())
            except (PrescriptionIncomplete, ValueError) as exc:
                session.rollback()
                self.error = str(exc)
                return None
            job_id = start_rx_script(session, case.id, principal)
            notify.confirmation_email(session, case, user_id=principal.user_id,
                                      patient_initials=initials(patient),
                                      case_url=case_url(case.id))
            session.commit()
            case_id = case.id
        jobs.enqueue(job_id)
        outbox.request_delivery()
        self._reset_form()
        return rx.redirect(link_to(routes.CASE_CONFIRMATION, case_id=case_id))


class CaseConfirmationState(JobProgressMixin, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    summary: CaseSummary | None = None

    @rx.event
    @guarded
    def load_confirmation(self, principal: Principal):
        self.summary, self.job_status = None, ""
        case_id = case_id_from_route(self)
        with db_session() as session:
            case = authorize_case(session, principal, case_id, action="lab_case.confirmation")
            self.summary = summary_of(session, case)
            job_id = session.exec(select(JobRecord.id).where(
                JobRecord.kind == rx_job_kind(case.id), JobRecord.owner == principal.actor)
                .order_by(col(JobRecord.id).desc())).first()
            session.commit()
        if job_id is not None:
            return CaseConfirmationState.follow_job(job_id)
        return None
