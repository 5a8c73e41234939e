"""Lab cases: creation and intake, resubmission, moves and history, ship dates, archive,
teeth numbering, RX script PDF and confirmation e-mail."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import func, select

from ortho_app.core import storage
from ortho_app.core.jobs import start_job
from ortho_app.models import OutboxMessage, StoredFile
from ortho_app.models.lab_cases import LabCase, LabCaseFile, LabCaseMove
from ortho_app.services.lab_cases import moves, notify, rx_script, teeth
from ortho_app.services.lab_cases import turnaround as calendar
from ortho_app.services.lab_cases.cases import archive_case, case_ref, resubmit_case
from ortho_app.services.lab_cases.files import files_of
from ortho_app.services.lab_cases.pipeline import (
    Actor,
    CaseStatus,
    HoldReason,
    MoveRefused,
    PrescriptionIncomplete,
)
from tests.factories.lab_cases import TODAY, build_world, new_case, rx, stored

LAB = "staff:lab"


@pytest.fixture
def world(session):
    return build_world(session)


def count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


# --- teeth numbering -------------------------------------------------------------------------

@pytest.mark.parametrize(("fdi", "universal"), [
    (18, 1), (11, 8), (21, 9), (28, 16), (38, 17), (31, 24), (41, 25), (48, 32), (16, 3),
    (26, 14), (36, 19), (46, 30)])
def test_fdi_and_universal_numbers_match_the_chart(fdi, universal):
    assert teeth.fdi_to_universal(fdi) == universal
    assert teeth.universal_to_fdi(universal) == fdi


def test_every_tooth_round_trips_and_numbers_are_unique():
    universals = [teeth.fdi_to_universal(t) for t in teeth.FDI_TEETH]
    assert sorted(universals) == list(range(1, 33))
    assert all(teeth.universal_to_fdi(teeth.fdi_to_universal(t)) == t for t in teeth.FDI_TEETH)
    assert teeth.UPPER_ROW[0] == 18 and teeth.UPPER_ROW[-1] == 28
    assert teeth.LOWER_ROW[0] == 48 and teeth.LOWER_ROW[-1] == 38


@pytest.mark.parametrize("bad", ["19", "0", "50", "abc", "1e2", "-11"])
def test_parse_teeth_refuses_what_is_not_an_fdi_tooth(bad):
    with pytest.raises(ValueError):
        teeth.parse_teeth(f"11, {bad}")
    with pytest.raises(ValueError):
        teeth.universal_to_fdi(33)


def test_format_teeth_in_both_numberings():
    assert teeth.parse_teeth("21, 11 ,11") == [11, 21]
    assert teeth.format_teeth([21, 11]) == "11, 21"
    assert teeth.format_teeth([21, 11], teeth.Numbering.UNIVERSAL) == "8, 9"


# --- creation --------------------------------------------------------------------------------

def test_complete_case_enters_processing_with_ship_date_in_business_days(session, world):
    case = new_case(session, world, files=("stl", "photo", "pdf"))
    assert case.status == CaseStatus.PROCESSING and case.lab_id == world.lab.id
    # Aligners: 10 business days from Tuesday 1 December → Tuesday 15 December.
    assert case.ship_date == date(2026, 12, 15)
    assert case.teeth == "11,21" and case_ref(case.id) == f"C-{case.id:05d}"
    assert sorted(f.kind for f in files_of(session, case.id)) == ["PDF", "Photo", "STL"]
    history = moves.history_of(session, case.id)
    assert [(m.from_status, m.to_status, m.actor_role) for m in history] == [
        (None, "Processing", "doctor")]
    stored_rows = session.exec(select(StoredFile)).all()
    assert all(s.patient_id == world.patient.id for s in stored_rows)


def test_lab_holidays_push_the_ship_date(session, world):
    calendar.add_holiday(session, lab_id=world.lab.id, day=date(2026, 12, 8))
    calendar.set_turnaround(session, lab_id=world.lab.id, case_type="Aligners",
                            business_days=5)
    case = new_case(session, world)
    assert case.ship_date == date(2026, 12, 9)  # 5 business days, 8 December skipped


def test_missing_models_puts_the_case_on_hold_without_ship_date(session, world):
    case = new_case(session, world, files=("photo",))
    assert case.status == CaseStatus.MISSING_CBCT_MODELS and case.ship_date is None


def test_tad_guide_without_cbct_waits_and_with_cbct_is_processed(session, world):
    assert new_case(session, world, case_type="TAD guide").status == "Missing CBCT/Models"
    ok = new_case(session, world, case_type="TAD guide", files=("stl", "cbct"))
    assert ok.status == "Processing"


def test_incomplete_prescription_is_refused_with_what_is_missing(session, world):
    with pytest.raises(PrescriptionIncomplete) as refused:
        new_case(session, world, teeth=(), text="  ")
    assert refused.value.missing == ["teeth numbers", "RX description"]
    session.rollback()
    assert count(session, LabCase) == 0 and count(session, LabCaseMove) == 0


def test_unknown_tooth_is_refused(session, world):
    with pytest.raises(ValueError):
        new_case(session, world, teeth=(11, 99))


# --- resubmission ----------------------------------------------------------------------------

def test_resubmit_resets_ship_date_returns_to_processing_keeps_lab_dates(session, world):
    case = new_case(session, world, files=("photo",))
    created_modified = case.last_modified_at
    later = date(2026, 12, 7)
    resubmit_case(session, case, rx=rx(teeth=(11, 21, 31)), files=stored(session, "stl"),
                  actor="staff:1", today=later)
    assert case.status == "Processing" and case.teeth == "11,21,31"
    assert case.ship_date == date(2026, 12, 21) and case.last_modified_at > created_modified
    moves.move_case(session, case, CaseStatus.RECEIVED, actor=LAB,
                    role=Actor.LAB_COORDINATOR, today=date(2026, 12, 8))
    assert case.last_modified_at > created_modified and case.ship_date == date(2026, 12, 21)
    resubmit_case(session, case, rx=rx(text="New RX"), files=[], actor="staff:1",
                  today=date(2026, 12, 9))
    assert case.status == "Processing" and case.ship_date == date(2026, 12, 23)


def test_resubmit_refused_once_planning_is_scheduled(session, world):
    case = new_case(session, world)
    case.status = CaseStatus.PLANNING_SCHEDULED.value
    with pytest.raises(MoveRefused, match="cannot be changed"):
        resubmit_case(session, case, rx=rx(), files=[], actor="staff:1", today=TODAY)


# --- lab moves -------------------------------------------------------------------------------

def test_lab_moves_follow_the_pipeline_and_are_recorded(session, world):
    case = new_case(session, world)
    moves.move_case(session, case, "Received", actor=LAB, role=Actor.LAB_COORDINATOR,
                    today=TODAY)
    with pytest.raises(MoveRefused, match="Manufacturing starts only"):
        moves.move_case(session, case, "Manufacturing", actor=LAB,
                        role=Actor.LAB_COORDINATOR, today=TODAY)
    with pytest.raises(MoveRefused):
        moves.move_case(session, case, "Ready to Plan", actor="staff:1", role=Actor.DOCTOR,
                        today=TODAY)
    assert [m.to_status for m in moves.history_of(session, case.id)] == [
        "Processing", "Received"]


def test_hold_needs_a_reason_turns_red_and_clears_when_released(session, world):
    case = new_case(session, world)
    with pytest.raises(MoveRefused, match="hold reason"):
        moves.move_case(session, case, "Missing CBCT/Models", actor=LAB,
                        role=Actor.LAB_COORDINATOR, today=TODAY)
    moves.move_case(session, case, "Missing CBCT/Models", actor=LAB,
                    role=Actor.LAB_COORDINATOR, today=TODAY,
                    hold_reason=HoldReason.WRONG_ARCH, hold_detail="Lower arch sent twice")
    assert (case.hold_reason, case.hold_detail, case.ship_date) == (
        "Wrong arch", "Lower arch sent twice", None)
    assert moves.history_of(session, case.id)[-1].reason.startswith("Wrong arch")
    moves.move_case(session, case, "Received", actor=LAB, role=Actor.LAB_COORDINATOR,
                    today=date(2026, 12, 3))
    assert case.hold_reason is None and case.ship_date == date(2026, 12, 17)


def test_archive_hides_the_case_and_changes_nothing_else(session, world):
    case = new_case(session, world)
    before = (case.status, case.ship_date, case.last_modified_at)
    archive_case(session, case)
    assert case.archived and (case.status, case.ship_date, case.last_modified_at) == before
    archive_case(session, case, archived=False)
    assert not case.archived


# --- RX script and confirmation --------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_rx_script_job_writes_a_pdf_with_description_teeth_and_patient(session, world):
    case = new_case(session, world, teeth=(11, 21, 36), text="Close the spaces — upper arch")
    job = start_job(rx_script.JOB_KIND, owner="staff:1")
    rx_script.generate_rx_script(job.id, case.id, "staff:1")
    session.expire_all()
    row = session.exec(select(LabCaseFile).where(LabCaseFile.kind == "RX script")).one()
    text = pdf_text(storage.read_bytes(session.get(StoredFile, row.stored_file_id)))
    assert "Close the spaces - upper arch" in text and "Camille Martin" in text
    assert "11, 21, 36" in text and "8, 9, 19" in text and case_ref(case.id) in text
    rx_script.write_rx_script(session, case, actor="staff:1", today=TODAY)
    names = [f.name for f in files_of(session, case.id) if f.kind == "RX script"]
    assert names == [f"rx-script-{case_ref(case.id)}.pdf", f"rx-script-{case_ref(case.id)}-v2.pdf"]


def test_confirmation_email_goes_to_the_doctor_through_the_outbox(session, world):
    case = new_case(session, world)
    notify.confirmation_email(session, case, user_id=world.manager.id, patient_initials="C. M.",
                              case_url="http://localhost:3000/clinic/cases/1")
    session.commit()
    message = session.exec(select(OutboxMessage)).one()
    assert message.recipient == "manager@practice.test" and case_ref(case.id) in message.subject
    assert "/clinic/cases/1" in message.body and "Camille" not in message.body


def test_attention_rank_follows_the_status_at_every_flush(session, world):
    from ortho_app.services.lab_cases.pipeline import ATTENTION_ORDER, attention_rank

    assert [attention_rank(s) for s in ATTENTION_ORDER] == list(range(len(ATTENTION_ORDER)))
    assert attention_rank("nonsense") == len(ATTENTION_ORDER)
    case = new_case(session, world)
    assert case.attention_rank == attention_rank("Processing")
    case.status = "Planning No Show"
    session.add(case)
    session.commit()
    assert session.get(LabCase, case.id).attention_rank == 1


def test_rx_script_job_run_again_after_its_worker_died_attaches_one_script(session, world,
                                                                           monkeypatch):
    from ortho_app.core import jobs
    from ortho_app.models import JobStatus
    from tests.support.jobs import WorkerKilled, age

    case = new_case(session, world)
    session.commit()
    job = start_job(rx_script.JOB_KIND, owner="staff:1", task=rx_script.generate_rx_script,
                    args=(case.id, "staff:1"))
    rendered = rx_script.render_rx_script

    def killed(**kwargs):
        rendered(**kwargs)
        raise WorkerKilled

    monkeypatch.setattr(rx_script, "render_rx_script", killed)
    with pytest.raises(WorkerKilled):
        jobs.enqueue(job.id)
    monkeypatch.setattr(rx_script, "render_rx_script", rendered)
    age(job.id)
    assert jobs.reap_stale_jobs() == 1
    done = jobs.job_status(job.id)
    assert (done.status, done.attempts, done.message) == (JobStatus.DONE, 2, "RX script ready")
    session.expire_all()
    scripts = [f for f in files_of(session, case.id) if f.kind == "RX script"]
    assert [f.name for f in scripts] == [f"rx-script-{case_ref(case.id)}.pdf"]
    assert done.result == str(scripts[0].file_id)
