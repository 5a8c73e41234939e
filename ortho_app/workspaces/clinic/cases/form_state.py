"""The prescription form shared by "New case" and the case page: teeth on the tooth chart,
RX description, attachments uploaded with a progress bar (copied into private storage with
`save_stream` at once, never kept in the upload dir), and what a submission starts (the RX
script job, the confirmation e-mail)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import storage
from ortho_app.core.authz import Refused, validate
from ortho_app.core.db import db_session
from ortho_app.core.jobs import start_job
from ortho_app.core.security.sessions import Principal
from ortho_app.core.storage.file_errors import FileRefused
from ortho_app.models import StoredFile
from ortho_app.services.lab_cases import rx_script
from ortho_app.services.lab_cases.cases import RX_MAX
from ortho_app.services.lab_cases.files import ATTACHABLE_KINDS, kind_for
from ortho_app.services.lab_cases.teeth import FDI_TEETH, Numbering
from ortho_app.ui.app_state import guarded
from ortho_app.ui.uploads import upload_chunks

UPLOAD_ID = "case_files"
MAX_FILES = 20


class ToothRef(BaseModel):
    model_config = {"strict": True}
    fdi: int = Field(ge=11, le=48)


class RxText(BaseModel):
    model_config = {"strict": True}
    text: str = Field(max_length=RX_MAX)


class Progress(BaseModel):
    progress: float = Field(ge=0, le=1)


class FileRef(BaseModel):
    model_config = {"strict": True}
    file_id: int


@dataclass
class PendingFile:
    file_id: int
    name: str
    kind: str


def rx_job_kind(case_id: int) -> str:
    return f"{rx_script.JOB_KIND}:{case_id}"


def start_rx_script(session, case_id: int, principal: Principal) -> int:
    """A job for the case's RX script (in the caller's unit of work); `jobs.enqueue` it after
    the commit."""
    return start_job(rx_job_kind(case_id), owner=principal.actor, session=session,
                     task=rx_script.generate_rx_script, args=(case_id, principal.actor)).id



class PrescriptionFormMixin(rx.State, mixin=True):
    teeth: list[int] = []
    numbering: str = rx.LocalStorage(Numbering.FDI.value, name="tooth_numbering")
    rx_description: str = ""
    pending: list[PendingFile] = []
    upload_percent: int = 0
    uploading: bool = False
    error: str = ""
    _pending_ids: list[int] = []

    def _reset_form(self) -> None:
        self.teeth, self.rx_description, self.error = [], "", ""
        self.pending, self._pending_ids = [], []
        self.upload_percent, self.uploading = 0, False

    @rx.event
    @guarded
    def toggle_tooth(self, principal: Principal, fdi: int):
        tooth = validate(ToothRef, {"fdi": fdi}).fdi
        if tooth not in FDI_TEETH:
            raise Refused("Not a tooth number")
        self.teeth, self.error = sorted(set(self.teeth) ^ {tooth}), ""

    @rx.event
    @guarded
    def choose_numbering(self, principal: Principal, value: str):
        if value in (Numbering.FDI.value, Numbering.UNIVERSAL.value):
            self.numbering = value

    @rx.event
    @guarded
    def edit_rx(self, principal: Principal, text: str):
        self.rx_description = validate(RxText, {"text": text}).text

    @rx.event
    @guarded
    def upload_progress(self, principal: Principal, progress: dict):
        share = validate(Progress, progress if isinstance(progress, dict) else {}).progress
        self.uploading, self.upload_percent = share < 1, round(share * 100)

    @rx.event
    @guarded
    def remove_pending(self, principal: Principal, file_id: int):
        fid = validate(FileRef, {"file_id": file_id}).file_id
        self._pending_ids = [i for i in self._pending_ids if i != fid]
        self.pending = [p for p in self.pending if p.file_id != fid]

    @rx.event
    @guarded
    async def receive_files(self, principal: Principal, files: list[rx.UploadFile]):
        """Check and store each uploaded file, then submit the form (`_after_upload`)."""
        self.error = ""
        if not isinstance(files, list) or not all(isinstance(f, rx.UploadFile) for f in files):
            raise Refused("Invalid upload")
        if len(files) + len(self.pending) > MAX_FILES:
            raise Refused(f"At most {MAX_FILES} files per submission")
        with db_session() as session:
            for upload in files:
                name = (upload.name or "file")[-200:]
                try:
                    stored: StoredFile = await storage.save_stream(
                        upload_chunks(upload), original_name=name, session=session,
                        institution_id=principal.institution_id, uploaded_by=principal.actor,
                        allowed_kinds=ATTACHABLE_KINDS)
                except FileRefused as exc:
                    self.error = f"{name}: {exc}"
                    self.uploading = False
                    session.commit()
                    return None
                session.flush()
                self._pending_ids = [*self._pending_ids, stored.id]
                self.pending = [*self.pending,
                                PendingFile(stored.id, name, kind_for(stored).value)]
            session.commit()
        self.uploading, self.upload_percent = False, 100
        return [rx.clear_selected_files(UPLOAD_ID), self._after_upload()]

    def _after_upload(self):
        raise NotImplementedError

    def _take_pending(self, session) -> list[StoredFile]:
        """The files this tab uploaded (server-side ids only, never from the client)."""
        return [f for f in (session.get(StoredFile, i) for i in self._pending_ids) if f]
