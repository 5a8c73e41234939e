"""/patient/scan: the guided photo steps of a monitoring scan, on the phone's camera."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.uploads import IMAGE_TYPES, upload_zone
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.monitoring.parts import instructions_callout, tr
from ortho_app.workspaces.patient.monitoring.state import STEP_COUNT, STEP_KEYS
from ortho_app.workspaces.patient.monitoring.state import PatientMonitoringState as M
from ortho_app.workspaces.patient.workspace import PATIENT_APP

UPLOAD_ID = "scan-photo"


def _step_text(prefix: str) -> rx.Component:
    return rx.match(M.step, *[(n, tr(f"{prefix}_{key}")) for n, key in enumerate(STEP_KEYS)],
                    "")


def _progress() -> rx.Component:
    return rx.cond(M.uploading & (M.error == ""), rx.vstack(
        rx.text(tr("monitoring_sending_photo"), " — ", M.upload_percent, " %", size="2"),
        rx.progress(value=M.upload_percent, max=100, aria_label=tr("monitoring_sending_photo"),
                    width="100%"),
        spacing="1", width="100%", role="status"))


def _error() -> rx.Component:
    return rx.cond(M.error != "", rx.callout(
        rx.match(M.error, ("stopped", tr("monitoring_error_stopped")),
                 ("file", tr("monitoring_error_file")), tr("monitoring_error_incomplete")),
        color_scheme="red", role="alert", width="100%"))


def _retake() -> rx.Component:
    return rx.cond(M.step > 0, rx.button(tr("monitoring_retake"), variant="soft", width="100%",
                                         on_click=M.retake))


def _camera_step() -> rx.Component:
    upload = M.upload_photo(rx.upload_files(upload_id=UPLOAD_ID,
                                            on_upload_progress=M.upload_progress))
    return rx.vstack(
        rx.text(tr("monitoring_photo"), " ", M.step + 1, " / ", STEP_COUNT, size="2",
                color_scheme="gray", class_name="step-count"),
        rx.heading(_step_text("monitoring_step"), size="5"),
        rx.text(_step_text("monitoring_hint"), size="3"),
        rx.progress(value=M.step, max=STEP_COUNT, aria_label=tr("monitoring_photo"), width="100%"),
        upload_zone(
            rx.button(tr("monitoring_take_photo"), type="button", size="4", width="100%",
                      loading=M.uploading),
            upload_id=UPLOAD_ID, on_drop=upload, accept=IMAGE_TYPES, capture="environment",
            no_drag=True, width="100%"),
        _progress(),
        _retake(),
        spacing="3", width="100%",
    )


def _ready_to_send() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("monitoring_all_taken"), size="5"),
        rx.progress(value=STEP_COUNT, max=STEP_COUNT, aria_label=tr("monitoring_photo"),
                    width="100%"),
        rx.button(tr("monitoring_send"), size="4", width="100%", on_click=M.send_scan),
        _retake(),
        spacing="3", width="100%",
    )


def _sent() -> rx.Component:
    return rx.vstack(
        rx.callout.root(rx.callout.text(rx.text(tr("monitoring_sent"), weight="bold")),
                        rx.text(tr("monitoring_sent_text"), size="2"),
                        color_scheme="green", role="status", width="100%"),
        rx.button(rx.el.a(tr("monitoring_back_home"), href=routes.HOME), as_child=True, size="3",
                  variant="soft", width="100%"),
        spacing="3", width="100%",
    )


def _flow() -> rx.Component:
    return rx.cond(
        M.sent, _sent(),
        rx.cond(
            ~M.instructions_read,
            rx.vstack(instructions_callout(),
                      rx.button(tr("monitoring_read_instructions"), size="3", width="100%",
                                on_click=M.read_instructions),
                      spacing="3", width="100%"),
            rx.cond(M.step < STEP_COUNT, _camera_step(), _ready_to_send()),
        ),
    )


@workspace_page(PATIENT_APP, routes.SCAN, "Mon scan", on_load=[M.start_scan])
def patient_scan() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("monitoring_scan_title"), size="6"),
        _error(),
        rx.cond((M.state == "active") | (M.state == "paused"), _flow()),
        spacing="4", width="100%", max_width="480px", margin_x="auto",
    )
