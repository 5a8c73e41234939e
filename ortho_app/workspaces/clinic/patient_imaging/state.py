"""Clinic: a patient's images — add photos and X-rays with their treatment stage and type, and
choose which ones the patient sees in the app ("Mon imagerie")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from ortho_app.core import urls
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.imaging import images as imaging
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.ui.views import format_date
from ortho_app.workspaces.clinic.record_uploads import store_uploads

UPLOAD_ID = "patient-images"
MAX_IMAGES = 20


class ImageForm(BaseModel):
    stage: str
    kind: str
    taken_on: date = Field(le=date(2100, 1, 1), ge=date(1990, 1, 1))
    shared: bool = False

    @field_validator("shared", mode="before")
    @classmethod
    def _checkbox(cls, value):
        return value in (True, "on", "true")

    @field_validator("stage")
    @classmethod
    def _stage(cls, value):
        if value not in imaging.STAGES:
            raise ValueError("unknown treatment stage")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        if value not in imaging.KINDS:
            raise ValueError("unknown image type")
        return value


class ShareRef(BaseModel):
    model_config = {"strict": True}
    image_id: int
    shared: bool


@dataclass
class StaffImageRow:
    id: int
    url: str
    stage: str
    kind: str
    taken_on: str
    shared: bool


class ClinicImagingState(AppState):
    _access: ClassVar[Access] = CLINIC
    patient_id: int = 0
    name: str = ""
    rows: list[StaffImageRow] = []
    form_key: int = 0
    _draft: dict = {}

    def _fill(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="imaging.list")
            images = imaging.images_of(session, patient, shared_only=False)
            session.commit()
        self.patient_id, self.name = patient.id, list_name(patient)
        self.rows = [StaffImageRow(i.id, urls.file_url(i.stored_file_id), i.stage, i.kind,
                                   format_date(i.taken_on), i.shared_with_patient)
                     for i in reversed(images)]

    @rx.event
    @guarded
    def load_images(self, principal: Principal):
        self.rows, self.name, self._draft = [], "", {}
        self._fill(principal, route_id(self, "patient_id"))

    @rx.event
    @guarded
    def keep_draft(self, principal: Principal, form: dict):
        self._draft = validate(ImageForm, form).model_dump()

    @rx.event
    @guarded
    async def upload_images(self, principal: Principal, files: list[rx.UploadFile]):
        if not self._draft:
            raise Refused("Choose the stage, type and date first")
        draft, self._draft = ImageForm(**self._draft), {}
        with db_session() as session:
            patient = authorize_patient(session, principal, self.patient_id,
                                        action="imaging.add")
            for stored in await store_uploads(session, principal, patient, files,
                                              kinds={"jpeg", "png"}, max_files=MAX_IMAGES):
                imaging.file_image(session, patient=patient, stored=stored, stage=draft.stage,
                                   kind=draft.kind, taken_on=draft.taken_on,
                                   shared=draft.shared, actor=principal.actor)
            session.commit()
        self._fill(principal, self.patient_id)
        self.form_key += 1
        return [rx.clear_selected_files(UPLOAD_ID), rx.toast.success("Images added")]

    @rx.event
    @guarded
    def share_image(self, principal: Principal, image_id: int, shared: bool):
        ref = validate(ShareRef, {"image_id": image_id, "shared": shared})
        with db_session() as session:
            patient = authorize_patient(session, principal, self.patient_id,
                                        action="imaging.share")
            imaging.share(session, patient, ref.image_id, ref.shared)
            session.commit()
        self._fill(principal, self.patient_id)
