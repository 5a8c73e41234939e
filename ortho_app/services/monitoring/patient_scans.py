"""Monitoring as the patient app shows it, and the patient's own scans (framework-free).

`status_of` gathers what the home section shows: the next scan due, a pause (its message and
resume date), an immediate-scan request with the clinician's instructions, and the latest
verdict. `store_scan_photo` keeps one guided photo in storage (checked by its bytes, EXIF
stripped) and `send_scan` turns the photos the patient took into a scan for the review queue.
Both refuse when monitoring is stopped. Callers pass an authorized Patient row and commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.models import MonitoringState, Patient, Scan, StoredFile, Verdict
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.monitoring import review as scan_review
from ortho_app.services.monitoring.review import SCAN_STEPS

# The guided photo steps, in order (labels the clinician sees on each photo).
PHOTO_KINDS = ("jpeg", "png")
MAX_PHOTO_BYTES = 15 * 1024 * 1024


class PatientScanError(ValueError):
    """The patient cannot do this now; the message is safe to show."""


class MonitoringStopped(PatientScanError):
    """Monitoring is stopped for this patient: no scan can be sent."""


@dataclass(frozen=True)
class MonitoringStatus:
    state: str  # "active", "paused", "stopped"; "none" when never monitored
    aligner_number: int = 0
    next_due: date | None = None
    paused_until: date | None = None
    pause_message: str = ""
    immediate_requested: bool = False
    instructions: str = ""
    awaiting_review: bool = False
    verdict: Verdict | None = None
    verdict_aligner: int = 0  # the aligner the patient wore at the scan with that verdict
    verdict_scan_on: date | None = None  # the day of the scan that verdict answered

    @property
    def can_send_scans(self) -> bool:
        return self.state in (MonitoringState.ACTIVE.value, MonitoringState.PAUSED.value)


def status_of(session: Session, patient: Patient, *, today: date) -> MonitoringStatus:
    plan = monitoring.find_plan(session, patient.id)
    schedule = monitoring.schedule_of(session, patient.id)
    if plan is None:
        return MonitoringStatus(state="none")
    if not schedule.can_send_scans():
        return MonitoringStatus(state=MonitoringState.STOPPED.value)
    reviewed = session.exec(select(Scan).where(
        Scan.patient_id == patient.id, col(Scan.verdict).is_not(None))
        .order_by(col(Scan.taken_on).desc(), col(Scan.id).desc())).first()
    paused = schedule.is_paused(today)
    return MonitoringStatus(
        state=schedule.state(today), aligner_number=plan.aligner_number,
        next_due=schedule.next_due(today), paused_until=schedule.paused_until if paused else None,
        pause_message=plan.patient_message if paused else "",
        immediate_requested=schedule.immediate_requested,
        instructions=plan.immediate_instructions if schedule.immediate_requested else "",
        awaiting_review=plan.awaiting_review,
        verdict=reviewed.verdict if reviewed else None,
        verdict_aligner=reviewed.aligner_number if reviewed else 0,
        verdict_scan_on=reviewed.taken_on if reviewed else None)


def _require_monitoring(session: Session, patient: Patient) -> None:
    if not monitoring.schedule_of(session, patient.id).can_send_scans():
        raise MonitoringStopped("Monitoring is stopped: scans cannot be sent")


async def store_scan_photo(session: Session, patient: Patient, chunks: AsyncIterable[bytes],
                           *, original_name: str, actor: str) -> StoredFile:
    """One photo of a scan in progress, into private storage (the caller commits).
    Raises PatientScanError, or a storage FileRefused (not an image, too large, …)."""
    _require_monitoring(session, patient)
    return await storage.save_stream(chunks, original_name=original_name, session=session,
                                     institution_id=patient.institution_id,
                                     patient_id=patient.id, uploaded_by=actor,
                                     max_bytes=MAX_PHOTO_BYTES, allowed_kinds=PHOTO_KINDS)


def send_scan(session: Session, patient: Patient, *, photo_ids: Iterable[int], actor: str,
              today: date) -> Scan:
    """The scan from the photos this patient's session stored (in step order)."""
    _require_monitoring(session, patient)
    ids = list(photo_ids)[:len(SCAN_STEPS)]
    rows = {f.id: f for f in session.exec(select(StoredFile).where(
        col(StoredFile.id).in_(ids), StoredFile.patient_id == patient.id,
        StoredFile.uploaded_by == actor))} if ids else {}
    if len(ids) != len(SCAN_STEPS) or len(rows) != len(ids):
        raise PatientScanError("Take every photo of the scan before sending it")
    try:
        return scan_review.submit_scan(session, patient, photos=[rows[i] for i in ids],
                                       today=today, actor=actor, labels=SCAN_STEPS)
    except scan_review.ReviewError as exc:
        raise PatientScanError(str(exc)) from None
