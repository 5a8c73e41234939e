"""The thread handlers shared by the patient's and the practice's chat states.

A concrete state says whose thread it shows (`_thread_patient_id`), how one side posts
(`_post`) and marks read (`_mark_read`); every handler re-authorizes the patient with the
guard inside its own unit of work. Attachments come through `rx.upload` and are copied at once
into private storage by `save_stream` (never kept in the upload dir).
"""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field
from sqlmodel import Session

from ortho_app.core import storage
from ortho_app.core.authz import Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, StoredFile
from ortho_app.models.messaging import MAX_BODY, Message
from ortho_app.services.messaging import threads as messaging
from ortho_app.services.patient_app.modules import Module, require_module
from ortho_app.services.patients.names import full_name
from ortho_app.ui.app_state import guarded
from ortho_app.ui.chat import ChatRow, chat_rows
from ortho_app.ui.uploads import upload_chunks


class Draft(BaseModel):
    model_config = {"strict": True}
    text: str = Field(default="", max_length=MAX_BODY)



WRONG_TYPE = {True: "Photos (JPEG, PNG) ou PDF uniquement",
              False: "Photos (JPEG, PNG) or PDF files only"}


async def store_upload(session: Session, files: list, *, patient: bool = False,
                       **rules) -> StoredFile | None:
    """The one uploaded file (if any) checked and copied into private storage."""
    if not isinstance(files, list) or len(files) > 1:
        raise Refused("Attach one file at a time")
    if not files:
        return None
    upload = files[0]
    try:
        return await storage.save_stream(upload_chunks(upload), session=session,
                                         original_name=upload.filename or "file", **rules)
    except storage.UnsupportedFileType:
        raise Refused(WRONG_TYPE[patient]) from None
    except storage.FileRefused as exc:
        raise Refused(str(exc)) from None
    finally:
        await upload.close()


class ChatMixin(rx.State, mixin=True):
    rows: list[ChatRow] = []
    has_older: bool = False
    draft: str = ""
    notice: str = ""
    error: str = ""
    _oldest_id: int = 0
    _for_patient: ClassVar[bool] = True
    _upload_id: ClassVar[str] = "chat_upload"

    async def _thread_patient_id(self, principal: Principal) -> int:
        raise NotImplementedError

    def _post(self, session: Session, principal: Principal, patient: Patient, body: str,
              attachment: StoredFile | None) -> Message:
        raise NotImplementedError

    def _mark_read(self, session: Session, patient_id: int) -> None:
        raise NotImplementedError

    def _patient_name(self, patient: Patient) -> str:
        return full_name(patient)

    def _show(self, session: Session, patient: Patient, *, older: bool = False) -> None:
        page = messaging.thread(session, patient.id,
                                before_id=self._oldest_id if older else None)
        rows = chat_rows(session, page.messages, for_patient=self._for_patient,
                         patient_name=self._patient_name(patient))
        self.rows = rows + self.rows if older else rows
        self.has_older = page.has_older
        if rows:
            self._oldest_id = rows[0].id

    async def _open(self, principal: Principal, action: str) -> None:
        pid = await self._thread_patient_id(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action=action)
            self._check_module(session, patient)
            self._show(session, patient)
            self._mark_read(session, patient.id)
            session.commit()

    def _to_composer(self):
        """Scroll the newest messages and the composer into view (as chat apps open)."""
        return rx.scroll_to(f"{self._upload_id}-draft", False)

    def _check_module(self, session: Session, patient: Patient) -> None:
        require_module(session, patient, Module.MESSAGING)

    @rx.event
    @guarded
    async def load_older(self, principal: Principal):
        pid = await self._thread_patient_id(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action="messages.read")
            self._check_module(session, patient)
            self._show(session, patient, older=True)
            session.commit()

    @rx.event
    @guarded
    async def refresh(self, principal: Principal):
        """The newest messages again (the draft being written is kept)."""
        self.rows = []
        await self._open(principal, "messages.read")
        return self._to_composer()

    @rx.event
    @guarded
    def edit_draft(self, principal: Principal, text: str):
        self.draft, self.notice = validate(Draft, {"text": text}).text, ""

    @rx.event
    @guarded
    async def send(self, principal: Principal, files: list[rx.UploadFile]):
        """Post the draft and the attached file; the outcome shows under the composer (a
        toast would cover the Send button on a phone)."""
        self.notice, self.error = "", ""
        try:
            await self._send(principal, files)
        except Refused as exc:
            self.error = str(exc)  # nothing was written; the draft and the file stay
            return None
        self.draft, self.notice = "", self._sent_label()
        self._after_send()
        return [rx.clear_selected_files(self._upload_id), self._to_composer()]

    async def _send(self, principal: Principal, files: list) -> None:
        body = validate(Draft, {"text": self.draft}).text
        if not body.strip() and not files:
            raise Refused(self._empty_label())
        pid = await self._thread_patient_id(principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action="messages.send")
            self._check_module(session, patient)
            stored = await store_upload(session, files, patient=self._for_patient,
                                        **messaging.attachment_rules(patient,
                                                                     actor=principal.actor))
            self._post(session, principal, patient, body, stored)
            self._show(session, patient)
            session.commit()

    def _after_send(self) -> None:
        """Hook: what a side forgets after sending (e.g. the chosen template)."""

    def _empty_label(self) -> str:
        return ("Écrivez un message ou joignez un fichier" if self._for_patient
                else "Write a message or attach a file")

    def _sent_label(self) -> str:
        return "Message envoyé" if self._for_patient else "Message sent"
