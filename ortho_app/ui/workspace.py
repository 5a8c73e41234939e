"""Workspace shell: the state every workspace extends, the layout and the page decorator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import reflex as rx

from ortho_app.core import urls
from ortho_app.core.authz import Access
from ortho_app.core.db import db_session
from ortho_app.core.i18n import LANGUAGES
from ortho_app.core.security.sessions import Principal
from ortho_app.models import SessionKind
from ortho_app.services.patients import directory
from ortho_app.services.patients.phones import display
from ortho_app.ui.app_state import guarded
from ortho_app.ui.i18n import LangState, language_switch, set_html_lang, t
from ortho_app.ui.native_form import native_form


class WorkspaceState(rx.State, mixin=True):
    """Header of a workspace, mixed into each workspace's state (which names its roles):
    `class ClinicState(WorkspaceState, AppState)`."""

    _access: ClassVar[Access] = Access()
    user_label: str = ""
    institution_name: str = ""

    @rx.event
    @guarded
    async def load_shell(self, principal: Principal):
        with db_session() as session:
            if principal.kind == SessionKind.PATIENT:
                self.user_label, self.institution_name = display(principal.phone or ""), ""
            else:
                self.user_label, self.institution_name = directory.staff_label(session,
                                                                                principal)
            default = directory.language_of(session, principal)
        language = await self.get_state(LangState)
        language.default_lang = default
        return set_html_lang(language.lang if language.lang in LANGUAGES else default)


@dataclass(frozen=True)
class Workspace:
    key: str  # translation key of its name
    state: type[WorkspaceState]
    nav: tuple[tuple[str, str], ...]  # (translation key, route)
    patient: bool = False
    # Patient app: the module each nav entry needs ("" = always shown), aligned with `nav`.
    nav_modules: tuple[str, ...] = ()


def _nav_link(label_key: str, route: str) -> rx.Component:
    return rx.link(t(label_key), href=route, size="2", weight="medium")


def sign_out_button() -> rx.Component:
    return native_form(
        rx.button(t("sign_out"), type="submit", variant="soft", size="1"),
        action=urls.AUTH_LOGOUT, method="post",
    )


def _patient_nav(workspace: Workspace) -> rx.Component:
    modules = getattr(workspace.state, "enabled_modules", None)
    links = []
    for index, (key, route) in enumerate(workspace.nav):
        module = workspace.nav_modules[index] if index < len(workspace.nav_modules) else ""
        link = rx.link(t(key), href=route, size="2", weight="medium",
                       white_space="nowrap")
        links.append(rx.cond(modules.contains(module), link) if module and modules is not None
                     else link)
    return rx.hstack(*links, spacing="3", role="navigation", overflow_x="auto",
                     padding="8px 14px", border_bottom="1px solid var(--gray-a4)")


def patient_shell(workspace: Workspace, content: rx.Component) -> rx.Component:
    """Phone first (390 px wide): a compact bar, the app's sections, one column of content."""
    state = workspace.state
    who = getattr(state, "current_name", None)
    return rx.box(
        rx.flex(
            rx.link(rx.heading(t(workspace.key), size="4"), href=urls.PATIENT_HOME,
                    underline="none", color="inherit"),
            rx.hstack(language_switch(), sign_out_button(),
                      align="center", spacing="2"),
            justify="between", align="center", padding="10px 14px",
            background="var(--color-panel-solid)", border_bottom="1px solid var(--gray-a5)",
            position="sticky", top="0", z_index="10",
        ),
        _patient_nav(workspace) if workspace.nav else rx.fragment(),
        rx.text(who, size="2", color_scheme="gray", padding="10px 14px 0", max_width="520px",
                margin_x="auto", class_name="current-patient") if who is not None
        else rx.fragment(),
        rx.box(content, padding="14px", max_width="520px", margin_x="auto", width="100%"),
        width="100%", min_height="100vh",
    )


def shell(workspace: Workspace, content: rx.Component) -> rx.Component:
    if workspace.patient:
        return patient_shell(workspace, content)
    state = workspace.state
    return rx.box(
        rx.flex(
            rx.hstack(
                rx.heading("ortho_app", size="4"),
                rx.badge(t(workspace.key), variant="soft"),
                align="center", spacing="2",
            ),
            rx.hstack(*[_nav_link(k, r) for k, r in workspace.nav],
                      spacing="4", wrap="wrap", role="navigation"),
            rx.hstack(
                rx.text(state.user_label, size="2", color_scheme="gray"),
                rx.cond(state.institution_name != "",
                        rx.text("· ", state.institution_name, size="2", color_scheme="gray")),
                language_switch(),
                sign_out_button(),
                align="center", spacing="3", wrap="wrap",
            ),
            justify="between", align="center", wrap="wrap", gap="3",
            padding="12px 20px", border_bottom="1px solid var(--gray-a5)",
            background="var(--color-panel-solid)",
        ),
        rx.box(content, padding="20px 16px", max_width="1200px", margin_x="auto"),
        width="100%",
    )


def workspace_page(workspace: Workspace, route: str, title: str,
                   on_load: list | None = None) -> Callable:
    """Register a page of a workspace: route, title, the guard's on_load and the shell."""

    def decorator(page_fn: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def page() -> rx.Component:
            return shell(workspace, page_fn())

        page.__name__ = page_fn.__name__
        rx.page(route=route, title=f"{title} · ortho_app",
                on_load=[workspace.state.load_shell, *(on_load or [])])(page)
        return page_fn

    return decorator
