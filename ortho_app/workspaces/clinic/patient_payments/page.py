"""/clinic/patients/[patient_id]/payments — a patient's fees and online payments."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.payments.checkout import AttemptView, ItemView
from ortho_app.ui.i18n import t
from ortho_app.ui.payments import flag_cell, status_badge
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patient_payments.state import PatientPaymentsStaffState
from ortho_app.workspaces.clinic.workspace import CLINIC

S = PatientPaymentsStaffState
def _item_row(row: ItemView) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.hstack(
            rx.cond(row.overdue, rx.icon("triangle-alert", color="var(--red-9)", size=16,
                                         aria_label=t("pay_item_overdue"))),
            rx.text(row.label), align="center")),
        rx.table.cell(row.care_date), rx.table.cell(row.due), rx.table.cell(row.paid),
        rx.table.cell(row.remaining),
        rx.table.cell(rx.text(row.due_date,
                              color=rx.cond(row.overdue, "var(--red-11)", "inherit"))))


def _payment_row(row: AttemptView) -> rx.Component:
    return rx.table.row(rx.table.cell(row.at), rx.table.cell(row.amount),
                        rx.table.cell(status_badge(row.status)),
                        rx.table.cell(t("pay_means")), rx.table.cell(flag_cell(row)))


@workspace_page(CLINIC, routes.PATIENT_PAYMENTS, "Payments",
                on_load=[S.load_patient_payments])
def patient_payments_staff() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(S.name, " — ", t("pay_staff_title"), size="6"), rx.spacer(),
                  rx.link(t("pay_back_to_card"),
                          href=link_to(routes.PATIENT_CARD, patient_id=S.patient_id)),
                  width="100%", align="center", wrap="wrap"),
        rx.text(t("pay_balance"), ": ", rx.text.strong(S.balance, id="staff-balance")),
        rx.heading(t("pay_care_items"), size="4"),
        data_table([t("pay_label"), t("pay_care_date"), t("pay_item_due"), t("pay_item_paid"),
                    t("pay_remaining"), t("pay_item_due_date")], S.items, _item_row),
        rx.heading(t("pay_history"), size="4"),
        data_table([t("pay_time"), t("pay_amount_col"), t("pay_status"), t("pay_means_col"),
                    t("pay_flag")], S.payments, _payment_row),
        spacing="4", width="100%")
