"""/clinic/patients/[patient_id]/documents: share a PDF with the patient, see signatures."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patient_documents.state import (
    DOC_KINDS,
    UPLOAD_ID,
    ClinicDocumentsState,
    StaffDocRow,
)
from ortho_app.workspaces.clinic.record_uploads import upload_zone
from ortho_app.workspaces.clinic.workspace import CLINIC

S = ClinicDocumentsState
STATE_COLORS = {"signed": "green", "to_sign": "amber", "no_signature": "gray"}


def back_to_card(state) -> rx.Component:
    return rx.link("← ", t("patient_card"),
                   href=link_to(routes.PATIENT_CARD, patient_id=state.patient_id))


def checkbox(name: str, label_key: str, checked: bool = True) -> rx.Component:
    box_id = f"field-{name}"
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, id=box_id, default_checked=checked),
        rx.text(t(label_key), as_="span", margin_left="0.5em"),
        html_for=box_id, display="flex", align_items="center")


def field(label_key: str, control_id: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.el.label(t(label_key), html_for=control_id), control,
                     spacing="1", width="100%")


def _share_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("doc_share_title"), size="4"),
            field("doc_title", "doc-title",
                  rx.input(id="doc-title", name="title", max_length=200, width="100%")),
            field("doc_kind", "doc-kind",
                  rx.el.select(*[rx.el.option(k, value=k) for k in DOC_KINDS], id="doc-kind",
                               name="kind")),
            checkbox("needs_signature", "doc_needs_signature"),
            checkbox("visible_to_patient", "doc_visible_patient"),
            checkbox("visible_to_responsible", "doc_visible_responsible"),
            field("doc_new_version_of", "doc-replaces", rx.el.select(
                rx.el.option(t("doc_new_document"), value="0"),
                rx.foreach(S.replace_choices, lambda c: rx.el.option(c[1], value=c[0])),
                id="doc-replaces", name="replaces")),
            upload_zone(UPLOAD_ID, "doc_choose_pdf", {"application/pdf": [".pdf"]}, False),
            rx.button(t("doc_share"), type="submit"),
            spacing="3", width="100%", max_width="520px"),
        key=S.form_key.to_string(),
        on_submit=[S.keep_draft, S.upload_document(rx.upload_files(upload_id=UPLOAD_ID))],
    )


def _row(row: StaffDocRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(row.title, href=row.view_url, is_external=True)),
        rx.table.cell(row.kind), rx.table.cell(row.version),
        rx.table.cell(rx.match(
            row.state,
            *[(state, rx.badge(t(f"doc_{state}"), color_scheme=color))
              for state, color in STATE_COLORS.items()], rx.fragment()),
            rx.cond(row.changed, rx.badge(t("doc_changed"), color_scheme="orange"))),
        rx.table.cell(row.signature), rx.table.cell(rx.code(row.sha)),
    )


@workspace_page(CLINIC, routes.PATIENT_DOCUMENTS, "Documents",
                on_load=[S.load_documents])
def clinic_documents() -> rx.Component:
    return rx.vstack(
        back_to_card(S),
        rx.heading(S.name, " · ", t("documents"), size="6"),
        data_table([t("doc_title"), t("doc_kind"), t("doc_version_col"), t("doc_state"),
                    t("doc_signatures"), "SHA-256"], S.rows, _row),
        _share_form(),
        spacing="4", width="100%",
    )
