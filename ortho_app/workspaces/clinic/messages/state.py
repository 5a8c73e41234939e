"""Clinic "Messages": conversations with unread counts, and one patient's thread where staff
answer (predefined templates, attachments) and file a patient's photo into the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session

from ortho_app.core import audit, outbox
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, StoredFile
from ortho_app.models.messaging import Message
from ortho_app.services.messaging import templates
from ortho_app.services.messaging import threads as messaging
from ortho_app.services.patients import directory
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.chat import local_time
from ortho_app.ui.chat_state import ChatMixin
from ortho_app.ui.pager import PagedList
from ortho_app.ui.routing import route_id
from ortho_app.ui.workspace import WorkspaceState

UPLOAD_ID = "clinic_chat_upload"
PREVIEW = 90


class IdArg(BaseModel):
    model_config = {"strict": True}
    id: int = Field(ge=1)


class FilingForm(BaseModel):
    stage: str = Field(max_length=80)
    kind: str = Field(max_length=80)
    shared: bool = False

    @field_validator("shared", mode="before")
    @classmethod
    def _checkbox(cls, value):
        return value in (True, "on", "true")


@dataclass
class ConversationRow:
    patient_id: int
    name: str
    last_at: str
    preview: str
    unread: int


@dataclass
class TemplateChoice:
    id: int
    body: str
    file_name: str


class ClinicConversationsState(PagedList, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    _page_size: ClassVar[int] = messaging.CONVERSATIONS_PAGE
    conversations: list[ConversationRow] = []
    unread_only: bool = False
    unread_total: int = 0

    def _load(self, principal: Principal, page: int = 0) -> None:
        with db_session() as session:
            result = messaging.conversations(session, principal, unread_only=self.unread_only,
                                             page=page)
            self.unread_total = messaging.unread_for_staff(session, principal)
            audit.record(session, actor=principal.actor, action="messages.list",
                         detail=f"page={page} rows={len(result.rows)}")
            session.commit()
        self.conversations = [ConversationRow(
            c.patient.id, list_name(c.patient),
            local_time(c.last.created_at),
            (c.last.body[:PREVIEW] + ("…" if len(c.last.body) > PREVIEW else ""))
            or "📎", c.unread) for c in result.rows]
        self.total, self.page = result.total, page

    @rx.event
    @guarded
    def load_conversations(self, principal: Principal):
        self._load(principal, 0)


    @rx.event
    @guarded
    def show_unread_only(self, principal: Principal, only: bool):
        self.unread_only = only is True
        self._load(principal, 0)



class ClinicThreadState(ChatMixin, WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    _for_patient: ClassVar[bool] = False
    _upload_id: ClassVar[str] = UPLOAD_ID
    patient_id: int = 0
    name: str = ""
    templates: list[TemplateChoice] = []
    template_file: str = ""
    chosen_template: str = ""
    filing_id: int = 0
    stages: list[str] = list(messaging.IMAGE_STAGES)
    kinds: list[str] = list(messaging.IMAGE_KINDS)
    _template_id: int = 0

    async def _thread_patient_id(self, principal: Principal) -> int:
        return route_id(self, "patient_id")

    def _patient_name(self, patient: Patient) -> str:
        return list_name(patient)

    def _post(self, session: Session, principal: Principal, patient: Patient, body: str,
              attachment: StoredFile | None) -> Message:
        if attachment is None and self._template_id:
            template = templates.template_of(session, patient.institution_id,
                                             self._template_id)
            attachment = templates.template_copy_for(session, template, patient,
                                                     actor=principal.actor)
        author = directory.staff_label(session, principal)[0]
        return messaging.post_from_practice(session, patient, actor=principal.actor,
                                            author_name=author, body=body,
                                            attachment=attachment)

    def _mark_read(self, session: Session, patient_id: int) -> None:
        messaging.mark_read_by_practice(session, patient_id)

    def _forget_template(self) -> None:
        self._template_id, self.template_file, self.chosen_template = 0, "", ""

    def _after_send(self) -> None:
        self._forget_template()
        outbox.request_delivery()

    @rx.event
    @guarded
    async def load_thread(self, principal: Principal):
        self.rows, self.has_older, self.draft, self.filing_id = [], False, "", 0
        self.notice, self.error = "", ""
        self._forget_template()
        pid = await self._thread_patient_id(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action="messages.open")
            self.templates = [TemplateChoice(t.id, t.body, _file_name(session, t.attachment_id))
                              for t in templates.templates(session, patient.institution_id)]
            session.commit()
        self.patient_id, self.name = patient.id, list_name(patient)
        await self._open(principal, "messages.read")
        return self._to_composer()

    @rx.event
    @guarded
    def use_template(self, principal: Principal, template_id: str):
        if template_id == "":
            self._forget_template()
            return
        chosen = next((t for t in self.templates if str(t.id) == str(template_id)), None)
        if chosen is None:
            raise Refused("This template is not available")
        self.draft, self._template_id = chosen.body, chosen.id
        self.template_file, self.chosen_template = chosen.file_name, str(chosen.id)

    @rx.event
    @guarded
    def drop_template_file(self, principal: Principal):
        self.template_file = ""
        self._template_id = 0

    @rx.event
    @guarded
    def open_filing(self, principal: Principal, message_id: int):
        self.filing_id = validate(IdArg, {"id": message_id}).id

    @rx.event
    @guarded
    def close_filing(self, principal: Principal):
        self.filing_id = 0

    @rx.event
    @guarded
    async def file_photo(self, principal: Principal, form: dict):
        data = validate(FilingForm, form if isinstance(form, dict) else {})
        pid = await self._thread_patient_id(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action="messages.file_photo")
            message = messaging.message_of(session, patient.id, self.filing_id)
            messaging.file_into_record(session, message, stage=data.stage, kind=data.kind,
                                       actor=principal.actor, shared_with_patient=data.shared)
            self._show(session, patient)
            session.commit()
        self.filing_id = 0
        return rx.toast.success("Photo filed into the record", duration=3000)


def _file_name(session: Session, file_id: int | None) -> str:
    stored = session.get(StoredFile, file_id) if file_id else None
    return stored.original_name if stored else ""
