"""Foundation figures: resolving a session (every event does it) and a patient list page on
10,000 patients. Prints `name: value` lines (medians); never fails."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel  # noqa: E402

import ortho_app.models  # noqa: E402, F401
from ortho_app.core.db import make_engine  # noqa: E402
from ortho_app.core.security.sessions import open_session, resolve  # noqa: E402
from ortho_app.models import (  # noqa: E402
    Institution,
    InstitutionKind,
    Membership,
    Patient,
    Role,
    SessionKind,
    StaffUser,
)
from ortho_app.services.patients.directory import search_patients  # noqa: E402

PATIENTS = 10_000


def median_ms(fn, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            practice = Institution(kind=InstitutionKind.PRACTICE, name="Bench")
            session.add(practice)
            session.flush()
            user = StaffUser(email="b@bench", full_name="B", password_hash="x")
            session.add(user)
            session.flush()
            session.add(Membership(user_id=user.id, institution_id=practice.id,
                                   role=Role.CLINICIAN, sees_all_patients=True))
            session.add_all(Patient(institution_id=practice.id, last_name=f"Name{i:05d}",
                                    first_name=f"First{i % 97}",
                                    date_of_birth=date(1990, 1, 1) + timedelta(days=i))
                            for i in range(PATIENTS))
            secret = open_session(session, kind=SessionKind.STAFF, user_id=user.id,
                                  institution_id=practice.id)
            session.commit()
            principal = resolve(session, secret)
            print(f"session_resolve_ms: {median_ms(lambda: resolve(session, secret)):.2f}")
            print(f"patient_page_10k_ms: "
                  f"{median_ms(lambda: search_patients(session, principal, page=200)):.2f}")
            search = median_ms(lambda: search_patients(session, principal, search="name0999"))
            print(f"patient_search_10k_ms: {search:.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
