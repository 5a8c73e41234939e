"""State of the To-Do list: patients added to it, done / undo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel
from sqlmodel import col, select

from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, ToDoItem
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.patients.directory import visible_patients_query
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import WorkspaceState


@dataclass
class TodoRow:
    id: int
    patient_id: int
    patient: str
    note: str
    added: str
    done: str


class TodoToggle(BaseModel):
    model_config = {"strict": True}
    item_id: int
    done: bool


class TodoState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    items: list[TodoRow] = []

    def _load(self, principal: Principal) -> None:
        visible = visible_patients_query(principal).subquery()
        with db_session() as session:
            rows = session.exec(select(ToDoItem, Patient).join(
                Patient, Patient.id == ToDoItem.patient_id).join(
                visible, visible.c.id == Patient.id).order_by(
                col(ToDoItem.done_at).is_not(None), col(ToDoItem.id).desc()).limit(200)).all()
        self.items = [TodoRow(
            item.id, p.id, list_name(p), item.note,
            f"{item.created_at:%d/%m/%Y %H:%M} · {item.created_by}",
            f"{item.done_at:%d/%m/%Y %H:%M} · {item.done_by}" if item.done_at else "")
            for item, p in rows]

    @rx.event
    @guarded
    def load_todos(self, principal: Principal):
        self._load(principal)

    @rx.event
    @guarded
    def toggle(self, principal: Principal, item_id: int, done: bool):
        args = validate(TodoToggle, {"item_id": item_id, "done": done})
        with db_session() as session:
            item = session.get(ToDoItem, args.item_id)
            if item is None:
                raise Refused("This record is not available")
            authorize_patient(session, principal, item.patient_id, action="todo.toggle")
            monitoring.set_todo_done(session, item, actor=principal.actor, done=args.done)
            session.commit()
        self._load(principal)
