"""Monitoring in the patient app: the home section's status and taking a scan (/patient/scan).

Each guided photo is sent as soon as it is taken (progress shown), stored privately under the
patient chosen at sign-in, and remembered server-side only (`_photo_ids`); "send" turns them
into a scan in the clinician's review queue. Every handler re-checks the patient with the
guard, and the services refuse when monitoring is stopped.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import reflex as rx

from ortho_app.core import storage
from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.monitoring import patient_scans as pm
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.uploads import UploadProgress, upload_chunks
from ortho_app.ui.views import format_date
from ortho_app.workspaces.patient.workspace import current_patient_id

STEP_KEYS = tuple(step.lower() for step in pm.SCAN_STEPS)  # photo names, label keys
STEP_COUNT = len(pm.SCAN_STEPS)


class PatientMonitoringState(AppState):
    _access: ClassVar[Access] = PATIENT
    state: str = ""  # "", "none" (never monitored), "active", "paused", "stopped"
    aligner: int = 0
    next_due: str = ""
    paused_until: str = ""
    pause_message: str = ""
    immediate: bool = False
    instructions: str = ""
    awaiting_review: bool = False
    verdict: str = ""  # "go", "no_go", "see_doctor" or ""
    verdict_next_aligner: int = 0
    verdict_on: str = ""
    # taking a scan
    step: int = 0
    instructions_read: bool = False
    uploading: bool = False
    upload_percent: int = 0
    sent: bool = False
    error: str = ""  # a key: "stopped", "file", "incomplete"
    _photo_ids: list[int] = []
    _scan_patient: int = 0

    def _status(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id,
                                        action="patient_app.monitoring")
            status = pm.status_of(session, patient, today=date.today())
            session.commit()
        self.state, self.aligner = status.state, status.aligner_number
        self.next_due = format_date(status.next_due)
        self.paused_until = format_date(status.paused_until)
        self.pause_message = status.pause_message
        self.immediate, self.instructions = status.immediate_requested, status.instructions
        self.awaiting_review = status.awaiting_review
        self.verdict = status.verdict.value if status.verdict else ""
        self.verdict_next_aligner = status.verdict_aligner + 1
        self.verdict_on = format_date(status.verdict_scan_on)

    @rx.event
    @guarded
    async def load_status(self, principal: Principal):
        self._status(principal, await current_patient_id(self, principal))

    @rx.event
    @guarded
    async def start_scan(self, principal: Principal):
        """Opening /patient/scan: a new scan from its first photo."""
        patient_id = await current_patient_id(self, principal)
        self._status(principal, patient_id)
        self.step, self.uploading, self.upload_percent, self.sent = 0, False, 0, False
        self.error = "" if self.state in ("active", "paused") else "stopped"
        self.instructions_read = not self.immediate or not self.instructions
        self._photo_ids, self._scan_patient = [], patient_id

    @rx.event
    @guarded
    def read_instructions(self, principal: Principal):
        self.instructions_read = True

    @rx.event
    @guarded
    def upload_progress(self, principal: Principal, progress: dict):
        """The browser's progress while a photo is sent (its last report, which may come
        after the photo is stored, is left out)."""
        data = validate(UploadProgress, progress if isinstance(progress, dict) else {})
        if data.progress < 1:
            self.uploading, self.upload_percent = True, round(data.progress * 100)

    @rx.event
    @guarded
    async def upload_photo(self, principal: Principal, files: list[rx.UploadFile]):
        """The photo of the current step, into private storage."""
        self.uploading = False
        if not isinstance(files, list) or len(files) != 1 or self.sent:
            raise Refused("Send one photo at a time")
        if self.step >= STEP_COUNT or self._scan_patient != await current_patient_id(
                self, principal):
            raise Refused("Start the scan again")
        try:
            with db_session() as session:
                patient = authorize_patient(session, principal, self._scan_patient,
                                            action="patient_app.scan_photo")
                stored = await pm.store_scan_photo(
                    session, patient, upload_chunks(files[0], pm.MAX_PHOTO_BYTES),
                    original_name=f"{STEP_KEYS[self.step]}.jpg", actor=principal.actor)
                session.commit()
        except pm.MonitoringStopped:
            self.error = "stopped"
            return None
        except storage.FileRefused:
            self.error = "file"
            return None
        self._photo_ids = [*self._photo_ids, stored.id]
        self.step, self.error = len(self._photo_ids), ""
        self.uploading, self.upload_percent = False, 0
        return None

    @rx.event
    @guarded
    def retake(self, principal: Principal):
        """Take the previous photo again (the one already sent is left out of the scan)."""
        if self._photo_ids and not self.sent:
            self._photo_ids = self._photo_ids[:-1]
            self.step, self.error, self.upload_percent = len(self._photo_ids), "", 0

    @rx.event
    @guarded
    async def send_scan(self, principal: Principal):
        if self._scan_patient != await current_patient_id(self, principal):
            raise Refused("Start the scan again")
        try:
            with db_session() as session:
                patient = authorize_patient(session, principal, self._scan_patient,
                                            action="patient_app.scan_send")
                pm.send_scan(session, patient, photo_ids=self._photo_ids,
                             actor=principal.actor, today=date.today())
                session.commit()
        except pm.PatientScanError as exc:
            self.error = "stopped" if isinstance(exc, pm.MonitoringStopped) else "incomplete"
            return None
        self.sent, self._photo_ids, self.error = True, [], ""
        self._status(principal, self._scan_patient)
        return None
