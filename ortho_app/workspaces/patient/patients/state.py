"""State of "Gestion des patients": adding a patient reachable with the same phone."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

import reflex as rx
from sqlmodel import select

from ortho_app.core import audit
from ortho_app.core.authz import PATIENT, Access, Refused
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import AuditEvent
from ortho_app.models._base import utcnow
from ortho_app.services.patient_app.login import NoSingleMatch, parse_birth
from ortho_app.services.patient_app.patients import AlreadyShown, add_patient
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient.workspace import PatientAppState

ACTION = "patient_app.add_patient"
FAILURES_PER_15_MIN = 10


class ManagePatientsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    outcome: str = ""  # "added" | "check" | "already"

    @rx.event
    def clear_outcome(self):
        self.outcome = ""

    @rx.event
    @guarded
    def add(self, principal: Principal, form: dict):
        """Add the patient matching last name, first name and date of birth."""
        form = form if isinstance(form, dict) else {}
        fields = {k: str(form.get(k, ""))[:200] for k in ("last_name", "first_name", "birth")}
        with db_session() as session:
            failures = session.exec(select(AuditEvent.id).where(
                AuditEvent.actor == principal.actor, AuditEvent.action == ACTION,
                AuditEvent.outcome == "refused",
                AuditEvent.at >= utcnow() - timedelta(minutes=15))).all()
            if len(failures) >= FAILURES_PER_15_MIN:
                raise Refused("Too many attempts. Please wait a few minutes and try again.")
            try:
                patient = add_patient(session, session_id=principal.session_id,
                                      phone=principal.phone or "",
                                      last_name=fields["last_name"],
                                      first_name=fields["first_name"],
                                      birth=parse_birth(fields["birth"]))
            except (NoSingleMatch, AlreadyShown) as exc:
                session.rollback()
                self.outcome = "already" if isinstance(exc, AlreadyShown) else "check"
                audit.record(session, actor=principal.actor, action=ACTION,
                             outcome="refused", detail=self.outcome)
                session.commit()
                return
            audit.record(session, actor=principal.actor, action=ACTION, patient_id=patient.id,
                         target=f"patient:{patient.id}")
            session.commit()
        self.outcome = "added"
        return PatientAppState.load_patients
