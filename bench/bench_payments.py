"""Payment figures: reserving a payment under the ledger lock, and applying a signed webhook
event (signature check, idempotency row, fees, receipt in the outbox), alone and from 8
threads at once. SQLite by default; BENCH_DATABASE_URL=postgresql+psycopg://… for
PostgreSQL (its tables are created, not emptied: use a scratch database). Prints
`name: value` lines (medians); never fails."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TMP = Path(tempfile.mkdtemp(prefix="bench-payments-"))
# Receipts are queued for the job consumer, as in the app (JOBS_IMMEDIATE=false).
os.environ.update({"DATABASE_URL": os.environ.get("BENCH_DATABASE_URL",
                                                  f"sqlite:///{TMP}/bench.db"),
                   "JOBS_PATH": str(TMP / "jobs.db"), "JOBS_IMMEDIATE": "false"})
os.environ.pop("STRIPE_SECRET_KEY", None)

from datetime import date  # noqa: E402

from sqlmodel import SQLModel  # noqa: E402

import ortho_app.models  # noqa: E402, F401
from ortho_app.core.db import db_session, get_engine  # noqa: E402
from ortho_app.models import Institution, InstitutionKind, Patient  # noqa: E402
from ortho_app.models.payments import CareItem  # noqa: E402
from ortho_app.services.payments import gateway, ledger, webhooks  # noqa: E402

PATIENTS, RUNS = 40, 25


def setup() -> list[int]:
    SQLModel.metadata.create_all(get_engine())
    with db_session() as session:
        practice = Institution(kind=InstitutionKind.PRACTICE, name="Bench practice")
        session.add(practice)
        session.flush()
        ids = []
        for n in range(PATIENTS):
            patient = Patient(institution_id=practice.id, last_name=f"P{n}", first_name="B",
                              date_of_birth=date(1990, 1, 1))
            session.add(patient)
            session.flush()
            session.add(CareItem(institution_id=practice.id, patient_id=patient.id, label="Fee",
                                 care_date=date(2026, 1, 1), due_date=date(2026, 2, 1),
                                 amount_due_cents=10_000_000))
            ids.append(patient.id)
        session.commit()
    return ids


def reserve(patient_id: int):
    with db_session() as session:
        attempt = ledger.start_payment(session, patient=session.get(Patient, patient_id),
                                       requested=Decimal("1.00"), receipt_email="b@x.fr",
                                       actor="bench", test_mode=True)
        session.commit()
    return attempt


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    ids = setup()
    webhooks.receive(*gateway.test_mode_event(reserve(ids[-1]), "payment_intent.succeeded"))
    print(f"database: {get_engine().dialect.name}")
    print(f"reserve payment (lock + decide + insert) ms: "
          f"{statistics.median(timed(reserve, ids[:RUNS])):.1f}")
    events = [gateway.test_mode_event(reserve(pid), "payment_intent.succeeded")
              for pid in ids[:RUNS]]
    print(f"webhook event applied (verify + apply + receipt) ms: "
          f"{statistics.median(timed(lambda e: webhooks.receive(*e), events)):.1f}")
    print(f"same event again (duplicate) ms: "
          f"{statistics.median(timed(lambda e: webhooks.receive(*e), events)):.1f}")
    burst = [gateway.test_mode_event(reserve(pid), "payment_intent.succeeded")
             for pid in ids for _ in range(2)]
    start = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda e: webhooks.receive(*e), burst))
    elapsed = time.perf_counter() - start
    print(f"8 threads, {len(burst)} events on {PATIENTS} patients, events/s: "
          f"{len(burst) / elapsed:.0f}")


if __name__ == "__main__":
    main()
