"""Message templates of the practice ("Paramètres → Onglet Messagerie"): "+" adds "Nouveau
modèle", click a message to edit it (saved when the field loses focus), the trombone attaches a
file, the cross removes it, the bin deletes the template."""

from __future__ import annotations

import reflex as rx

from ortho_app.models.messaging import MAX_BODY
from ortho_app.ui.chat import ACCEPT
from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.message_templates.state import (
    UPLOAD_ID,
    MessageTemplatesState,
    TemplateRow,
)
from ortho_app.workspaces.clinic.workspace import CLINIC as CLINIC_WORKSPACE

S = MessageTemplatesState


def _item(row: TemplateRow) -> rx.Component:
    return rx.card(rx.vstack(
        rx.text_area(default_value=row.body, key=row.id.to_string() + row.body,
                     aria_label=t("message"), rows="3", width="100%", max_length=MAX_BODY,
                     on_blur=lambda text: S.save_template(row.id, text)),
        rx.hstack(
            rx.cond(row.file_name != "", rx.hstack(
                rx.link(rx.icon("paperclip", size=14), row.file_name, href=row.file_url,
                        size="2", display="inline-flex", align_items="center", gap="4px"),
                rx.icon_button(rx.icon("x", size=14), size="1", variant="ghost",
                               aria_label=t("chat_remove_attachment"),
                               on_click=S.remove_file(row.id)),
                align="center")),
            rx.spacer(),
            rx.icon_button(rx.icon("paperclip", size=16), variant="soft",
                           aria_label=t("chat_attach_file"), on_click=S.open_attach(row.id)),
            rx.icon_button(rx.icon("trash-2", size=16), variant="soft", color_scheme="red",
                           aria_label=t("chat_delete"), on_click=S.delete_template(row.id)),
            width="100%", align="center"),
        spacing="2", width="100%"), width="100%", class_name="template-card")


def _attach_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("chat_attach_file")),
            rx.vstack(
                rx.upload(rx.button(t("chat_attach_file"), type="button", variant="soft"),
                          id=UPLOAD_ID, accept=ACCEPT, max_files=1, multiple=False,
                          no_drag=True, padding="0", border="none"),
                rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.text(name, size="2")),
                rx.hstack(
                    rx.button(t("chat_cancel"), variant="soft", on_click=S.close_attach),
                    rx.button(t("chat_save"),
                              on_click=S.attach_file(rx.upload_files(upload_id=UPLOAD_ID))),
                    justify="end", width="100%"),
                spacing="3", width="100%"),
        ),
        open=S.attach_id != 0,
        on_open_change=lambda opened: rx.cond(opened, rx.noop(), S.close_attach()),
    )


@workspace_page(CLINIC_WORKSPACE, routes.MESSAGE_TEMPLATES, "Message templates",
                on_load=[S.load_templates])
def message_templates() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(t("chat_templates"), size="6"), rx.spacer(),
                  rx.icon_button(rx.icon("plus"), aria_label=t("chat_new_template"),
                                 on_click=S.add_template),
                  width="100%", align="center"),
        rx.foreach(S.items, _item),
        _attach_dialog(),
        spacing="3", width="100%", max_width="820px",
    )
