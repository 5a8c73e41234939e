"""Scans in, verdicts out: the review queue and GO / NO-GO / SEE THE DOCTOR (framework-free).

The patient app calls `submit_scan`; clinicians review the queue (immediate scans first, then
the oldest) and `record_verdict`: GO advances the aligner number, and the patient is told
("change to aligner N+1" / "remain on the current aligner" / "please see the doctor").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from ortho_app.core.security.sessions import Principal
from ortho_app.models import MonitoringEvent, Patient, Scan, ScanPhoto, StoredFile, Verdict
from ortho_app.models._base import utcnow
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.patients.directory import visible_patients_query

# The guided photo steps of a monitoring scan, in the order the patient app takes them; a
# scan's photos are labelled with them.
SCAN_STEPS = ("Smile", "Front", "Left", "Right", "Upper", "Lower")
MAX_PHOTOS = 12


class ReviewError(ValueError):
    """A refused review action; the message is safe to show."""


def submit_scan(session: Session, patient: Patient, *, photos: list[StoredFile], today: date,
                actor: str, labels: tuple[str, ...] = SCAN_STEPS) -> Scan:
    if not photos or len(photos) > MAX_PHOTOS:
        raise ReviewError(f"A scan needs 1 to {MAX_PHOTOS} photos")
    if any(p.content_type not in ("image/jpeg", "image/png") for p in photos):
        raise ReviewError("Scan photos must be JPEG or PNG images")
    immediate = monitoring.schedule_of(session, patient.id).immediate_requested
    try:
        plan = monitoring.record_scan(session, patient, actor=actor, today=today)
    except monitoring.ActionError as exc:
        raise ReviewError(str(exc)) from None
    scan = Scan(patient_id=patient.id, institution_id=patient.institution_id, taken_on=today,
                immediate=immediate, aligner_number=plan.aligner_number)
    session.add(scan)
    session.flush()
    for position, stored in enumerate(photos):
        label = labels[position] if position < len(labels) else f"{position + 1}"
        session.add(ScanPhoto(scan_id=scan.id, file_id=stored.id, position=position,
                              label=label))
    return scan


@dataclass(frozen=True)
class QueueEntry:
    scan: Scan
    patient: Patient


def review_queue(session: Session, principal: Principal, *, limit: int = 50,
                 offset: int = 0) -> tuple[list[QueueEntry], int]:
    """Scans awaiting review that this clinician may see: immediate first, then oldest."""
    visible = visible_patients_query(principal).subquery()
    query = select(Scan, Patient).join(Patient, Patient.id == Scan.patient_id).join(
        visible, visible.c.id == Patient.id).where(Scan.awaiting_review)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Scan.immediate).desc(), Scan.taken_on, Scan.id)
                        .offset(max(offset, 0)).limit(min(limit, 200))).all()
    return [QueueEntry(scan, patient) for scan, patient in rows], total


def photos_of(session: Session, scan_id: int) -> list[ScanPhoto]:
    return list(session.exec(select(ScanPhoto).where(ScanPhoto.scan_id == scan_id)
                             .order_by(ScanPhoto.position)))


def previous_scans(session: Session, scan: Scan, limit: int = 10) -> list[Scan]:
    return list(session.exec(select(Scan).where(
        Scan.patient_id == scan.patient_id, Scan.id != scan.id, Scan.taken_on <= scan.taken_on)
        .order_by(col(Scan.taken_on).desc(), col(Scan.id).desc()).limit(limit)))


VERDICT_MESSAGES = {
    Verdict.GO: "Your scan is good: change to aligner {next}.",
    Verdict.NO_GO: "Please remain on the current aligner (aligner {current}).",
    Verdict.SEE_DOCTOR: "Please contact the practice: the doctor would like to see you.",
}


def record_verdict(session: Session, scan: Scan, patient: Patient, *, verdict: Verdict,
                   note: str, actor: str, today: date) -> Scan:
    if not scan.awaiting_review:
        raise ReviewError("This scan has already been reviewed")
    note = (note or "").strip()
    if len(note) > 2000:
        raise ReviewError("The note is too long (2000 characters at most)")
    plan = monitoring.plan_of(session, patient)
    current = plan.aligner_number
    if verdict == Verdict.GO:
        plan.aligner_number = current + 1
    scan.awaiting_review, scan.verdict, scan.verdict_note = False, verdict, note
    scan.reviewed_by, scan.reviewed_at = actor, utcnow()
    session.add(scan)
    session.flush()
    plan.awaiting_review = session.exec(select(Scan.id).where(
        Scan.patient_id == patient.id, Scan.awaiting_review)).first() is not None
    session.add(plan)
    message = VERDICT_MESSAGES[verdict].format(next=current + 1, current=current)
    session.add(MonitoringEvent(
        patient_id=patient.id, day=today, actor=actor, kind="verdict",
        text=f"{verdict.value}: {message}" + (f"\n{note}" if note else "")))
    monitoring.notify_patient(session, patient, "Your scan was reviewed",
                              message + (f"\n\n{note}" if note else ""))
    return scan
