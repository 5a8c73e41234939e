from datetime import date, timedelta

import pytest
from sqlmodel import select

from ortho_app.core import storage
from ortho_app.core.security.sessions import Principal
from ortho_app.models import OutboxMessage, Role, SessionKind, Verdict
from ortho_app.services.monitoring import actions as monitoring
from ortho_app.services.monitoring import review as scan_review
from tests import factories
from tests.support.files import image_bytes

D0 = date(2026, 11, 2)


def photos(session, n=3):
    return [storage.save_stream([image_bytes()], original_name=f"p{i}.png", session=session)
            for i in range(n)]


@pytest.fixture
def world(session):
    practice = factories.institution(session)
    doctor = factories.staff(session, practice, Role.CLINICIAN)
    other = factories.staff(session, practice, Role.CLINICIAN)
    mine = factories.patient(session, practice, first="Mine", clinician=doctor)
    theirs = factories.patient(session, practice, first="Theirs", clinician=other)
    for patient in (mine, theirs):
        patient.email = f"{patient.first_name.lower()}@example.fr"
        monitoring.start_monitoring(session, patient, actor="staff:x", today=D0,
                                    frequency_days=7)
    session.commit()
    principal = Principal(session_id=1, kind=SessionKind.STAFF, user_id=doctor.id,
                          institution_id=practice.id, role=Role.CLINICIAN)
    return mine, theirs, principal


def test_queue_puts_immediate_scans_first_then_oldest(session, world):
    mine, _theirs, principal = world
    old = scan_review.submit_scan(session, mine, photos=photos(session), today=D0,
                                  actor="patient")
    newer = scan_review.submit_scan(session, mine, photos=photos(session),
                                    today=D0 + timedelta(days=2), actor="patient")
    monitoring.ask_immediate_scan(session, mine, actor="staff:x", today=D0 + timedelta(days=3))
    urgent = scan_review.submit_scan(session, mine, photos=photos(session),
                                     today=D0 + timedelta(days=3), actor="patient")
    session.commit()
    entries, total = scan_review.review_queue(session, principal)
    assert [e.scan.id for e in entries] == [urgent.id, old.id, newer.id] and total == 3
    assert urgent.immediate and len(scan_review.photos_of(session, urgent.id)) == 3


def test_ordinary_clinician_queue_holds_only_assigned_patients(session, world):
    _mine, theirs, principal = world
    scan_review.submit_scan(session, theirs, photos=photos(session), today=D0, actor="patient")
    session.commit()
    assert scan_review.review_queue(session, principal) == ([], 0)


def test_go_advances_aligner_and_notifies(session, world):
    mine, _theirs, _principal = world
    monitoring.plan_of(session, mine).aligner_number = 4
    scan = scan_review.submit_scan(session, mine, photos=photos(session), today=D0,
                                   actor="patient")
    scan_review.record_verdict(session, scan, mine, verdict=Verdict.GO, note="Nice fit",
                               actor="staff:1", today=D0)
    plan = monitoring.plan_of(session, mine)
    assert plan.aligner_number == 5 and not plan.awaiting_review
    bodies = [m.body for m in session.exec(select(OutboxMessage)).all()]
    assert any("change to aligner 5" in b for b in bodies)
    assert monitoring.history(session, mine.id)[0].kind == "verdict"
    with pytest.raises(scan_review.ReviewError):
        scan_review.record_verdict(session, scan, mine, verdict=Verdict.NO_GO, note="",
                                   actor="staff:1", today=D0)


def test_no_go_keeps_aligner(session, world):
    mine, _theirs, _principal = world
    monitoring.plan_of(session, mine).aligner_number = 4
    scan = scan_review.submit_scan(session, mine, photos=photos(session), today=D0,
                                   actor="patient")
    scan_review.record_verdict(session, scan, mine, verdict=Verdict.NO_GO, note="",
                               actor="staff:1", today=D0)
    assert monitoring.plan_of(session, mine).aligner_number == 4


def test_scan_needs_image_photos(session, world):
    mine, _theirs, _principal = world
    pdf = storage.save_stream([b"%PDF-1.7 x"], original_name="x.pdf", session=session)
    with pytest.raises(scan_review.ReviewError):
        scan_review.submit_scan(session, mine, photos=[pdf], today=D0, actor="patient")
    with pytest.raises(scan_review.ReviewError):
        scan_review.submit_scan(session, mine, photos=[], today=D0, actor="patient")
