"""Mes Paiements: the patient's fees, balance, online payment and payment history.

The patient shown is the app's current patient (`current_patient_id`), re-authorized in each
handler; the payments module must be on for that patient, and online payment for "pay".
The amount is decided by the server under the ledger lock; the card step is Stripe Checkout
or, without a Stripe key, the labelled test mode (a locally signed webhook event).
"""

from __future__ import annotations

import re
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, StrictBool

from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.settings import get_settings
from ortho_app.services.patient_app.modules import Module, require_module
from ortho_app.services.payments import checkout, gateway, ledger
from ortho_app.services.payments.checkout import AttemptView, ItemView
from ortho_app.services.payments.money import InvalidAmount, format_eur, parse_amount
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.workspace import current_patient_id

EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']{1,185}\.[A-Za-z]{2,24}$")


class PayForm(BaseModel):
    model_config = {"extra": "forbid"}
    amount: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=254)


class Outcome(BaseModel):
    model_config = {"strict": True}
    succeed: StrictBool


class PatientPaymentsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    enabled: bool = False
    online: bool = False
    test_mode: bool = False
    balance: str = ""
    overdue: str = ""
    has_overdue: bool = False
    prefill: str = ""
    payable: bool = False
    email: str = ""
    items: list[ItemView] = []
    history: list[AttemptView] = []
    show_details: bool = False
    step: str = ""  # "" | "form" | "card" (test mode) | "done" | "declined"
    pending_amount: str = ""
    error: str = ""  # a translation key
    _attempt_id: int = 0

    def _fill(self, principal: Principal, patient_id: int) -> None:
        today = ledger.practice_today()
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="payments.view")
            try:
                options = require_module(session, patient, Module.PAYMENTS, today=today)
            except Refused:
                session.commit()
                self.enabled, self.online, self.items, self.history = False, False, [], []
                return
            fees = ledger.items(session, patient.id)
            self.items = checkout.item_views(fees, today, only_due=options.only_due_items)
            self.history = [checkout.attempt_view(a)
                            for a in ledger.attempts_of_patient(session, patient.id,
                                                                 abandoned=False)]
            self.balance, self.prefill, self.payable = checkout.balance_text(session,
                                                                               patient.id)
            self.overdue = checkout.overdue_total(fees, today)
            self.has_overdue = any(ledger.is_overdue(i, today) for i in fees)
            self.email = self.email or patient.email or ""
            session.commit()
        self.enabled = True
        self.online = options.online_payment and gateway.online_payment_available()
        self.test_mode = gateway.is_test_mode()

    async def _patient(self, principal: Principal) -> int:
        return await current_patient_id(self, principal)

    @rx.event
    @guarded
    async def load_payments(self, principal: Principal):
        self.step, self.error, self.email, self._attempt_id = "", "", "", 0
        self._fill(principal, await self._patient(principal))

    @rx.event
    def toggle_details(self):
        self.show_details = not self.show_details

    @rx.event
    def open_form(self):
        if self.online and self.payable and self.step in ("", "done", "declined"):
            self.step, self.error = "form", ""

    @rx.event
    @guarded
    async def cancel_payment(self, principal: Principal):
        await self._release(principal)
        self.step, self.error = "", ""
        self._fill(principal, await self._patient(principal))

    async def _release(self, principal: Principal) -> None:
        if not self._attempt_id:
            return
        with db_session() as session:
            patient = authorize_patient(session, principal, await self._patient(principal),
                                        action="payments.cancel")
            attempt = ledger.own_attempt(session, patient.id, self._attempt_id)
            if attempt is not None:
                checkout.cancel(session, attempt)
            session.commit()
        self._attempt_id = 0

    @rx.event
    @guarded
    async def pay(self, principal: Principal, form: dict):
        data = validate(PayForm, form if isinstance(form, dict) else {})
        try:
            amount = parse_amount(data.amount)
        except InvalidAmount:
            self.error = "pay_err_amount"
            return None
        email = data.email.strip()
        if not EMAIL.match(email):
            self.error = "pay_err_email"
            return None
        await self._release(principal)
        patient_id = await self._patient(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="payments.pay")
            if not (require_module(session, patient, Module.PAYMENTS).online_payment
                    and gateway.online_payment_available()):
                raise Refused("Online payment is not offered by your practice")
            book = ledger.ledger_of(session, patient.id)
            if amount > book.available:
                self.error = "pay_err_above" if book.available > 0 else "pay_err_nothing"
                session.commit()
                return None
            try:
                attempt = ledger.start_payment(
                    session, patient=patient, requested=amount, receipt_email=email,
                    actor=principal.actor, test_mode=gateway.is_test_mode())
            except ledger.NothingToPay:
                self.error = "pay_err_nothing"
                return None
            session.commit()
        try:
            opened = checkout.open_checkout(
                attempt.id, return_url=f"{get_settings().public_url}{routes.PAYMENTS}")
        except checkout.PaymentUnavailable:
            self.error = "pay_err_offline"
            return None
        self.email, self.error = email, ""
        if not opened.test_mode:
            return rx.redirect(opened.redirect_url, is_external=True)
        self._attempt_id, self.step = attempt.id, "card"
        self.pending_amount = format_eur(attempt.amount_cents)
        return None

    @rx.event
    @guarded
    async def finish_test_payment(self, principal: Principal, succeed: bool):
        """TEST MODE card step: the answer comes back as a signed webhook event."""
        wanted = validate(Outcome, {"succeed": succeed}).succeed
        if not gateway.is_test_mode() or not self._attempt_id:
            raise Refused("No test payment is under way")
        patient_id = await self._patient(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="payments.pay")
            require_module(session, patient, Module.PAYMENTS)
            attempt = ledger.own_attempt(session, patient.id, self._attempt_id)
            session.commit()
        if attempt is None:
            raise Refused("No test payment is under way")
        checkout.finish_in_test_mode(attempt.id, succeed=wanted)
        self._attempt_id = 0
        self._fill(principal, patient_id)
        self.step = "done" if wanted else "declined"
