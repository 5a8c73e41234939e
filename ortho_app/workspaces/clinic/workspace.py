"""The clinic workspace (clinicians and assistants): its shell state and navigation."""

from __future__ import annotations

from ortho_app.ui.workspace import Workspace
from ortho_app.workspaces.clinic.patients.state import ClinicState

CLINIC = Workspace(key="clinic", state=ClinicState,
                   nav=(("patients", "/clinic"), ("scan_review", "/clinic/review"),
                        ("todo_list", "/clinic/todo"), ("cases", "/clinic/cases"),
                        ("messaging", "/clinic/messages"),
                        ("proposed_changes", "/clinic/changes")))
