"""Lab pages: the case board (/lab), a case (/lab/cases/[case_id]) and planning blocks
(/lab/planning). Importing this module registers them."""

from ortho_app.workspaces.lab import board_page as _board_page  # noqa: F401
from ortho_app.workspaces.lab import case_page as _case_page  # noqa: F401
from ortho_app.workspaces.lab import slots_page as _slots_page  # noqa: F401
