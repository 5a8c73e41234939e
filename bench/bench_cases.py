"""Lab cases at scale: the doctor's case list (attention order, paged in SQL) and the lab's
board counts on 5,000 cases of one practice. Prints `name: value` lines (medians); never
fails."""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel, select  # noqa: E402

import ortho_app.models  # noqa: E402, F401
from ortho_app.core.db import make_engine  # noqa: E402
from ortho_app.core.security.sessions import Principal  # noqa: E402
from ortho_app.models import (  # noqa: E402
    Institution,
    InstitutionKind,
    LabService,
    Patient,
    Role,
    SessionKind,
)
from ortho_app.models.lab_cases import LabCase  # noqa: E402
from ortho_app.services.lab_cases.listing import list_cases, status_counts  # noqa: E402
from ortho_app.services.lab_cases.pipeline import BOARD_ORDER, CaseType  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import median_ms  # noqa: E402

CASES = 5_000
PATIENTS = 2_000


def populate(session: Session) -> tuple[Principal, Principal]:
    practice = Institution(kind=InstitutionKind.PRACTICE, name="Bench practice")
    lab = Institution(kind=InstitutionKind.LAB, name="Bench lab")
    session.add_all([practice, lab])
    session.flush()
    session.add(LabService(lab_id=lab.id, practice_id=practice.id))
    session.add_all(Patient(institution_id=practice.id, last_name=f"Name{i:05d}",
                            first_name=f"First{i % 97}",
                            date_of_birth=date(1990, 1, 1) + timedelta(days=i))
                    for i in range(PATIENTS))
    session.flush()
    first_patient = session.exec(select(Patient.id).order_by(Patient.id)).first()
    types, now = list(CaseType), datetime(2026, 12, 1, tzinfo=UTC)
    session.add_all(LabCase(
        practice_id=practice.id, lab_id=lab.id, patient_id=first_patient + i % PATIENTS,
        case_type=types[i % len(types)].value, teeth="11,21", rx_description="Bench",
        status=BOARD_ORDER[i % len(BOARD_ORDER)].value, clock_started_on=date(2026, 11, 2),
        ship_date=None if i % 9 in (0, 5) else date(2026, 12, 1) + timedelta(days=i % 20),
        archived=i % 10 == 0, last_modified_at=now - timedelta(minutes=i))
        for i in range(CASES))
    session.commit()
    doctor = Principal(session_id=1, kind=SessionKind.STAFF, user_id=1,
                       institution_id=practice.id, role=Role.CLINICIAN, sees_all_patients=True)
    coordinator = Principal(session_id=2, kind=SessionKind.STAFF, user_id=2,
                            institution_id=lab.id, role=Role.LAB_COORDINATOR)
    return doctor, coordinator


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            doctor, coordinator = populate(session)
            print(f"cases_page_5k_ms: {median_ms(lambda: list_cases(session, doctor)):.1f}")
            print("cases_page_5k_by_patient_ms: "
                  f"{median_ms(lambda: list_cases(session, doctor, sort='patient')):.1f}")
            print("cases_page_5k_last_page_ms: "
                  f"{median_ms(lambda: list_cases(session, doctor, page=179)):.1f}")
            column = dict(archived=None, statuses=["Processing"], sort="ship_date")
            print("board_column_5k_ms: "
                  f"{median_ms(lambda: list_cases(session, coordinator, **column)):.1f}")
            print("board_counts_5k_ms: "
                  f"{median_ms(lambda: status_counts(session, coordinator)):.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
