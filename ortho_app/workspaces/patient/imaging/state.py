"""Patient app "Mon imagerie": the shared images by treatment stage, a viewer with arrows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import urls
from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.imaging import images as imaging
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patient_app.modules import Module
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import format_date
from ortho_app.workspaces.patient.workspace import current_patient_id


class IndexRef(BaseModel):
    model_config = {"strict": True}
    index: int = Field(ge=-1, le=10_000)


class StepRef(BaseModel):
    model_config = {"strict": True}
    delta: Literal[-1, 1]


class KindRef(BaseModel):
    model_config = {"strict": True}
    kind: str = Field(max_length=80)


@dataclass
class ImageItem:
    index: int  # position in the viewer's sequence
    url: str
    stage: str
    kind: str
    taken_on: str


@dataclass
class StageView:
    stage: str
    images: list[ImageItem]


ALL_TYPES = "*"


class PatientImagingState(AppState):
    _access: ClassVar[Access] = PATIENT
    offered: bool = True
    groups: list[StageView] = []
    shown: list[ImageItem] = []  # the viewer's sequence: every group's images in order
    kinds: list[str] = []
    kind: str = ALL_TYPES
    current: int = -1
    zip_url: str = ""

    def _fill(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="imaging.list")
            patient_modules.require_module(session, patient, Module.IMAGING)
            images = imaging.images_of(session, patient, shared_only=True)
            session.commit()
        self.kinds = sorted({i.kind for i in images}, key=imaging.kind_rank)
        wanted = [i for i in images if self.kind in (ALL_TYPES, i.kind)]
        groups, shown = [], []
        for group in imaging.by_stage(wanted):
            items = [ImageItem(len(shown) + n, urls.file_url(i.stored_file_id), i.stage, i.kind,
                               format_date(i.taken_on)) for n, i in enumerate(group.images)]
            shown.extend(items)
            groups.append(StageView(group.stage, items))
        self.groups, self.shown = groups, shown
        self.zip_url = urls.images_zip_url(patient.id)

    @rx.event
    @guarded
    async def load_images(self, principal: Principal):
        self.groups, self.shown, self.kinds, self.current, self.kind = [], [], [], -1, ALL_TYPES
        try:
            self._fill(principal, await current_patient_id(self, principal))
            self.offered = True
        except Refused:
            self.offered, self.zip_url = False, ""

    @rx.event
    @guarded
    async def choose_kind(self, principal: Principal, kind: str):
        wanted = validate(KindRef, {"kind": kind}).kind
        if wanted != ALL_TYPES and wanted not in self.kinds:
            raise Refused("Choose an image type")
        self.kind, self.current = wanted, -1
        self._fill(principal, await current_patient_id(self, principal))

    @rx.event
    @guarded
    def show_image(self, principal: Principal, index: int):
        """Open the viewer at `index`; -1 closes it; past either end it wraps around."""
        wanted = validate(IndexRef, {"index": index}).index
        if wanted == -1 or not self.shown:
            self.current = -1
            return
        self.current = wanted % len(self.shown)

    @rx.event
    @guarded
    def step(self, principal: Principal, delta: int):
        delta = validate(StepRef, {"delta": delta}).delta
        if self.shown and self.current >= 0:
            self.current = (self.current + delta) % len(self.shown)

    @rx.event
    @guarded
    def close_viewer(self, principal: Principal, open_: bool = False):
        if not open_:
            self.current = -1
