"""Patient app "Messagerie": the current patient's thread with the practice."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import reflex as rx
from sqlmodel import Session

from ortho_app.core.authz import PATIENT, Access, authorize_patient
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, StoredFile
from ortho_app.models.messaging import Message
from ortho_app.services.messaging import threads as messaging
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.chat_state import ChatMixin
from ortho_app.ui.workspace import WorkspaceState
from ortho_app.workspaces.patient.workspace import current_patient_id

UPLOAD_ID = "patient_chat_upload"


class PatientMessagesState(ChatMixin, WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    _upload_id: ClassVar[str] = UPLOAD_ID
    enabled: bool = True
    new_count: int = 0

    async def _thread_patient_id(self, principal: Principal) -> int:
        return await current_patient_id(self, principal)

    def _post(self, session: Session, principal: Principal, patient: Patient, body: str,
              attachment: StoredFile | None) -> Message:
        return messaging.post_from_patient(session, patient, actor=principal.actor, body=body,
                                           attachment=attachment)

    def _mark_read(self, session: Session, patient_id: int) -> None:
        messaging.mark_read_by_patient(session, patient_id)

    @rx.event
    @guarded
    async def load_messages(self, principal: Principal):
        self.rows, self.has_older, self.new_count, self.draft = [], False, 0, ""
        self.notice, self.error = "", ""
        pid = await current_patient_id(self, principal)
        with db_session() as session:
            patient = authorize_patient(session, principal, pid, action="messages.open")
            options = patient_modules.options_for(session, patient.institution_id)
            self.enabled = patient_modules.module_enabled(
                options, patient_modules.Module.MESSAGING, patient, today=date.today())
            if self.enabled:
                self.new_count = messaging.unread_for_patient(session, patient.id)
            session.commit()
        if self.enabled:
            await self._open(principal, "messages.read")
            return self._to_composer()
        return None
