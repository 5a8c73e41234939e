"""Lab pages."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import Workspace, workspace_page
from ortho_app.workspaces.lab.state import LabState

LAB = Workspace(key="lab", state=LabState, nav=(("board", "/lab"),))


@workspace_page(LAB, "/lab", "Lab", on_load=[LabState.load_practices])
def lab_home() -> rx.Component:
    return rx.vstack(
        rx.heading(t("served_practices"), size="6"),
        rx.foreach(LabState.practices, lambda name: rx.card(rx.text(name, weight="medium"))),
        spacing="3", width="100%",
    )
