"""A patient's 3D models: the list, both arches in one 3D view, and the deviation heat map
between the two latest models of an arch.

The figure is in state only while this page is open (cleared on unmount and on every load);
meshes come from storage, processed at upload (see services.arch_models).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar

import plotly.graph_objects as go
import reflex as rx
from pydantic import BaseModel

from ortho_app.core.authz import CLINIC as CLINIC_ACCESS
from ortho_app.core.authz import Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models.models3d import ARCHES
from ortho_app.services.models3d import arch_models
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.i18n import TABLE, LangState, t
from ortho_app.ui.routing import route_arg
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState, workspace_page
from ortho_app.workspaces.clinic.patient_models.upload import ModelUploadState, add_model_form
from ortho_app.workspaces.clinic.routes import patient_url
from ortho_app.workspaces.clinic.workspace import CLINIC


class ModelsRef(BaseModel):
    patient_id: int


class ArchRef(BaseModel):
    model_config = {"strict": True}
    arch: str


@dataclass
class ModelItem:
    arch: str
    taken_on: str


ARCH_NAMES = {TABLE[f"models3d_{arch}_arch"][0]: TABLE[f"models3d_{arch}_arch"] for arch in ARCHES}


def _with_legend(figure: go.Figure, revision: int, french: bool = False) -> go.Figure:
    """Legend entries (in the page's language) toggle each arch in the browser; a new
    uirevision resets the camera."""
    for trace in figure.data:  # a stable uid per arch (plotly matches traces by uid)
        names = ARCH_NAMES.get(trace.name, (trace.name, trace.name))
        trace.update(showlegend=True, uid=trace.name, name=names[1 if french else 0])
    figure.update_layout(showlegend=True, uirevision=f"mesh-{revision}",
                         legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
                         margin={"l": 0, "r": 0, "t": 24, "b": 0})
    return figure


def _arch_view(principal: Principal, patient_id: int, revision: int, french: bool):
    with db_session() as session:
        patient = authorize_patient(session, principal, patient_id, action="models.view")
        rows = arch_models.models_of(session, patient.id)
        figure = arch_models.figure_for(session, patient.id)
        session.commit()
    name = f"{patient.last_name} {patient.first_name}"
    return name, rows, None if figure is None else _with_legend(figure, revision, french)


def _heatmap(principal: Principal, patient_id: int, arch: str, revision: int) -> go.Figure:
    with db_session() as session:
        patient = authorize_patient(session, principal, patient_id, action="models.heatmap")
        try:
            figure = arch_models.heatmap_for(session, patient.id, arch)
        except arch_models.ArchModelError as exc:
            raise Refused(str(exc)) from None
        session.commit()
    figure.update_traces(uid="deviation")
    eye = {axis: 1.3 * value for axis, value in figure.layout.scene.camera.eye.to_plotly_json()
           .items()}  # farther: the colour bar takes part of the width
    return figure.update_layout(uirevision=f"heat-{revision}", scene_camera_eye=eye)


class ArchModelsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC_ACCESS
    patient_id: int = 0
    name: str = ""
    models: list[ModelItem] = []
    heat_arches: list[str] = []
    heat_arch: str = ""
    view: str = ""  # "arches", "heatmap" or "" (no figure)
    figure: go.Figure = go.Figure()
    revision: int = 0
    busy: bool = False

    def _patient_id_from_route(self) -> int:
        raw = route_arg(self, "patient_id")
        return validate(ModelsRef, {"patient_id": raw}).patient_id

    async def _show_arches(self, principal: Principal, patient_id: int) -> None:
        self.revision += 1
        french = (await self.get_state(LangState)).lang == "fr"
        name, rows, figure = await asyncio.to_thread(_arch_view, principal, patient_id,
                                                     self.revision, french)
        self.patient_id, self.name = patient_id, name
        self.models = [ModelItem(r.arch, format_date(r.taken_on)) for r in rows]
        self.heat_arches = arch_models.arches_with_two_dates(rows)
        if self.heat_arch not in self.heat_arches:
            self.heat_arch = self.heat_arches[0] if self.heat_arches else ""
        self.figure = figure if figure is not None else go.Figure()
        self.view = "arches" if figure is not None else ""

    @rx.event
    @guarded
    async def load_models(self, principal: Principal):
        self.figure, self.view, self.busy = go.Figure(), "", False
        self.patient_id, self.name, self.models, self.heat_arches = 0, "", [], []
        await self._show_arches(principal, self._patient_id_from_route())

    @rx.event
    @guarded
    async def reset_view(self, principal: Principal):
        """Both arches again, camera and legend as at first."""
        await self._show_arches(principal, self.patient_id)

    @rx.event
    @guarded
    def choose_heat_arch(self, principal: Principal, arch: str):
        with db_session() as session:
            authorize_patient(session, principal, self.patient_id, action="models.view")
            session.commit()
        if validate(ArchRef, {"arch": arch}).arch not in self.heat_arches:
            raise Refused("Choose an arch with two models")
        self.heat_arch = arch

    def _chosen_arch(self) -> str:
        arch = self.heat_arch
        if arch not in ARCHES:
            raise Refused("Choose an arch with two models")
        return arch

    @rx.event
    @guarded
    def show_heatmap(self, principal: Principal):
        """Mark the button busy first (this delta reaches the browser), then compute."""
        self._chosen_arch()
        with db_session() as session:
            authorize_patient(session, principal, self.patient_id, action="models.view")
            session.commit()
        self.busy = True
        return ArchModelsState.compute_heatmap

    @rx.event
    @guarded
    async def compute_heatmap(self, principal: Principal):
        try:
            self.revision += 1
            self.figure = await asyncio.to_thread(_heatmap, principal, self.patient_id,
                                                  self._chosen_arch(), self.revision)
            self.view = "heatmap"
        finally:
            self.busy = False

    @rx.event
    def clear_figure(self):
        """Leaving the page: drop the figure (it is pickled with the state after events)."""
        self.figure, self.view = go.Figure(), ""


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


@workspace_page(CLINIC, "/clinic/patients/[patient_id]/models", "3D models",
                on_load=[ArchModelsState.load_models, ModelUploadState.prepare_upload])
def arch_models_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link("← ", t("patient_card_title"), href=patient_url(S.patient_id)),
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
