"""Sign-in pages: staff at /login, patients at /patient/login (spec: "Écran d'accueil")."""

from __future__ import annotations

import reflex as rx

from ortho_app.core import urls
from ortho_app.demo.accounts import DEMO_PASSWORD, PATIENT_LOGINS, STAFF_ACCOUNTS
from ortho_app.ui.forms import field
from ortho_app.ui.i18n import language_switch, t
from ortho_app.ui.native_form import native_form
from ortho_app.workspaces.login import routes
from ortho_app.workspaces.login.sign_in.state import LoginState

ERROR_KEYS = {"link": "link_invalid", "invalid": "invalid_login", "throttled": "throttled",
              "check": "check_entries", "expired": "code_expired", "wrong": "code_wrong",
              "locked": "code_locked"}


def error_callout() -> rx.Component:
    return rx.fragment(*[
        rx.cond(LoginState.error == code,
                rx.callout(t(key), color_scheme="red", role="alert",
                           width="100%"))
        for code, key in ERROR_KEYS.items()
    ])


def login_frame(*children) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(rx.heading("ortho_app", size="6"), rx.spacer(),
                      language_switch(), width="100%", align="center"),
            *children, spacing="4", width="100%", max_width="420px", padding="20px",
        ),
        min_height="100vh", align_items="start", padding_top="6vh",
    )


def _demo_staff() -> rx.Component:
    return rx.cond(LoginState.demo_mode, rx.card(
        rx.vstack(
            rx.text(t("demo_accounts"), weight="bold"),
            *[rx.text(rx.code(email), " — ", description, size="2")
              for email, _role, description in STAFF_ACCOUNTS],
            rx.text(t("demo_password"), " ", rx.code(DEMO_PASSWORD), size="2"),
            spacing="1",
        ), width="100%"))


@rx.page(route=routes.STAFF_LOGIN, title="Sign in · ortho_app", on_load=LoginState.load_login)
def staff_login() -> rx.Component:
    return login_frame(
        rx.heading(t("staff_sign_in"), size="5"),
        error_callout(),
        native_form(
            rx.vstack(
                field(t("email"), "email", type_="email", auto_complete="username"),
                field(t("password"), "password", type_="password",
                      auto_complete="current-password"),
                rx.button(t("sign_in"), type="submit", size="3", width="100%"),
                spacing="3", width="100%",
            ),
            action=urls.AUTH_LOGIN, method="post", width="100%",
        ),
        rx.link(t("patient_area"), href=routes.PATIENT_LOGIN, size="2"),
        _demo_staff(),
    )


def _demo_patients() -> rx.Component:
    return rx.cond(LoginState.demo_mode, rx.card(
        rx.vstack(
            rx.text(t("patient_logins"), weight="bold"),
            *[rx.text(rx.code(p["phone"]), " — ", p["last_name"], " ", p["first_name"], ", ",
                      p["birth"], size="2") for p in PATIENT_LOGINS],
            spacing="1",
        ), width="100%"))


@rx.page(route=routes.PATIENT_LOGIN, title="Connexion · Mon orthodontiste",
         on_load=LoginState.load_login)
def patient_login() -> rx.Component:
    return login_frame(
        error_callout(),
        rx.cond(LoginState.activated, rx.callout(t("activated"),
                                                 color_scheme="green", width="100%")),
        native_form(
            rx.vstack(
                rx.text(t("sms_number"), weight="bold"),
                rx.text(t("sms_number_hint"), size="1", color_scheme="gray"),
                field(t("phone"), "phone", type_="tel", auto_complete="tel",
                      placeholder="06 12 34 56 78"),
                rx.text(t("patient_info"), weight="bold", margin_top="2"),
                field(t("last_name"), "last_name", auto_complete="family-name"),
                field(t("first_name"), "first_name", auto_complete="given-name"),
                field(t("birth"), "birth", type_="date"),
                rx.text(t("all_required"), size="1", color_scheme="gray"),
                rx.button(t("connect"), type="submit", size="3", width="100%"),
                spacing="2", width="100%",
            ),
            action=urls.AUTH_PATIENT_START, method="post", width="100%",
        ),
        _demo_patients(),
        rx.link(t("staff_area"), href=routes.STAFF_LOGIN, size="2"),
    )


@rx.page(route=routes.PATIENT_CODE, title="Code SMS · Mon orthodontiste",
         on_load=LoginState.load_code_screen)
def patient_code() -> rx.Component:
    return login_frame(
        error_callout(),
        rx.cond(LoginState.resent,
                rx.callout(t("code_resent"), color_scheme="green", width="100%")),
        rx.text(t("code_sent_to"), " ", LoginState.masked_phone, size="2"),
        rx.cond(LoginState.demo_code != "",
                rx.callout(rx.text(t("demo_code"), " ",
                                   rx.code(LoginState.demo_code, id="demo-code")),
                           color_scheme="amber", width="100%")),
        native_form(
            rx.vstack(
                field(t("code_prompt"), "code", type_="text",
                      input_mode="numeric", auto_complete="one-time-code", max_length=6,
                      pattern="[0-9]{6}"),
                rx.button(t("validate"), type="submit", size="3", width="100%"),
                spacing="3", width="100%",
            ),
            action=urls.AUTH_PATIENT_VERIFY, method="post", width="100%",
        ),
        native_form(
            rx.hstack(
                rx.text(t("no_code"), size="2"),
                rx.button(t("resend"), type="submit", variant="soft", size="2"),
                align="center", spacing="3",
            ),
            action=urls.AUTH_PATIENT_RESEND, method="post",
        ),
    )
