"""/admin/payments — console "Paiements": the payments made by patients on a chosen day."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.payments.checkout import AttemptView
from ortho_app.ui.i18n import t
from ortho_app.ui.payments import flag_cell, status_badge
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.admin import routes
from ortho_app.workspaces.admin.payments.state import PaymentsConsoleState
from ortho_app.workspaces.admin.workspace import ADMIN

S = PaymentsConsoleState


def _row(row: AttemptView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.at), rx.table.row_header_cell(row.patient),
        rx.table.cell(row.amount), rx.table.cell(status_badge(row.status)),
        rx.table.cell(t("pay_means")), rx.table.cell(flag_cell(row)))


@workspace_page(ADMIN, routes.PAYMENTS, "Payments", on_load=[S.load_day])
def payments_console() -> rx.Component:
    return rx.vstack(
        rx.heading(t("pay_staff_title"), size="6"),
        rx.form(rx.hstack(
            rx.el.label(t("pay_day"), html_for="day"),
            rx.input(id="day", name="day", type="date", default_value=S.day, key=S.day),
            rx.button(t("pay_show"), type="submit"), align="center", spacing="3"),
            on_submit=S.choose_day, reset_on_submit=False),
        rx.text(t("pay_day_total"), ": ", rx.text.strong(S.total, id="day-total")),
        rx.cond(S.rows.length() == 0, rx.text(t("pay_none_that_day"))),
        data_table([t("pay_time"), t("pay_patient"), t("pay_amount_col"), t("pay_status"),
                    t("pay_means_col"), t("pay_flag")], S.rows, _row),
        spacing="4", width="100%")
