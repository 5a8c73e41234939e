"""Clinic "Messages": the conversations (unread first to the eye, newest first) and a thread
with predefined templates, attachments and "File into record" on a patient's photo."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.chat import SELECT_STYLE, ChatRow, composer, thread_view
from ortho_app.ui.i18n import t
from ortho_app.ui.pager import pager
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.messages.state import (
    UPLOAD_ID,
    ClinicConversationsState,
    ClinicThreadState,
    ConversationRow,
    TemplateChoice,
)
from ortho_app.workspaces.clinic.workspace import CLINIC

C = ClinicConversationsState
S = ClinicThreadState


def _conversation(row: ConversationRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(
            row.name, href=link_to(routes.THREAD, patient_id=row.patient_id),
            weight=rx.cond(row.unread > 0, "bold", "regular"))),
        rx.table.cell(rx.text(row.preview, size="2")),
        rx.table.cell(row.last_at),
        rx.table.cell(rx.cond(row.unread > 0, rx.badge(row.unread, color_scheme="red",
                                                       class_name="unread-count"))),
    )


def _pager() -> rx.Component:
    return pager(C.page, C.page_count, C.go_to_page,
                 rx.text(C.total, " ", t("chat_conversations"), size="2", color_scheme="gray"))


@workspace_page(CLINIC, routes.MESSAGES, "Messages", on_load=[C.load_conversations])
def clinic_messages() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("messaging"), size="6"),
            rx.badge(C.unread_total, " ", t("chat_unread_total"), color_scheme=rx.cond(
                C.unread_total > 0, "red", "gray"), size="2", id="unread-total"),
            rx.spacer(),
            rx.button(t("refresh"), variant="soft", size="1", on_click=C.go_to_page(C.page)),
            rx.link(t("chat_templates"), href=routes.MESSAGE_TEMPLATES),
            width="100%", align="center", wrap="wrap"),
        rx.el.label(rx.checkbox(checked=C.unread_only, on_change=C.show_unread_only),
                    " ", t("chat_unread_only"), display="flex", gap="0.4em",
                    align_items="center"),
        data_table([t("patients"), t("chat_last_message"), t("sent_at"), t("chat_unread")],
                   C.conversations, _conversation),
        _pager(),
        spacing="4", width="100%",
    )


def _row_actions(row: ChatRow) -> rx.Component:
    return rx.fragment(
        rx.cond(row.can_file, rx.button(t("chat_file_into_record"), size="1", variant="soft",
                                         on_click=S.open_filing(row.id))),
        rx.cond(row.filed, rx.badge(t("chat_filed"), color_scheme="green")),
    )


def _choice(options, name: str, label) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, font_size="0.9em"),
        rx.el.select(rx.foreach(options, lambda o: rx.el.option(o, value=o)), id=name,
                     name=name, width="100%", **SELECT_STYLE),
        spacing="1", width="100%")


def _filing_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("chat_file_into_record")),
            rx.form(
                rx.vstack(
                    _choice(S.stages, "stage", t("chat_stage")),
                    _choice(S.kinds, "kind", t("chat_image_kind")),
                    rx.el.label(rx.el.input(type="checkbox", name="shared", id="shared"), " ",
                                t("chat_share"), html_for="shared"),
                    rx.hstack(
                        rx.button(t("chat_cancel"), type="button", variant="soft",
                                  on_click=S.close_filing),
                        rx.button(t("chat_file"), type="submit"),
                        justify="end", width="100%"),
                    spacing="3", width="100%"),
                on_submit=S.file_photo, reset_on_submit=False),
        ),
        open=S.filing_id != 0,
        on_open_change=lambda opened: rx.cond(opened, rx.noop(), S.close_filing()),
    )


def _template_option(choice: TemplateChoice) -> rx.Component:
    return rx.el.option(choice.body, value=choice.id.to_string())


def _templates() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("chat_use_template"), html_for="template", font_size="0.9em"),
        rx.el.select(rx.el.option("—", value=""), rx.foreach(S.templates, _template_option),
                     id="template", value=S.chosen_template, on_change=S.use_template,
                     width="100%", **SELECT_STYLE),
        rx.cond(S.template_file != "", rx.hstack(
            rx.text(t("chat_attached"), " ", S.template_file, size="2"),
            rx.icon_button(rx.icon("x", size=14), size="1", variant="ghost", type="button",
                           aria_label=t("chat_remove_attachment"),
                           on_click=S.drop_template_file),
            align="center")),
        spacing="1", width="100%")


@workspace_page(CLINIC, routes.THREAD, "Messages",
                on_load=[S.load_thread])
def clinic_thread() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(S.name, size="6"), rx.spacer(),
            rx.button(t("refresh"), variant="soft", size="1", on_click=S.refresh),
            rx.link(t("chat_back"), href=routes.MESSAGES),
            rx.link("Patient", href=link_to(routes.PATIENT_CARD, patient_id=S.patient_id)),
            width="100%", align="center", wrap="wrap", spacing="4"),
        thread_view(S.rows, S.has_older, S.load_older, patient=False, actions=_row_actions),
        rx.divider(),
        composer(S, upload_id=UPLOAD_ID, patient=False, extra=_templates()),
        _filing_dialog(),
        spacing="4", width="100%", max_width="820px",
    )
