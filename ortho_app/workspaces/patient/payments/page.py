"""/patient/payments — "Mes Paiements" (phone first): balance, red warning on overdue fees,
"+" care details, "Régler en ligne", the test-mode card step and the payment history."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.payments.checkout import AttemptView, ItemView
from ortho_app.ui.i18n import t
from ortho_app.ui.payments import STATUSES
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.payments.state import PatientPaymentsState
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState

S = PatientPaymentsState
ERRORS = ("pay_err_amount", "pay_err_above", "pay_err_email", "pay_err_nothing",
          "pay_err_offline")


def p(key: str) -> rx.Var:
    return t(key)


def status_label(status) -> rx.Component:
    return rx.match(status, *[(s, p(f"pay_status_{s}")) for s in STATUSES], status)


def _fact(label: str, value, **props) -> rx.Component:
    return rx.hstack(rx.text(p(label), size="2", color_scheme="gray"), rx.spacer(),
                     rx.text(value, size="2", weight="medium", **props), width="100%")


def _item(row: ItemView) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(
            rx.cond(row.overdue, rx.icon("triangle-alert", color="var(--red-9)", size=18,
                                         aria_label=p("pay_item_overdue"))),
            rx.text(row.label, weight="bold", size="3"), rx.spacer(),
            rx.text(row.care_date, size="2", color_scheme="gray"), width="100%",
            align="center"),
        _fact("pay_item_due", row.due), _fact("pay_item_paid", row.paid),
        _fact("pay_item_due_date", row.due_date,
              color=rx.cond(row.overdue, "var(--red-11)", "inherit")),
        rx.cond(row.overdue, rx.text(p("pay_item_overdue"), color="var(--red-11)", size="2",
                                     weight="bold")),
        spacing="1", width="100%"), width="100%", class_name="care-item")


def _balance() -> rx.Component:
    return rx.card(rx.vstack(
        rx.text(p("pay_balance"), size="2", color_scheme="gray"),
        rx.heading(S.balance, size="7", id="balance"),
        rx.cond(S.has_overdue, rx.callout(
            rx.text(p("pay_overdue"), " : ", S.overdue), icon="triangle-alert",
            color_scheme="red", role="alert", width="100%")),
        rx.cond(S.online & S.payable & (S.step != "form") & (S.step != "card"),
                rx.button(p("pay_online"), size="3", width="100%", on_click=S.open_form)),
        spacing="2", width="100%"), width="100%")


def _labelled(label: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.el.label(p(label), html_for=name, font_size="0.9em"), control,
                     spacing="1", width="100%")


def _form() -> rx.Component:
    return rx.card(rx.form(rx.vstack(
        _labelled("pay_amount", rx.input(id="amount", name="amount", default_value=S.prefill,
                                         input_mode="decimal", size="3", width="100%"),
                  "amount"),
        rx.text(p("pay_amount_hint"), size="1", color_scheme="gray"),
        _labelled("pay_email", rx.input(id="email", name="email", type="email", size="3",
                                        default_value=S.email, width="100%"), "email"),
        rx.cond(S.error != "", rx.callout(rx.match(S.error, *[(k, p(k)) for k in ERRORS], ""),
                                          color_scheme="red", role="alert", width="100%")),
        rx.hstack(rx.button(p("pay_cancel"), type="button", variant="soft",
                            on_click=S.cancel_payment),
                  rx.button(p("pay_submit"), type="submit"), justify="end", width="100%"),
        spacing="3", width="100%"), on_submit=S.pay, reset_on_submit=False), width="100%")


def _card_step() -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.heading(p("pay_card_title"), size="4"), rx.spacer(),
                  rx.badge("TEST", color_scheme="orange", size="2")),
        rx.heading(S.pending_amount, size="6", id="pending-amount"),
        rx.text(p("pay_card_test"), size="2"),
        rx.button(p("pay_confirm_test"), size="3", width="100%",
                  on_click=S.finish_test_payment(True)),
        rx.button(p("pay_decline_test"), variant="soft", color_scheme="red", width="100%",
                  on_click=S.finish_test_payment(False)),
        rx.button(p("pay_cancel"), variant="ghost", width="100%", on_click=S.cancel_payment),
        spacing="3", width="100%"), width="100%", border="2px dashed var(--orange-8)")


def _history_row(row: AttemptView) -> rx.Component:
    return rx.hstack(
        rx.vstack(rx.text(row.at, size="2"), rx.text(status_label(row.status), size="1",
                                                       color_scheme="gray"), spacing="0"),
        rx.spacer(),
        rx.vstack(rx.text(row.amount, weight="bold", size="2"),
                  rx.cond(row.refunded != "", rx.text(row.refunded, " ", p("pay_refunded"),
                                                      size="1", color_scheme="orange")),
                  spacing="0", align="end"),
        width="100%", padding_y="6px", border_bottom="1px solid var(--gray-a4)",
        class_name="payment-row")


def _content() -> rx.Component:
    return rx.vstack(
        rx.cond(S.test_mode, rx.callout(p("pay_test_mode"), icon="flask-conical",
                                        color_scheme="orange", width="100%", id="test-mode")),
        _balance(),
        rx.match(S.step,
                 ("form", _form()),
                 ("card", _card_step()),
                 ("done", rx.callout(p("pay_done"), icon="circle-check", color_scheme="green",
                                     role="status", width="100%")),
                 ("declined", rx.callout(p("pay_declined"), icon="circle-x",
                                         color_scheme="red", role="status", width="100%")),
                 rx.fragment()),
        rx.button(rx.icon(rx.cond(S.show_details, "minus", "plus"), aria_hidden="true"),
                  p("pay_details"), variant="outline", width="100%",
                  aria_expanded=rx.cond(S.show_details, "true", "false"),
                  on_click=S.toggle_details),
        rx.cond(S.show_details, rx.vstack(
            rx.cond(S.items.length() == 0, rx.text(p("pay_no_items"))),
            rx.foreach(S.items, _item), spacing="2", width="100%")),
        rx.heading(p("pay_history"), size="4"),
        rx.cond(S.history.length() == 0, rx.text(p("pay_no_history"), size="2")),
        rx.foreach(S.history, _history_row),
        spacing="3", width="100%")


@workspace_page(PATIENT_APP, routes.PAYMENTS, "Mes Paiements",
                on_load=[PatientAppState.load_patients, S.load_payments])
def patient_payments() -> rx.Component:
    return rx.vstack(
        rx.heading(p("pay_title"), size="6"),
        rx.cond(PatientAppState.current_name != "",
                rx.text(PatientAppState.current_name, size="2", color_scheme="gray")),
        rx.cond(S.enabled, _content(), rx.text(p("pay_off"))),
        spacing="3", width="100%", max_width="480px", margin_x="auto")
