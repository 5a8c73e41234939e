"""Demo lab cases: ~60 cases of "Demo Orthodontics" at "Demo Lab" across every status (with
their history of moves, hold reasons, planning sessions, carriers and tracking numbers), the
lab's turnaround per case type and a holiday, 20 free planning blocks over the next two weeks
and one scheduled session. A few cases carry a small STL model.

Idempotent (skipped when the practice has cases) and deterministic (random.Random(2026), dates
relative to `today`).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.models import Patient
from ortho_app.models.lab_cases import LabCase, PlanningBlock, SessionOutcome
from ortho_app.services.lab_cases import files as case_files
from ortho_app.services.lab_cases.moves import enter_status
from ortho_app.services.lab_cases.pipeline import Actor, CaseStatus, CaseType, HoldReason
from ortho_app.services.lab_cases.teeth import stored
from ortho_app.services.lab_cases.turnaround import (
    DEFAULT_TURNAROUND_DAYS,
    add_holiday,
    set_turnaround,
)
from ortho_app.services.models3d import meshes

S = CaseStatus
DOCTOR = "staff:demo-doctor"
LAB = "staff:demo-lab"
# Final status → how many demo cases end there (58 in all).
PLAN: tuple[tuple[CaseStatus, int], ...] = (
    (S.MISSING_CBCT_MODELS, 6), (S.PROCESSING, 8), (S.RECEIVED, 8), (S.READY_TO_PLAN, 7),
    (S.PLANNING_SCHEDULED, 1), (S.PLANNING_NO_SHOW, 3), (S.MANUFACTURING, 8),
    (S.FINISHED, 5), (S.SHIPPED, 12),
)
PATH = (S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN, S.PLANNING_SCHEDULED, S.MANUFACTURING,
        S.FINISHED, S.SHIPPED)
TEETH = {
    CaseType.ALIGNERS: [*range(11, 18), *range(21, 28), *range(31, 38), *range(41, 48)],
    CaseType.RETAINERS: [13, 12, 11, 21, 22, 23, 33, 32, 31, 41, 42, 43],
    CaseType.INDIRECT_BONDING: [15, 14, 13, 12, 11, 21, 22, 23, 24, 25],
    CaseType.EXPANDER: [16, 26, 14, 24], CaseType.BONE_ANCHORED_EXPANDER: [16, 26],
    CaseType.TAD_GUIDE: [15, 25], CaseType.SURGICAL_SPLINT: [*range(11, 18), *range(21, 28)],
}
RX = {
    CaseType.ALIGNERS: "Full arch aligners, upper and lower. Close anterior spacing, level the "
                       "curve of Spee. Attachments as needed. 20 stages max.",
    CaseType.RETAINERS: "Fixed lingual retainer 3-3 upper and lower, plus clear night retainers.",
    CaseType.INDIRECT_BONDING: "Indirect bonding trays, 0.022 MBT brackets, 5-5 upper arch.",
    CaseType.EXPANDER: "Hyrax expander on 16 and 26, 8 mm screw, hooks on 14 and 24.",
    CaseType.BONE_ANCHORED_EXPANDER: "MSE with 4 mini-screws, 1.5 x 11 mm, palatal vault from "
                                     "CBCT.",
    CaseType.TAD_GUIDE: "Insertion guide for two buccal TADs between 15-16 and 25-26.",
    CaseType.SURGICAL_SPLINT: "Intermediate splint for maxillary advancement of 4 mm.",
}
CARRIERS = ("UPS", "DHL Express", "Chronopost", "FedEx")
HOLDS = tuple(HoldReason)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _business_days_ago(today: date, n: int) -> date:
    day = today
    while n > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _stl(seed: int) -> bytes:
    vertices, faces = meshes.generate_arch(2_000, seed=seed, upper=True)
    return meshes.to_binary_stl(vertices, faces, header=b"ortho_app demo case")


def _steps(final: CaseStatus, rng: random.Random) -> list[CaseStatus]:
    if final is S.PLANNING_NO_SHOW:
        return [*PATH[:4], S.PLANNING_NO_SHOW]
    if final is S.MISSING_CBCT_MODELS:
        return [*PATH[:rng.randint(1, 2)], S.MISSING_CBCT_MODELS]
    return list(PATH[:PATH.index(final) + 1])


def _days(count: int, final: CaseStatus, rng: random.Random, today: date) -> list[date]:
    """Business days of each step, the last one recent (a shipped case up to 3 weeks ago)."""
    day = _business_days_ago(today, rng.randint(3, 15) if final is S.SHIPPED
                             else rng.randint(0, 2))
    days = [day]
    for _ in range(count - 1):
        day = _business_days_ago(day, rng.randint(1, 3))
        days.append(day)
    return days[::-1]


def _walk(session: Session, case: LabCase, steps: list[CaseStatus], days: list[date],
          rng: random.Random) -> None:
    """Move a new case along `steps` on `days` (history, holds, sessions, shipment)."""
    for n, (status, day) in enumerate(zip(steps, days, strict=True)):
        role = Actor.DOCTOR if n == 0 else Actor.LAB_COORDINATOR
        hold = rng.choice(HOLDS) if status is S.MISSING_CBCT_MODELS else None
        detail = "Upper arch scan is missing the distal of 17." if hold else ""
        if status is S.SHIPPED:
            case.carrier = rng.choice(CARRIERS)
            case.tracking_number = f"1Z{rng.randrange(10**9, 10**10)}"
        if status in (S.MANUFACTURING, S.PLANNING_NO_SHOW):
            session.add(PlanningBlock(lab_id=case.lab_id, start_at=_at(day, 10),
                                     end_at=_at(day, 11), case_id=case.id, booked_by=DOCTOR,
                                     booked_at=_at(days[n - 1], 8), published_by=LAB,
                                     outcome=(SessionOutcome.DONE if status is S.MANUFACTURING
                                              else SessionOutcome.NO_SHOW).value))
        enter_status(session, case, status, actor=DOCTOR if n == 0 else LAB, role=role,
                     today=day, reason="Case created" if n == 0 else "",
                     restart_clock=n == 0, hold_reason=hold, hold_detail=detail,
                     now=_at(day, 9 + n))


def _free_blocks(session: Session, lab_id: int, today: date) -> list[PlanningBlock]:
    blocks, day = [], today
    while len(blocks) < 20:
        day += timedelta(days=1)
        if day.weekday() >= 5:
            continue
        for hour in (9, 14):
            block = PlanningBlock(lab_id=lab_id, start_at=_at(day, hour),
                                end_at=_at(day, hour + 1), published_by=LAB)
            session.add(block)
            blocks.append(block)
    session.flush()
    return blocks


def seed_lab_cases(session: Session, practice_id: int, lab_id: int,
                   today: date | None = None) -> None:
    today = today or date.today()
    if session.exec(select(LabCase.id).where(LabCase.practice_id == practice_id)).first():
        return
    rng = random.Random(2026)
    for case_type, days in DEFAULT_TURNAROUND_DAYS.items():
        set_turnaround(session, lab_id=lab_id, case_type=case_type, business_days=days)
    add_holiday(session, lab_id=lab_id, day=date(today.year, 12, 25))
    patients = list(session.exec(select(Patient).where(Patient.institution_id == practice_id)
                                 .order_by(col(Patient.id))))
    free = _free_blocks(session, lab_id, today)
    types = list(CaseType)
    n = 0
    for final, count in PLAN:
        for k in range(count):
            patient = patients[n % len(patients)]
            case_type = types[(n * 3 + k) % len(types)]
            steps = _steps(S.READY_TO_PLAN if final is S.PLANNING_SCHEDULED else final, rng)
            days = _days(len(steps), final, rng, today)
            case = LabCase(practice_id=practice_id, lab_id=lab_id, patient_id=patient.id,
                           case_type=case_type.value, teeth=stored(TEETH[case_type]),
                           rx_description=RX[case_type], status="", clock_started_on=days[0],
                           created_by=DOCTOR, last_modified_by=DOCTOR,
                           last_modified_at=_at(days[0]), created_at=_at(days[0]),
                           archived=final is S.SHIPPED and k < 4)
            session.add(case)
            session.flush()
            if n % 9 == 1:
                stl = storage.save_stream([_stl(n)], original_name=f"upper-arch-{n}.stl",
                                          session=session, uploaded_by=DOCTOR)
                case_files.attach_file(session, case, stl, actor=DOCTOR)
            _walk(session, case, steps, days, rng)
            if final is S.PLANNING_SCHEDULED:
                block = free.pop(0)
                block.case_id, block.booked_by, block.booked_at = case.id, DOCTOR, _at(today, 8)
                session.add(block)
                enter_status(session, case, final, actor=DOCTOR, role=Actor.DOCTOR,
                             today=today, reason="Planning session scheduled")
            n += 1
    session.flush()
