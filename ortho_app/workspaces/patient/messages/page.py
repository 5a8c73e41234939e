"""Patient app "Messagerie" (phone first): the chat with the practice, attachments both ways."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.chat import composer, thread_view
from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.messages.state import UPLOAD_ID, PatientMessagesState
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState

S = PatientMessagesState


@workspace_page(PATIENT_APP, routes.MESSAGES, "Messagerie",
                on_load=[PatientAppState.load_patients, S.load_messages])
def patient_messages() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("messaging"), " · ", PatientAppState.current_name,
                       size="5"),
            rx.spacer(),
            rx.button(t("refresh"), variant="soft", size="1",
                      on_click=S.refresh),
            width="100%", align="center"),
        rx.cond(
            S.enabled,
            rx.vstack(
                rx.cond(S.new_count > 0, rx.badge(
                    S.new_count, " ", t("chat_new_messages"),
                    color_scheme="red", size="2", id="chat-new-count")),
                thread_view(S.rows, S.has_older, S.load_older, patient=True),
                composer(S, upload_id=UPLOAD_ID, patient=True),
                spacing="4", width="100%"),
            rx.callout(t("chat_off"), color_scheme="gray", width="100%"),
        ),
        spacing="3", width="100%", max_width="560px", margin_x="auto",
    )
