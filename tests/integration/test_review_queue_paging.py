"""The scan review queue pages past 50 rows in SQL (over the real websocket)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from ortho_app.workspaces.clinic.review.state import ReviewState
from tests.support import signin
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e
REVIEW = ReviewState.get_full_name()


def _queue_of_55(server) -> None:
    """55 scans awaiting review for the other practice's patients (nobody else's queue)."""
    with sqlite3.connect(server.data_dir / "app.db") as db:
        patients = db.execute(
            "SELECT p.id, p.institution_id FROM patient p JOIN institution i ON "
            "i.id = p.institution_id WHERE i.name = 'Cabinet Voisin' ORDER BY p.id").fetchall()
        day = date.today() - timedelta(days=60)
        db.executemany(
            "INSERT INTO scan (patient_id, institution_id, taken_on, taken_at, immediate, "
            "aligner_number, awaiting_review, verdict_note, reviewed_by) "
            "VALUES (?, ?, ?, ?, 0, 1, 1, '', '')",
            [(*patients[n % len(patients)], (day + timedelta(days=n)).isoformat(),
              f"{day + timedelta(days=n)} 09:00:00") for n in range(55)])


async def test_review_queue_pages_past_fifty(app_server):
    _queue_of_55(app_server)
    cookie = signin.staff_cookie(app_server, "voisin@other.clinic")
    async with ReflexClient(app_server.url, cookie=cookie) as tab:
        first = delta_vars(await tab.emit(f"{REVIEW}.load_queue", {}, path="/clinic/review"))
        assert first[f"{REVIEW}.queue_total"] == 55 and len(first[f"{REVIEW}.queue"]) == 50
        assert first[f"{REVIEW}.queue_pages"] == 2
        second = delta_vars(await tab.emit(f"{REVIEW}.go_to_queue_page", {"page": 1},
                                           path="/clinic/review"))
        assert second[f"{REVIEW}.queue_page"] == 1 and len(second[f"{REVIEW}.queue"]) == 5
        dates = [row["taken_on"] for row in first[f"{REVIEW}.queue"]]
        assert dates[0] == (date.today() - timedelta(days=60)).strftime("%d/%m/%Y")
        refused = delta_vars(await tab.emit(f"{REVIEW}.go_to_queue_page", {"page": "1e9"},
                                            path="/clinic/review"))
        assert f"{REVIEW}.queue" not in refused
