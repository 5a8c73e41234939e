"""Demo remote monitoring: aligner patients with weekly scans, one paused, one stopped."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from ortho_app.core import storage
from ortho_app.demo.photos import scan_photo
from ortho_app.models import MonitoringPlan, Patient, PauseReason, Verdict
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.monitoring import review as scan_review

CLINICIAN = "staff:demo"


DEMO_VIEWS = scan_review.SCAN_STEPS[1:4]  # front, left, right


def _history(session: Session, patient: Patient, today: date, weeks: int, aligner: int) -> None:
    start = today - timedelta(weeks=weeks)
    monitoring.start_monitoring(session, patient, actor=CLINICIAN, today=start,
                                frequency_days=7)
    plan = monitoring.plan_of(session, patient)
    plan.aligner_number = aligner - weeks + 1
    for week in range(weeks):
        photos = [storage.save_stream([scan_photo(patient.id * 100 + week * 5 + n, view)],
                                      original_name=f"{view.lower()}.jpg", session=session,
                                      institution_id=patient.institution_id,
                                      patient_id=patient.id, uploaded_by="patient")
                  for n, view in enumerate(DEMO_VIEWS)]
        scan = scan_review.submit_scan(session, patient, photos=photos, actor="patient",
                                       labels=DEMO_VIEWS,
                                       today=start + timedelta(weeks=week, days=week % 2))
        last = week == weeks - 1
        if not last or weeks % 3 == 0:  # past verdicts; some latest scans await review
            scan.awaiting_review, scan.verdict, scan.reviewed_by = False, Verdict.GO, CLINICIAN
            plan.aligner_number += 1
    plan.awaiting_review = weeks % 3 != 0


def seed_monitoring(session: Session, practice_id: int, today: date | None = None) -> None:
    today = today or date.today()
    if session.exec(select(MonitoringPlan.id).where(
            MonitoringPlan.institution_id == practice_id)).first():
        return
    aligners = list(session.exec(select(Patient).where(
        Patient.institution_id == practice_id,
        Patient.treatment.in_(["Aligners", "Fixed braces"]))
        .order_by(Patient.treatment, Patient.last_name, Patient.first_name)))
    camille = next(p for p in aligners if (p.last_name, p.first_name) == ("Martin", "Camille"))
    others = [p for p in aligners if p.id != camille.id and p.last_name != "Dubois"]
    _history(session, camille, today, weeks=8, aligner=9)
    for n, patient in enumerate(others[:6]):
        _history(session, patient, today, weeks=3 + n, aligner=4 + 2 * n)
    if len(others) > 6:
        paused = others[6]
        _history(session, paused, today, weeks=4, aligner=6)
        monitoring.pause_monitoring(session, paused, actor=CLINICIAN, today=today,
                                    reason=PauseReason.LOST_ALIGNER,
                                    until=today + timedelta(days=6),
                                    message="We are making a new aligner for you.")
    if len(others) > 7:
        stopped = others[7]
        _history(session, stopped, today, weeks=5, aligner=14)
        monitoring.stop_monitoring(session, stopped, actor=CLINICIAN, today=today)
    monitoring.add_todo(session, camille, actor=CLINICIAN, today=today,
                        note="Check attachment on 13 at next scan")
    session.flush()
