"""Home section for a monitored patient: next scan due, "take my scan", pause, last verdict."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.monitoring.state import PatientMonitoringState

M = PatientMonitoringState
HOME_ON_LOAD: list = [M.load_status]  # on_load events of this section, run by the home page


def tr(key: str) -> rx.Var:
    return t(key)


def take_scan_button() -> rx.Component:
    return rx.button(rx.el.a(tr("monitoring_take_scan"), href=routes.SCAN), as_child=True, size="3",
                     width="100%")


def instructions_callout() -> rx.Component:
    return rx.callout.root(
        rx.callout.text(rx.text(tr("monitoring_immediate"), weight="bold")),
        rx.cond(M.instructions != "", rx.vstack(
            rx.text(tr("monitoring_instructions"), " :", size="2", weight="medium"),
            rx.text(M.instructions, white_space="pre-wrap", size="2", class_name="instructions"),
            spacing="1")),
        color_scheme="amber", role="status", width="100%",
    )


def _verdict() -> rx.Component:
    return rx.cond(
        M.verdict != "",
        rx.vstack(
            rx.text(tr("monitoring_latest_verdict"), " ", M.verdict_on, size="1",
                    color_scheme="gray"),
            rx.match(
                M.verdict,
                ("go", rx.text(tr("monitoring_go"), " ", M.verdict_next_aligner, size="4",
                               weight="bold", color_scheme="green", class_name="verdict")),
                ("no_go", rx.text(tr("monitoring_no_go"), size="4", weight="bold",
                                  color_scheme="orange", class_name="verdict")),
                rx.text(tr("monitoring_see_doctor"), size="4", weight="bold", color_scheme="red",
                        class_name="verdict"),
            ),
            spacing="1", width="100%"),
    )


def _monitored() -> rx.Component:
    return rx.vstack(
        rx.cond(M.aligner > 0,
                rx.text(tr("monitoring_current_aligner"), " : ", M.aligner, size="2")),
        rx.cond(
            M.state == "paused",
            rx.callout.root(
                rx.callout.text(rx.text(tr("monitoring_paused"), weight="bold")),
                rx.cond(M.pause_message != "",
                        rx.text(M.pause_message, white_space="pre-wrap", size="2",
                                class_name="pause-message")),
                rx.cond(M.paused_until != "",
                        rx.text(tr("monitoring_resumes_on"), " ", M.paused_until, size="2")),
                color_scheme="blue", role="status", width="100%"),
            rx.cond(M.next_due != "",
                    rx.text(tr("monitoring_next_scan"), " ", M.next_due, size="3", weight="medium",
                            class_name="next-scan")),
        ),
        rx.cond(M.immediate, instructions_callout()),
        rx.cond((M.state == "active") | M.immediate, take_scan_button()),
        rx.cond(M.awaiting_review,
                rx.text(tr("monitoring_awaiting"), size="2", color_scheme="gray")),
        _verdict(),
        spacing="3", width="100%",
    )


def monitoring_section() -> rx.Component:
    return rx.cond(
        (M.state != "") & (M.state != "none"),
        rx.card(
            rx.vstack(
                rx.heading(tr("monitoring_title"), size="4"),
                rx.cond(M.state == "stopped",
                        rx.text(tr("monitoring_stopped"), size="2", color_scheme="gray"),
                        _monitored()),
                spacing="3", width="100%"),
            width="100%", aria_label=tr("monitoring_title"),
        ),
    )
