"""/patient/menu (the complementary menu of the spec) and /patient/practice ("Mon cabinet")."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.menu.state import MENU, PracticeState
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState


def _entry(key: str, route: str, icon: str) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=20), rx.text(t(key), size="3"),
                  rx.spacer(), rx.icon("chevron-right", size=18, color="var(--gray-9)"),
                  align="center", width="100%", padding="14px 4px",
                  border_bottom="1px solid var(--gray-a4)"),
        href=route, underline="none", color="inherit", width="100%",
    )


@workspace_page(PATIENT_APP, routes.MENU, "Menu")
def patient_menu() -> rx.Component:
    entries = []
    for key, route, icon, module in MENU:
        entry = _entry(key, route, icon)
        entries.append(rx.cond(PatientAppState.enabled_modules.contains(module), entry)
                       if module else entry)
    return rx.vstack(rx.heading(t("menu"), size="6"),
                     rx.vstack(*entries, spacing="0", width="100%", role="list"),
                     spacing="3", width="100%")


def _contact(icon: str, label_key: str, value, href, external: bool = False) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="2", color_scheme="gray"),
        rx.link(rx.hstack(rx.icon(icon, size=18), rx.text(value), align="center"), href=href,
                size="4", is_external=external),
        spacing="1", width="100%",
    )


@workspace_page(PATIENT_APP, routes.PRACTICE, "Mon cabinet",
                on_load=[PracticeState.load_practice])
def patient_practice() -> rx.Component:
    S = PracticeState
    return rx.vstack(
        rx.heading(t("my_practice"), size="6"),
        rx.card(rx.vstack(
            rx.heading(S.name, size="5"),
            rx.cond(S.address != "", _contact("map-pin", "address", S.address, S.address_url,
                                                  external=True)),
            rx.cond(S.email != "", _contact("mail", "email", S.email, "mailto:" + S.email)),
            rx.cond(S.phone != "", _contact("phone", "phone", S.phone_display, "tel:" + S.phone)),
            spacing="4", width="100%"), width="100%", size="3"),
        spacing="3", width="100%",
    )
