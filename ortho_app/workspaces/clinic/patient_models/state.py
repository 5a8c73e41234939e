"""State of a patient's 3D models: the list, the arches' 3D view and the heat map."""

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
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.i18n import TABLE, LangState
from ortho_app.ui.routing import route_id
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState


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
    name = list_name(patient)
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
        return route_id(self, "patient_id")

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
