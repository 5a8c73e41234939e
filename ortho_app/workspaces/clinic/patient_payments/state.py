"""Payments of one patient for the practice: fees and online payments (with flags)."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from ortho_app.core.authz import CLINIC, Access, authorize_patient
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.patients.names import list_name
from ortho_app.services.payments import checkout, ledger
from ortho_app.services.payments.checkout import AttemptView, ItemView
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.ui.workspace import WorkspaceState


class PatientPaymentsStaffState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    patient_id: int = 0
    name: str = ""
    balance: str = ""
    items: list[ItemView] = []
    payments: list[AttemptView] = []

    @rx.event
    @guarded
    def load_patient_payments(self, principal: Principal):
        self.reset()
        patient_id = route_id(self, "patient_id")
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id,
                                        action="payments.staff_view")
            fees = ledger.items(session, patient.id)
            self.items = checkout.item_views(fees, ledger.practice_today(), only_due=False)
            self.payments = [checkout.attempt_view(a, patient)
                             for a in ledger.attempts_of_patient(session, patient.id)]
            self.balance = checkout.balance_text(session, patient.id)[0]
            session.commit()
        self.patient_id, self.name = patient.id, list_name(patient)
