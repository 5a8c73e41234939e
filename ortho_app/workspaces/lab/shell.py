"""The lab workspace: its shell state and navigation (Board, Planning)."""

from __future__ import annotations

from ortho_app.ui.workspace import Workspace
from ortho_app.workspaces.lab.state import LabState

LAB = Workspace(key="lab", state=LabState,
                nav=(("board", "/lab"), ("lb_planning", "/lab/planning")))
