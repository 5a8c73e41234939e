"""/patient/patients ("Gestion des patients"): add a patient reachable with the same phone (a
parent adding a child) after the sign-in's identity check; the session's list is changed on
the server."""

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
from ortho_app.ui.forms import field
from ortho_app.ui.i18n import t
from ortho_app.ui.views import PatientRow
from ortho_app.ui.workspace import WorkspaceState, workspace_page
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState

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


def _listed(row: PatientRow) -> rx.Component:
    return rx.hstack(rx.icon("user", size=18), rx.text(row.name, weight="medium"),
                     rx.text(row.birth, size="2", color_scheme="gray"), align="center",
                     padding_y="6px", class_name="listed-patient")


OUTCOMES = (("added", "patient_added", "green"), ("check", "check_entries", "red"),
            ("already", "patient_already_listed", "amber"))


@workspace_page(PATIENT_APP, "/patient/patients", "Gestion des patients",
                on_load=[ManagePatientsState.clear_outcome])
def patient_management() -> rx.Component:
    S = ManagePatientsState
    return rx.vstack(
        rx.heading(t("manage_patients", patient=True), size="6"),
        rx.text(t("patients_seen", patient=True), size="2", color_scheme="gray"),
        rx.foreach(PatientAppState.patients, _listed),
        rx.heading(t("add_patient", patient=True), size="4"),
        rx.text(t("add_patient_hint", patient=True), size="2", color_scheme="gray"),
        *[rx.cond(S.outcome == code, rx.callout(t(key, patient=True), color_scheme=color,
                                                role="status", width="100%"))
          for code, key, color in OUTCOMES],
        rx.form(rx.vstack(
            field(t("last_name", patient=True), "last_name", patient=True),
            field(t("first_name", patient=True), "first_name", patient=True),
            field(t("birth", patient=True), "birth", type_="date", patient=True),
            rx.button(t("add_patient", patient=True), type="submit", size="3", width="100%"),
            spacing="3", width="100%"), on_submit=S.add, reset_on_submit=True, width="100%"),
        spacing="3", width="100%",
    )
