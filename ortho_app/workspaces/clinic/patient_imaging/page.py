"""/clinic/patients/[patient_id]/imaging: add images by stage and type, share them or not."""

from __future__ import annotations

from datetime import date

import reflex as rx

from ortho_app.services.imaging import images as imaging
from ortho_app.ui.i18n import t
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patient_documents.page import back_to_card, checkbox, field
from ortho_app.workspaces.clinic.patient_imaging.state import (
    UPLOAD_ID,
    ClinicImagingState,
    StaffImageRow,
)
from ortho_app.workspaces.clinic.record_uploads import upload_zone
from ortho_app.workspaces.clinic.workspace import CLINIC

S = ClinicImagingState


def _options(values) -> list[rx.Component]:
    return [rx.el.option(v, value=v) for v in values]


def _add_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("img_add_title"), size="4"),
            field("img_stage", "img-stage",
                  rx.el.select(*_options(imaging.STAGES), id="img-stage", name="stage")),
            field("img_type", "img-kind",
                  rx.el.select(*_options(imaging.KINDS), id="img-kind", name="kind")),
            field("img_taken_on", "img-taken-on",
                  rx.input(type="date", id="img-taken-on", name="taken_on",
                           default_value=date.today().isoformat())),
            checkbox("shared", "img_shared", checked=False),
            upload_zone(UPLOAD_ID, "img_choose",
                        {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"]}, True),
            rx.button(t("img_add"), type="submit"),
            spacing="3", width="100%", max_width="520px"),
        key=S.form_key.to_string(),
        on_submit=[S.keep_draft, S.upload_images(rx.upload_files(upload_id=UPLOAD_ID))],
    )


def _row(row: StaffImageRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.image(src=row.url, alt=row.kind, height="56px", width="auto")),
        rx.table.row_header_cell(row.kind), rx.table.cell(row.stage),
        rx.table.cell(row.taken_on),
        rx.table.cell(rx.el.label(
            rx.switch(checked=row.shared, on_change=lambda on: S.share_image(row.id, on),
                      aria_label=t("img_shared")),
            rx.text(t("img_shared"), as_="span", size="2", margin_left="0.5em"),
            display="flex", align_items="center")),
    )


@workspace_page(CLINIC, routes.PATIENT_IMAGING, "Imaging",
                on_load=[S.load_images])
def clinic_imaging() -> rx.Component:
    return rx.vstack(
        back_to_card(S),
        rx.heading(S.name, " · ", t("imaging"), size="6"),
        data_table(["", t("img_type"), t("img_stage"), t("img_taken_on"), t("img_shared")],
                   S.rows, _row),
        _add_form(),
        spacing="4", width="100%",
    )
