"""The clinic workspace (clinicians and assistants): its shell state and navigation."""

from __future__ import annotations

from typing import ClassVar

from ortho_app.core.authz import CLINIC as CLINIC_ACCESS
from ortho_app.core.authz import Access
from ortho_app.ui.app_state import AppState
from ortho_app.ui.workspace import Workspace, WorkspaceState
from ortho_app.workspaces.clinic import routes


class ClinicShellState(WorkspaceState, AppState):
    """The header of every clinic page (who is signed in, where)."""

    _access: ClassVar[Access] = CLINIC_ACCESS


CLINIC = Workspace(key="clinic", state=ClinicShellState,
                   nav=(("patients", routes.PATIENTS), ("scan_review", routes.REVIEW),
                        ("todo_list", routes.TODO), ("cases", routes.CASES),
                        ("messaging", routes.MESSAGES),
                        ("proposed_changes", routes.CHANGES)))
