"""State of the practice's message templates (add, edit, attach a file, delete)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import urls
from ortho_app.core.authz import CLINIC, Access, Refused, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import StoredFile
from ortho_app.models.messaging import MAX_BODY
from ortho_app.services.messaging import templates
from ortho_app.services.messaging import threads as messaging
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.chat_state import store_upload
from ortho_app.ui.workspace import WorkspaceState

UPLOAD_ID = "template_upload"


class TemplateEdit(BaseModel):
    model_config = {"strict": True}
    id: int = Field(ge=1)
    body: str = Field(default="", max_length=MAX_BODY)


@dataclass
class TemplateRow:
    id: int
    body: str
    file_name: str
    file_url: str


class MessageTemplatesState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    items: list[TemplateRow] = []
    attach_id: int = 0

    def _practice(self, principal: Principal) -> int:
        if principal.institution_id is None:
            raise Refused("This record is not available")
        return principal.institution_id

    def _reload(self, session, institution_id: int) -> None:
        rows = []
        for tpl in templates.templates(session, institution_id):
            stored = session.get(StoredFile, tpl.attachment_id) \
                if tpl.attachment_id else None
            rows.append(TemplateRow(tpl.id, tpl.body, stored.original_name if stored else "",
                                    urls.file_url(stored.id) if stored else ""))
        self.items = rows

    def _change(self, principal: Principal, change) -> None:
        practice = self._practice(principal)
        with db_session() as session:
            change(session, practice)
            self._reload(session, practice)
            session.commit()

    def _edit(self, template_id, change, body: str = "") -> Callable:
        data = validate(TemplateEdit, {"id": template_id, "body": body})

        def run(session, practice):
            change(session, templates.template_of(session, practice, data.id), data.body)
        return run

    @rx.event
    @guarded
    def load_templates(self, principal: Principal):
        self.attach_id = 0
        self._change(principal, lambda session, practice: None)

    @rx.event
    @guarded
    def add_template(self, principal: Principal):
        self._change(principal, lambda session, practice: templates.create_template(
            session, practice, actor=principal.actor))

    @rx.event
    @guarded
    def save_template(self, principal: Principal, template_id: int, body: str):
        self._change(principal, self._edit(template_id, lambda s, tpl, text: (
            templates.update_template(s, tpl, body=text)), body))

    @rx.event
    @guarded
    def delete_template(self, principal: Principal, template_id: int):
        self._change(principal, self._edit(template_id, lambda s, tpl, _: (
            templates.delete_template(s, tpl))))

    @rx.event
    @guarded
    def remove_file(self, principal: Principal, template_id: int):
        self._change(principal, self._edit(template_id, lambda s, tpl, _: (
            templates.set_template_file(s, tpl, None))))

    @rx.event
    @guarded
    def open_attach(self, principal: Principal, template_id: int):
        self.attach_id = validate(TemplateEdit, {"id": template_id}).id

    @rx.event
    @guarded
    def close_attach(self, principal: Principal):
        self.attach_id = 0

    @rx.event
    @guarded
    async def attach_file(self, principal: Principal, files: list[rx.UploadFile]):
        practice = self._practice(principal)
        with db_session() as session:
            template = templates.template_of(session, practice, self.attach_id)
            stored = await store_upload(session, files, institution_id=practice,
                                        uploaded_by=principal.actor,
                                        max_bytes=messaging.MAX_ATTACHMENT_BYTES,
                                        allowed_kinds=messaging.ATTACHMENT_KINDS)
            if stored is None:
                raise Refused("Choose a file")
            templates.set_template_file(session, template, stored)
            self._reload(session, practice)
            session.commit()
        self.attach_id = 0
        return rx.clear_selected_files(UPLOAD_ID)
