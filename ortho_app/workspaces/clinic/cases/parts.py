"""Pieces of the case pages: the prescription fields (tooth chart, RX description,
attachments with progress), the case summary and its files."""

from __future__ import annotations

import reflex as rx

from ortho_app.core import urls
from ortho_app.ui.case_status import status_badge
from ortho_app.ui.i18n import t
from ortho_app.ui.tooth_chart import tooth_chart
from ortho_app.workspaces.clinic.cases.case_state import CaseSummary, FileRow
from ortho_app.workspaces.clinic.cases.form_state import (
    UPLOAD_ID,
    PendingFile,
    PrescriptionFormMixin,
)

ACCEPT = {"model/stl": [".stl"], "application/dicom": [".dcm"],
          "application/zip": [".zip"], "image/png": [".png"], "image/jpeg": [".jpg", ".jpeg"],
          "application/pdf": [".pdf"]}


def field(label_key: str, control: rx.Component, html_for: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=html_for, font_weight="500", font_size="0.95em")
        if html_for else rx.text(t(label_key), weight="medium", size="2"),
        control, spacing="1", width="100%")


def teeth_field(state: type[PrescriptionFormMixin]) -> rx.Component:
    return rx.vstack(
        rx.text(t("teeth_numbers"), weight="medium", size="2"),
        tooth_chart(selected=state.teeth, numbering=state.numbering,
                    on_toggle=state.toggle_tooth, on_numbering=state.choose_numbering),
        rx.text(t("selected_teeth"), " (FDI): ", state.teeth.join(", "), size="2",
                color_scheme="gray", class_name="selected-teeth"),
        spacing="1", width="100%")


def rx_field(state: type[PrescriptionFormMixin]) -> rx.Component:
    return field("rx_description", rx.text_area(
        id="rx_description", value=state.rx_description, on_change=state.edit_rx,
        debounce_timeout=400, rows="5", width="100%", max_length=4000), "rx_description")


def _pending_row(item: PendingFile, state) -> rx.Component:
    return rx.hstack(
        rx.badge(item.kind, variant="soft"), rx.text(item.name, size="2"),
        rx.icon_button(rx.icon("x", size=14), size="1", variant="ghost", type="button",
                       aria_label="Remove " + item.name,
                       on_click=state.remove_pending(item.file_id)),
        align="center", spacing="2")


def attachments_field(state: type[PrescriptionFormMixin]) -> rx.Component:
    return rx.vstack(
        rx.text(t("attachments"), weight="medium", size="2"),
        rx.upload.root(
            rx.vstack(
                rx.button(t("choose_files"), type="button", variant="soft", size="2"),
                rx.text(t("attachments_hint"), size="1", color_scheme="gray"),
                align="center", spacing="1"),
            id=UPLOAD_ID, multiple=True, accept=ACCEPT, max_files=20,
            border="1px dashed var(--gray-8)", padding="14px", border_radius="8px",
            width="100%"),
        rx.foreach(rx.selected_files(UPLOAD_ID),
                   lambda name: rx.text(name, size="2", class_name="selected-file")),
        rx.cond(state.pending.length() > 0, rx.vstack(
            rx.text(t("files_to_send"), size="2", color_scheme="gray"),
            rx.foreach(state.pending, lambda p: _pending_row(p, state)), spacing="1")),
        rx.cond(state.uploading | (state.upload_percent > 0), rx.vstack(
            rx.text(t("uploading"), " ", state.upload_percent, "%", size="2"),
            rx.progress(value=state.upload_percent, max=100, aria_label=t("uploading"),
                        width="100%"),
            width="100%", max_width="480px", role="status")),
        spacing="2", width="100%")


def submit_button(state: type[PrescriptionFormMixin], submit_event) -> rx.Component:
    """Submit: uploads the chosen files first (with progress), then submits the form."""
    upload = state.receive_files(rx.upload_files(upload_id=UPLOAD_ID,
                                                 on_upload_progress=state.upload_progress))
    return rx.cond(
        rx.selected_files(UPLOAD_ID).length() > 0,
        rx.button(t("submit"), type="button", size="3", on_click=upload,
                  loading=state.uploading),
        rx.button(t("submit"), type="button", size="3", on_click=submit_event))


def error_callout(state: type[PrescriptionFormMixin]) -> rx.Component:
    return rx.cond(state.error != "", rx.callout(state.error, color_scheme="red", role="alert",
                                                 icon="triangle_alert", width="100%"))


def fact(label_key: str, value, class_name: str = "") -> rx.Component:
    return rx.vstack(rx.text(t(label_key), size="1", color_scheme="gray"),
                     rx.text(value, weight="medium", class_name=class_name), spacing="0",
                     min_width="9em")


def _file_row(item: FileRow) -> rx.Component:
    return rx.hstack(
        rx.badge(item.kind, variant="soft"),
        rx.link(item.name, href=urls.file_url(item.file_id), is_external=True),
        align="center", spacing="2")


def files_list(summary: CaseSummary) -> rx.Component:
    return rx.vstack(
        rx.heading(t("files"), size="3"),
        rx.cond(summary.files.length() > 0,
                rx.vstack(rx.foreach(summary.files, _file_row), spacing="1"),
                rx.text("—", color_scheme="gray")),
        spacing="2", class_name="case-files")


def summary_block(summary: CaseSummary) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            fact("case_id", summary.ref, "case-ref"),
            fact("case_patient", summary.patient_name),
            fact("case_type", summary.case_type),
            rx.vstack(rx.text(t("progress"), size="1", color_scheme="gray"),
                      status_badge(summary.status, summary.colour), spacing="1"),
            fact("ship_date", rx.cond(summary.ship_date != "", summary.ship_date, "—")),
            fact("last_modified", summary.last_modified),
            spacing="5", wrap="wrap"),
        rx.text(summary.status_help, size="2", color_scheme="gray"),
        rx.cond(summary.hold_reason != "", rx.callout(
            rx.text(t("hold_reason"), ": ", summary.hold_reason, " — ", summary.hold_detail),
            color_scheme="red", icon="triangle_alert", width="100%")),
        rx.cond(summary.tracking_number != "", rx.hstack(
            fact("carrier", summary.carrier), fact("tracking_number", summary.tracking_number,
                                                   "tracking"), spacing="5")),
        rx.hstack(fact("teeth_numbers", summary.teeth + " (FDI)"), spacing="5"),
        rx.vstack(rx.text(t("rx_description"), size="1", color_scheme="gray"),
                  rx.text(summary.rx_description, white_space="pre-wrap"), spacing="0"),
        spacing="3", width="100%")
