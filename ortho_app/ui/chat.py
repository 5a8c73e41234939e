"""The chat thread shared by the patient app and the clinic: view rows (never table rows),
message bubbles rendered as text, and the composer (text, one attachment, send)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session, col, select

from ortho_app.core import urls
from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.models import StoredFile
from ortho_app.models.messaging import MAX_BODY, Message, MessageDirection
from ortho_app.services.messaging.threads import IMAGE_TYPES
from ortho_app.ui.i18n import t

ACCEPT = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "application/pdf": [".pdf"]}


@dataclass
class ChatRow:
    id: int
    mine: bool
    author: str  # "" → "You" / "Your practice"
    body: str
    at: str
    file_url: str
    file_name: str
    is_image: bool
    new: bool
    can_file: bool
    filed: bool


def local_time(value: datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(PRACTICE_TZ).strftime("%d/%m/%Y %H:%M")


def chat_rows(session: Session, messages: list[Message], *, for_patient: bool,
              patient_name: str = "") -> list[ChatRow]:
    """Rows of a thread as the patient (for_patient) or the practice sees it."""
    ids = [m.attachment_id for m in messages if m.attachment_id]
    files = {f.id: f for f in session.exec(select(StoredFile).where(
        col(StoredFile.id).in_(ids or [-1]))).all()}
    rows = []
    for m in messages:
        from_patient = m.direction == MessageDirection.TO_PRACTICE
        stored = files.get(m.attachment_id) if m.attachment_id else None
        is_image = bool(stored and stored.content_type in IMAGE_TYPES)
        if for_patient:
            author, new = ("" if from_patient else m.author_name), (
                not from_patient and m.read_by_patient_at is None)
        else:
            author = patient_name if from_patient else m.author_name
            new = from_patient and m.read_by_practice_at is None
        rows.append(ChatRow(
            id=m.id, mine=from_patient == for_patient, author=author, body=m.body,
            at=local_time(m.created_at), file_url=urls.file_url(stored.id) if stored else "",
            file_name=stored.original_name if stored else "", is_image=is_image, new=new,
            can_file=not for_patient and from_patient and is_image and not m.filed_image_id,
            filed=bool(m.filed_image_id)))
    return rows


def _attachment(row: ChatRow, patient: bool) -> rx.Component:
    return rx.cond(
        row.file_url != "",
        rx.vstack(
            rx.cond(row.is_image, rx.link(
                rx.image(src=row.file_url, alt=row.file_name, max_width="100%",
                         max_height="240px", border_radius="8px"),
                href=row.file_url)),
            rx.link(rx.icon("paperclip", size=14), t("chat_download"), " ",
                    row.file_name, href=row.file_url, size="2", display="inline-flex",
                    align_items="center", gap="4px"),
            spacing="1", align="start"),
    )


def bubble(row: ChatRow, *, patient: bool, actions: rx.Component | None = None
           ) -> rx.Component:
    """One message: author, time, its text (as text, never HTML) and its attachment."""
    return rx.box(
        rx.hstack(
            rx.text(rx.cond(row.author != "", row.author,
                            rx.cond(row.mine, t("chat_you"),
                                    t("chat_practice"))),
                    size="1", weight="bold"),
            rx.text(row.at, size="1", color_scheme="gray"),
            rx.cond(row.new, rx.badge(t("chat_new"), color_scheme="red",
                                      size="1")),
            spacing="2", align="center", wrap="wrap"),
        rx.cond(row.body != "", rx.text(row.body, white_space="pre-wrap", size="3",
                                        class_name="chat-body")),
        _attachment(row, patient),
        actions or rx.fragment(),
        class_name="chat-message",
        align_self=rx.cond(row.mine, "flex-end", "flex-start"),
        background=rx.cond(row.mine, "var(--accent-3)", "var(--gray-3)"),
        border_radius="12px", padding="8px 12px", max_width="85%",
        overflow_wrap="anywhere",
    )


def composer(state, *, upload_id: str, patient: bool,
             extra: rx.Component | None = None) -> rx.Component:
    """Text area bound to `state.draft` (`edit_draft`), one optional attachment, Send."""
    label = t("chat_your_message")
    return rx.vstack(
        extra or rx.fragment(),
        rx.el.label(label, html_for=f"{upload_id}-draft", font_size="0.9em"),
        rx.text_area(id=f"{upload_id}-draft", value=state.draft, on_change=state.edit_draft,
                     debounce_timeout=250, max_length=MAX_BODY, rows="3", width="100%"),
        rx.hstack(
            rx.upload(
                rx.button(rx.icon("paperclip", size=16), t("chat_attach"),
                          type="button", variant="soft"),
                id=upload_id, accept=ACCEPT, max_files=1, multiple=False, no_drag=True,
                padding="0", border="none"),
            rx.spacer(),
            rx.button(t("chat_send"), type="button", size="3",
                      on_click=state.send(rx.upload_files(upload_id=upload_id))),
            width="100%", align="center"),
        rx.foreach(rx.selected_files(upload_id),
                   lambda name: rx.text(t("chat_attached"), " ", name,
                                        size="2", class_name="chat-selected")),
        rx.cond(state.error != "", rx.callout(state.error, color_scheme="red", role="alert",
                                              width="100%", size="1")),
        rx.cond(state.notice != "", rx.text(state.notice, size="2", color_scheme="green",
                                            role="status", class_name="chat-notice")),
        spacing="2", width="100%",
    )


SELECT_STYLE = {"border": "1px solid var(--gray-a7)", "border_radius": "6px",
                "padding": "6px 8px", "background": "var(--color-surface)"}


def thread_view(rows, has_older, load_older, *, patient: bool, actions=None) -> rx.Component:
    return rx.vstack(
        rx.cond(has_older, rx.button(t("chat_older"), variant="ghost",
                                     size="2", on_click=load_older)),
        rx.cond(rows.length() == 0, rx.text(t("chat_empty"),
                                            color_scheme="gray")),
        rx.foreach(rows, lambda row: bubble(row, patient=patient,
                                            actions=actions(row) if actions else None)),
        spacing="3", width="100%", align="stretch", role="log",
    )
