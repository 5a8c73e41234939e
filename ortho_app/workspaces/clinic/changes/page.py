"""/clinic/changes: details patients proposed in the app ("Mes infos"), to accept into the
record or reject."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel

from ortho_app.core import audit
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models.appointments import PatientInfoChange
from ortho_app.services.patient_app import info as patient_info
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.i18n import t
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState, workspace_page
from ortho_app.workspaces.clinic.workspace import CLINIC as CLINIC_WORKSPACE


class Decision(BaseModel):
    model_config = {"strict": True}
    change_id: int
    accept: bool


@dataclass
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class ChangeRow:
    id: int
    patient_id: int
    patient: str
    proposed_on: str
    fields: list[FieldChange]


class ChangesState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    changes: list[ChangeRow] = []
    decided: str = ""  # "accepted" | "rejected"

    def _fill(self, principal: Principal) -> None:
        with db_session() as session:
            found = patient_info.pending_changes(session,
                                                 directory.visible_patients_query(principal))
            rows = [ChangeRow(c.id, p.id, list_name(p),
                              format_date(c.created_at.date()),
                              [FieldChange(*d) for d in patient_info.differences(c, p)])
                    for c, p in found]
            for row in rows:
                audit.record(session, actor=principal.actor, action="patient.changes.read",
                             target=f"patient:{row.patient_id}", patient_id=row.patient_id)
            session.commit()
        self.changes = rows

    @rx.event
    @guarded
    def load_changes(self, principal: Principal):
        self.decided = ""
        self._fill(principal)

    @rx.event
    @guarded
    def decide(self, principal: Principal, change_id: int, accept: bool):
        """Accept the proposed details into the record, or reject them."""
        data = validate(Decision, {"change_id": change_id, "accept": accept})
        with db_session() as session:
            change = session.get(PatientInfoChange, data.change_id)
            patient = authorize_patient(session, principal, change.patient_id if change else -1,
                                        action="patient.changes.decide")
            try:
                patient_info.decide(session, change, patient, accept=data.accept,
                                    actor=principal.actor)
            except patient_info.ChangeError as exc:
                raise Refused(str(exc)) from None
            session.commit()
        self.decided = "accepted" if data.accept else "rejected"
        self._fill(principal)


def _field(change: FieldChange) -> rx.Component:
    name = rx.match(change.field, ("last_name", t("last_name")), ("first_name", t("first_name")),
                    ("email", t("email")), ("phone", t("phone")), ("address", t("address")),
                    change.field)
    return rx.table.row(rx.table.cell(name), rx.table.cell(change.before),
                        rx.table.cell(rx.text(change.after, weight="bold")))


def _change(row: ChangeRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.link(row.patient, href="/clinic/patients/" + row.patient_id.to_string(),
                          weight="bold"),
                  rx.text(t("proposed_on"), " ", row.proposed_on, size="2",
                          color_scheme="gray"), align="baseline", spacing="3"),
        rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell(t("field")),
                                         rx.table.column_header_cell(t("in_record")),
                                         rx.table.column_header_cell(t("proposed")))),
            rx.table.body(rx.foreach(row.fields, _field)), size="1", width="100%"),
        rx.hstack(
            rx.button(t("accept_change"), on_click=ChangesState.decide(row.id, True),
                      color_scheme="green"),
            rx.button(t("reject_change"), on_click=ChangesState.decide(row.id, False),
                      color_scheme="red", variant="soft"),
            spacing="3"),
        spacing="3", width="100%"), width="100%", class_name="proposed-change")


@workspace_page(CLINIC_WORKSPACE, "/clinic/changes", "Proposed changes",
                on_load=[ChangesState.load_changes])
def clinic_changes() -> rx.Component:
    S = ChangesState
    return rx.vstack(
        rx.heading(t("proposed_changes"), size="6"),
        rx.text(t("proposed_changes_hint"), size="2", color_scheme="gray"),
        rx.cond(S.decided == "accepted", rx.callout(t("change_accepted"), color_scheme="green",
                                                    role="status")),
        rx.cond(S.decided == "rejected", rx.callout(t("change_rejected"), role="status")),
        rx.cond(S.changes.length() > 0, rx.foreach(S.changes, _change),
                rx.text(t("no_proposed_changes"), color_scheme="gray")),
        spacing="4", width="100%", max_width="900px",
    )
