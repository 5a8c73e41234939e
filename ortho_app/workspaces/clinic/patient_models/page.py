"""A patient's 3D models: the list, both arches in one 3D view, and the deviation heat map
between the two latest models of an arch.

The figure is in state only while this page is open (cleared on unmount and on every load);
meshes come from storage, processed at upload (see services.arch_models).
"""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patient_models.state import ArchModelsState, ModelItem
from ortho_app.workspaces.clinic.patient_models.upload import ModelUploadState, add_model_form
from ortho_app.workspaces.clinic.workspace import CLINIC

S = ArchModelsState


def _arch_label(arch: rx.Var) -> rx.Component:
    return rx.match(arch, ("upper", t("models3d_upper_arch")),
                    ("lower", t("models3d_lower_arch")), arch)


def _model_row(item: ModelItem) -> rx.Component:
    return rx.table.row(rx.table.cell(_arch_label(item.arch)), rx.table.cell(item.taken_on))


def _toolbar() -> rx.Component:
    return rx.hstack(
        rx.button(t("models3d_reset_view"), variant="soft", on_click=S.reset_view),
        rx.cond(
            S.heat_arches.length() > 0,
            rx.hstack(
                rx.select.root(
                    rx.select.trigger(aria_label=t("models3d_arch_to_compare")),
                    rx.select.content(rx.foreach(
                        S.heat_arches,
                        lambda arch: rx.select.item(_arch_label(arch), value=arch))),
                    value=S.heat_arch, on_change=S.choose_heat_arch),
                rx.button(t("models3d_heatmap"), on_click=S.show_heatmap, loading=S.busy),
                spacing="2", align="center"),
        ),
        spacing="3", align="center", wrap="wrap",
    )


def _figure() -> rx.Component:
    return rx.box(
        # A new plot (key) when the view changes: plotly would keep the heat map's colours
        # on the arch trace it reuses.
        rx.plotly.gl3d(data=S.figure, config={"displaylogo": False, "responsive": True},
                       style={"width": "100%", "height": "100%"}, key=S.view),
        width="100%", aspect_ratio="16 / 9", max_height="75vh",
        border="1px solid var(--gray-a5)", border_radius="var(--radius-3)",
        background="var(--gray-2)",
    )


@workspace_page(CLINIC, routes.PATIENT_MODELS, "3D models",
                on_load=[ArchModelsState.load_models, ModelUploadState.prepare_upload])
def arch_models_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link("← ", t("patient_card_title"),
                    href=link_to(routes.PATIENT_CARD, patient_id=S.patient_id)),
            spacing="2"),
        rx.heading(S.name, " · ", t("models3d_title"), size="6"),
        rx.cond(
            S.view != "",
            rx.vstack(
                _toolbar(),
                rx.cond(S.view == "heatmap",
                        rx.text(_arch_label(S.heat_arch), t("models3d_heatmap_caption"), size="2",
                                color_scheme="gray")),
                _figure(),
                spacing="3", width="100%"),
            rx.text(t("models3d_no_model"), color_scheme="gray"),
        ),
        rx.heading(t("models3d_models"), size="4"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell(t("models3d_arch")),
                                         rx.table.column_header_cell(t("models3d_date")))),
            rx.table.body(rx.foreach(S.models, _model_row)),
            variant="surface", width="100%"), width="100%", overflow_x="auto"),
        add_model_form(rx.box(on_mount=[ModelUploadState.clear_files,
                                        ArchModelsState.reset_view])),
        spacing="4", width="100%", on_unmount=ArchModelsState.clear_figure,
    )
