"""The clinic workspace (clinicians and assistants): its shell state and navigation."""

from __future__ import annotations

from typing import ClassVar

from ortho_app.core.authz import CLINIC as CLINIC_ACCESS
from ortho_app.core.authz import Access
from ortho_app.ui.app_state import AppState
from ortho_app.ui.workspace import Workspace, WorkspaceState


class ClinicShellState(WorkspaceState, AppState):
    """The header of every clinic page (who is signed in, where)."""

    _access: ClassVar[Access] = CLINIC_ACCESS


CLINIC = Workspace(key="clinic", state=ClinicShellState,
                   nav=(("patients", "/clinic"), ("scan_review", "/clinic/review"),
                        ("todo_list", "/clinic/todo"), ("cases", "/clinic/cases"),
                        ("messaging", "/clinic/messages"),
                        ("proposed_changes", "/clinic/changes")))
