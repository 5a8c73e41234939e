from datetime import date, timedelta

import pytest
from sqlmodel import select

from ortho_app.core import storage
from ortho_app.models import PauseReason, Role, Scan, ScanPhoto, StoredFile, Verdict
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.monitoring import patient_scans as pm
from ortho_app.services.monitoring import review as scan_review
from tests import factories
from tests.support.files import image_bytes, png_with_text

D0 = date(2026, 11, 2)
ACTOR = "patient-session:7"


async def _chunks(data: bytes):
    yield data[:10]
    yield data[10:]


@pytest.fixture
def patient(session):
    practice = factories.institution(session)
    doctor = factories.staff(session, practice, Role.CLINICIAN)
    patient = factories.patient(session, practice, clinician=doctor)
    monitoring.start_monitoring(session, patient, actor="staff:1", today=D0, frequency_days=7)
    session.commit()
    return patient


async def _take_all(session, patient, actor=ACTOR) -> list[int]:
    ids = []
    for step in pm.SCAN_STEPS:
        stored = await pm.store_scan_photo(session, patient, _chunks(image_bytes()),
                                           original_name=f"{step}.jpg", actor=actor)
        ids.append(stored.id)
    session.commit()
    return ids


def test_status_of_never_monitored_patient_is_none(session):
    practice = factories.institution(session)
    other = factories.patient(session, practice, first="Never")
    assert pm.status_of(session, other, today=D0).state == "none"


def test_status_shows_next_due_and_immediate_instructions(session, patient):
    monitoring.ask_immediate_scan(session, patient, actor="staff:1", today=D0 + timedelta(3),
                                  instructions="Wear the aligner 2 hours before")
    status = pm.status_of(session, patient, today=D0 + timedelta(3))
    assert status.state == "active" and status.next_due == D0
    assert status.immediate_requested and status.instructions == "Wear the aligner 2 hours before"
    assert status.can_send_scans


def test_status_shows_pause_message_and_resume_date(session, patient):
    until = D0 + timedelta(days=10)
    monitoring.pause_monitoring(session, patient, actor="staff:1", today=D0,
                                reason=PauseReason.LOST_ALIGNER, until=until,
                                message="A new aligner is on its way")
    status = pm.status_of(session, patient, today=D0 + timedelta(1))
    assert status.state == "paused" and status.paused_until == until
    assert status.pause_message == "A new aligner is on its way"
    assert pm.status_of(session, patient, today=until).pause_message == ""


async def test_latest_verdict_is_go_with_next_aligner(session, patient):
    monitoring.plan_of(session, patient).aligner_number = 4
    scan = pm.send_scan(session, patient, photo_ids=await _take_all(session, patient),
                        actor=ACTOR, today=D0)
    assert pm.status_of(session, patient, today=D0).awaiting_review
    scan_review.record_verdict(session, scan, patient, verdict=Verdict.GO, note="",
                               actor="staff:1", today=D0)
    status = pm.status_of(session, patient, today=D0)
    assert status.verdict == Verdict.GO and status.verdict_aligner == 4
    assert status.aligner_number == 5 and not status.awaiting_review


async def test_send_scan_labels_photos_by_step_and_queues_it(session, patient):
    scan = pm.send_scan(session, patient, photo_ids=await _take_all(session, patient),
                        actor=ACTOR, today=D0 + timedelta(days=7))
    session.commit()
    labels = [p.label for p in scan_review.photos_of(session, scan.id)]
    assert labels == list(pm.SCAN_STEPS) and scan.awaiting_review
    assert pm.status_of(session, patient, today=D0 + timedelta(7)).next_due == \
        D0 + timedelta(days=14)


async def test_send_scan_refuses_missing_or_foreign_photos(session, patient):
    ids = await _take_all(session, patient)
    with pytest.raises(pm.PatientScanError):
        pm.send_scan(session, patient, photo_ids=ids[:-1], actor=ACTOR, today=D0)
    with pytest.raises(pm.PatientScanError):  # photos of another sign-in session
        pm.send_scan(session, patient, photo_ids=ids, actor="patient-session:8", today=D0)
    other = factories.patient(session, factories.institution(session), first="Other")
    with pytest.raises(pm.PatientScanError):
        pm.send_scan(session, other, photo_ids=ids, actor=ACTOR, today=D0)
    assert session.exec(select(Scan)).all() == []


async def test_stopped_monitoring_refuses_photos_and_scans(session, patient):
    ids = await _take_all(session, patient)
    monitoring.stop_monitoring(session, patient, actor="staff:1", today=D0)
    session.commit()
    before = len(session.exec(select(StoredFile)).all())
    with pytest.raises(pm.MonitoringStopped):
        await pm.store_scan_photo(session, patient, _chunks(image_bytes()),
                                  original_name="x.jpg", actor=ACTOR)
    with pytest.raises(pm.MonitoringStopped):
        pm.send_scan(session, patient, photo_ids=ids, actor=ACTOR, today=D0)
    assert len(session.exec(select(StoredFile)).all()) == before
    assert session.exec(select(ScanPhoto)).all() == []
    assert pm.status_of(session, patient, today=D0).state == "stopped"


async def test_store_scan_photo_refuses_non_images_and_strips_metadata(session, patient):
    with pytest.raises(storage.FileRefused):
        await pm.store_scan_photo(session, patient, _chunks(b"<svg onload=alert(1)></svg>"),
                                  original_name="x.jpg", actor=ACTOR)
    stored = await pm.store_scan_photo(session, patient, _chunks(png_with_text("secret")),
                                       original_name="x.png", actor=ACTOR)
    assert b"secret" not in storage.read_bytes(stored)
    assert stored.patient_id == patient.id and stored.uploaded_by == ACTOR
