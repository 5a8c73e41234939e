"""Lab page routes (the routes are contracts: keep each path as it is). Links with arguments
are built with `ortho_app.ui.routing.link_to(routes.CASE, case_id=…)`."""

from __future__ import annotations

from ortho_app.core import urls

BOARD = urls.LAB_HOME  # the case board, the lab's home
CASE = "/lab/cases/[case_id]"
PLANNING = "/lab/planning"
