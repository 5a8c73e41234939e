"""The lab workspace (lab coordinators). Importing this package registers its pages."""

from ortho_app.workspaces.lab.board import page as _board  # noqa: F401
from ortho_app.workspaces.lab.case import page as _case  # noqa: F401
from ortho_app.workspaces.lab.planning import page as _planning  # noqa: F401
