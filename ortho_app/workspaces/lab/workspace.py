"""The lab workspace: the shell state of every lab page (with the practices the lab serves)
and its navigation (Board, Planning)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from ortho_app.core.authz import LAB, Access
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.patients import directory
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.workspace import Workspace, WorkspaceState
from ortho_app.workspaces.lab import routes


@dataclass
class PracticeOption:
    value: str  # the practice id, as a select option's value
    name: str


class LabState(WorkspaceState, AppState):
    _access: ClassVar[Access] = LAB
    practices: list[PracticeOption] = []

    @rx.event
    @guarded
    def load_practices(self, principal: Principal):
        with db_session() as session:
            self.practices = [PracticeOption(str(p.id), p.name) for p in
                              directory.served_practices(session, principal.institution_id)]


LAB = Workspace(key="lab", state=LabState,
                nav=(("board", routes.BOARD), ("lab_planning", routes.PLANNING)))
