"""Appointment reminders: one sweep of the scheduled job (every minute) over a practice with
3,000 patients and 6,000 appointments in the next 31 days, when nothing is due and when a
slot's reminders fall due. Prints `name: value` lines (medians); never fails."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel  # noqa: E402

import ortho_app.models  # noqa: E402, F401
from ortho_app.core.db import make_engine  # noqa: E402
from ortho_app.models import Institution, InstitutionKind, Patient  # noqa: E402
from ortho_app.models.appointments import Appointment  # noqa: E402
from ortho_app.services.appointments import reminders  # noqa: E402
from ortho_app.services.appointments.appointments import PRACTICE_TZ, at_practice_time  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import median_ms  # noqa: E402

PATIENTS, APPOINTMENTS = 3_000, 6_000
START = date(2026, 12, 1)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            practice = Institution(kind=InstitutionKind.PRACTICE, name="Bench")
            session.add(practice)
            session.flush()
            session.add_all(Patient(institution_id=practice.id, last_name=f"N{i}",
                                    first_name="P", phone=f"+336{i:08d}",
                                    date_of_birth=date(1990, 1, 1)) for i in range(PATIENTS))
            session.flush()
            session.add_all(Appointment(
                patient_id=1 + i % PATIENTS, institution_id=practice.id,
                starts_at=at_practice_time(START + timedelta(days=1 + i % 30), 8 + i % 10,
                                           (i * 7) % 60), practitioner="Dr. B")
                for i in range(APPOINTMENTS))
            session.commit()
        with Session(engine) as session:  # as the job: a fresh unit of work
            quiet = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
            print(f"reminder_sweep_nothing_due_ms: "
                  f"{median_ms(lambda: reminders.send_due_reminders(session, now=quiet), 10):.1f}")
            due = datetime(2026, 12, 1, 12, 10, tzinfo=PRACTICE_TZ)
            start = time.perf_counter()
            queued = reminders.send_due_reminders(session, now=due)
            session.commit()
            print(f"reminder_sweep_{queued}_due_ms: {(time.perf_counter() - start) * 1000:.1f}")
            print(f"reminder_sweep_after_sending_ms: "
                  f"{median_ms(lambda: reminders.send_due_reminders(session, now=due), 10):.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
