"""Practice admin console pages."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.job_progress import job_progress
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.admin import routes
from ortho_app.workspaces.admin.console.state import AdminState, MailRow, StaffRow
from ortho_app.workspaces.admin.workspace import ADMIN


def _staff_row(row: StaffRow) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(row.name), rx.table.cell(row.email),
                        rx.table.cell(row.role))


@workspace_page(ADMIN, routes.CONSOLE, "Administration", on_load=[AdminState.load_staff])
def admin_home() -> rx.Component:
    return rx.vstack(
        rx.heading(t("staff"), size="6"),
        data_table([t("staff"), t("email"), t("role")], AdminState.staff, _staff_row),
        spacing="4", width="100%",
    )


def _mail_row(row: MailRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.at), rx.table.cell(row.channel), rx.table.cell(row.recipient),
        rx.table.cell(row.subject),
        rx.table.cell(rx.text(row.body, white_space="pre-wrap", class_name="mail-body")),
        rx.table.cell(row.status),
    )


@workspace_page(ADMIN, routes.MAILBOX, "Dev mailbox", on_load=[AdminState.load_mailbox])
def dev_mailbox() -> rx.Component:
    return rx.vstack(
        rx.heading(t("dev_mailbox"), size="6"),
        rx.hstack(
            rx.button(t("send_test_email"), on_click=AdminState.send_test_email),
            rx.button(t("refresh"), variant="soft", on_click=AdminState.load_mailbox),
            spacing="3",
        ),
        job_progress(AdminState, t("send_test_email")),
        rx.cond(AdminState.mails.length() == 0, rx.text(t("nothing_yet"))),
        data_table([t("sent_at"), t("channel"), t("recipient"), t("subject"), t("message"),
                    t("status")], AdminState.mails, _mail_row),
        spacing="4", width="100%",
    )
