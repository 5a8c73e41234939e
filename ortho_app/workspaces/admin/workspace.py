"""The practice admin console workspace: its shell state and navigation."""

from __future__ import annotations

from ortho_app.ui.workspace import Workspace
from ortho_app.workspaces.admin.console.state import AdminState

ADMIN = Workspace(key="admin", state=AdminState,
                  nav=(("staff", "/admin"), ("payments_console", "/admin/payments"),
                       ("dev_mailbox", "/admin/mailbox")))
