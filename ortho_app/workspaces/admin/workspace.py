"""The practice admin console workspace: its shell state and navigation."""

from __future__ import annotations

from typing import ClassVar

from ortho_app.core.authz import ADMIN as ADMIN_ACCESS
from ortho_app.core.authz import Access
from ortho_app.core.settings import get_settings
from ortho_app.ui.app_state import AppState
from ortho_app.ui.workspace import Workspace, WorkspaceState
from ortho_app.workspaces.admin import routes


class AdminShellState(WorkspaceState, AppState):
    """The header of every console page (who is signed in, where)."""

    _access: ClassVar[Access] = ADMIN_ACCESS


# The dev mailbox exists in demo mode only (outside it, messages without a provider fail).
DEV_MAILBOX = (("dev_mailbox", routes.MAILBOX),) if get_settings().demo_mode else ()
ADMIN = Workspace(key="admin", state=AdminShellState,
                  nav=(("staff", routes.CONSOLE), ("payments_console", routes.PAYMENTS),
                       *DEV_MAILBOX))
