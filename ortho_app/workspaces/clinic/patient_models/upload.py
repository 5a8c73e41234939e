"""'Add a new 3D model' on a patient's 3D models page: two STL files (upper and lower arch, in
occlusion), each checked and stored as it arrives (upload progress shown), then processed as a
job into cached web meshes (job progress shown); the 3D view reloads when it is done."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, field_validator

from ortho_app.core import jobs, storage
from ortho_app.core.authz import CLINIC, Access, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.models3d import arch_models, meshes
from ortho_app.services.models3d import jobs as arch_model_jobs
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.i18n import t
from ortho_app.ui.job_progress import JobProgressMixin, job_progress
from ortho_app.ui.routing import route_id
from ortho_app.ui.uploads import STL_TYPES, UploadProgress, read_upload, upload_zone


class ModelForm(BaseModel):
    taken_on: date  # empty: today

    @field_validator("taken_on", mode="before")
    @classmethod
    def _today_when_empty(cls, value):
        return value or date.today()

    @field_validator("taken_on")
    @classmethod
    def _not_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("the date cannot be in the future")
        return value


def _store(principal: Principal, patient_id: int, arch: str, data: bytes, name: str) -> int:
    with db_session() as session:
        patient = authorize_patient(session, principal, patient_id, action="models.upload")
        stored = arch_models.store_stl(session, patient, data, original_name=name or
                                       f"{arch}.stl", uploaded_by=principal.actor)
        session.commit()
        return stored.id


class ModelUploadState(JobProgressMixin, AppState):
    _access: ClassVar[Access] = CLINIC
    upper_name: str = ""
    lower_name: str = ""
    upload_percent: int = 0
    error: str = ""
    _patient_id: int = 0
    _files: dict[str, int] = {}

    @rx.event
    @guarded
    def prepare_upload(self, principal: Principal):
        """Opening the 3D models page: an empty form for this page's patient."""
        self.reset()
        self._patient_id = route_id(self, "patient_id")
        self._files = {}

    @rx.event
    @guarded
    def upload_progress(self, principal: Principal, progress: dict):
        """The browser's progress while a file is sent (its last report, which may come after
        the file is stored, is left out)."""
        data = validate(UploadProgress, progress if isinstance(progress, dict) else {})
        if data.progress < 1:
            self.upload_percent = round(data.progress * 100)

    async def _receive(self, principal: Principal, arch: str, files: list) -> None:
        self.error, self.upload_percent = "", 0
        if not isinstance(files, list) or len(files) != 1:
            self.error = "Choose one STL file for each arch"
            return
        data = await read_upload(files[0], arch_models.MAX_STL_BYTES)
        try:
            if data is None:
                raise meshes.MeshError("This STL file is too large "
                                       f"({arch_models.MAX_STL_BYTES // 2**20} MB at most)")
            file_id = await asyncio.to_thread(_store, principal, self._patient_id, arch, data,
                                              files[0].name or "")
        except (meshes.MeshError, storage.FileRefused) as exc:
            self.error = f"{arch.capitalize()} arch: {exc}"
            return
        self._files = {**self._files, arch: file_id}
        name = (files[0].name or f"{arch}.stl")[:120]
        self.upper_name, self.lower_name = ((name, self.lower_name) if arch == "upper"
                                            else (self.upper_name, name))

    @rx.event
    @guarded
    async def upload_upper(self, principal: Principal, files: list[rx.UploadFile]):
        await self._receive(principal, "upper", files)

    @rx.event
    @guarded
    async def upload_lower(self, principal: Principal, files: list[rx.UploadFile]):
        await self._receive(principal, "lower", files)

    @rx.event
    @guarded
    def add_model(self, principal: Principal, form: dict):
        data = validate(ModelForm, form if isinstance(form, dict) else {})
        if sorted(self._files) != sorted(arch_models.ARCHES):
            self.error = "Add two STL files: one for the upper arch, one for the lower"
            return None
        with db_session() as session:
            patient = authorize_patient(session, principal, self._patient_id,
                                        action="models.add")
            job = jobs.start_job("models.add_3d_model", owner=principal.actor, session=session,
                                 task=arch_model_jobs.add_3d_model,
                                 args=(patient.id, dict(self._files),
                                       data.taken_on.isoformat(), principal.actor))
            session.commit()
            job_id = job.id
        jobs.enqueue(job_id)
        self.error = ""
        return ModelUploadState.follow_job(job_id)

    @rx.event
    @guarded
    def clear_files(self, principal: Principal):
        self._files, self.upper_name, self.lower_name = {}, "", ""


U = ModelUploadState


def _arch_upload(arch: str, name: rx.Var, handler) -> rx.Component:
    upload_id = f"stl-{arch}"
    on_drop = handler(rx.upload_files(upload_id=upload_id, on_upload_progress=U.upload_progress))
    return rx.vstack(
        rx.text(t(f"models3d_{arch}_stl"), size="2", weight="medium"),
        upload_zone(
            rx.button(t("models3d_choose_stl"), type="button", variant="soft"),
            upload_id=upload_id, on_drop=on_drop, accept=STL_TYPES, class_name=upload_id),
        rx.cond(name != "", rx.text("✓ ", name, size="2", color_scheme="green",
                                    class_name=f"{upload_id}-name")),
        spacing="1",
    )


def add_model_form(on_done: rx.Component) -> rx.Component:
    """The form; `on_done` is mounted when the job is done (its on_mount reloads the view)."""
    return rx.card(rx.vstack(
        rx.heading(t("models3d_add_model"), size="4", id="add-model"),
        rx.text(t("models3d_occlusion_hint"), size="2", color_scheme="gray"),
        rx.hstack(_arch_upload("upper", U.upper_name, U.upload_upper),
                  _arch_upload("lower", U.lower_name, U.upload_lower),
                  spacing="5", wrap="wrap"),
        rx.cond(U.upload_percent > 0, rx.progress(
            value=U.upload_percent, max=100, aria_label=t("models3d_uploading"), width="240px")),
        rx.form(
            rx.hstack(
                rx.vstack(rx.el.label(t("models3d_taken_on"), html_for="taken_on",
                                      font_size="0.9em"),
                          rx.input(id="taken_on", name="taken_on", type="date"),
                          spacing="1"),
                rx.button(t("models3d_process"), type="submit",
                          disabled=(U.upper_name == "") | (U.lower_name == "")),
                align="end", spacing="3", wrap="wrap"),
            on_submit=U.add_model, reset_on_submit=False),
        rx.cond(U.error != "", rx.callout(U.error, color_scheme="red", role="alert")),
        job_progress(U, t("models3d_processing")),
        rx.cond(U.job_status == "done", rx.fragment(on_done)),  # mounted once the job is done
        spacing="3", width="100%"), width="100%")
