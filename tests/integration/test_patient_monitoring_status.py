"""The patient app's monitoring section for the demo's paused and stopped patients (over the
real websocket): a pause shows its message and resume date; stopped shows no scan."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from tests.security.test_monitoring_upload_scope import APP, SCAN, patient_session
from tests.support.ws import ReflexClient, delta_vars

pytestmark = pytest.mark.e2e


def _patient_in(server, state: str) -> int:
    with sqlite3.connect(server.data_dir / "app.db") as db:
        return db.execute("SELECT patient_id FROM monitoringplan WHERE lower(state) = ? "
                          "ORDER BY patient_id LIMIT 1", (state,)).fetchone()[0]


async def _status(server, patient_id: int) -> dict:
    async with ReflexClient(server.url, cookie=patient_session(server, [patient_id])) as tab:
        # The first events after the shared app starts can take seconds on a loaded machine.
        await tab.emit(f"{APP}.load_patients", {}, path="/patient", wait=20)
        return delta_vars(await tab.emit(f"{SCAN}.load_status", {}, path="/patient", wait=20))


async def test_paused_patient_sees_message_and_resume_date(app_server):
    sent = await _status(app_server, _patient_in(app_server, "paused"))
    assert sent[f"{SCAN}.state"] == "paused"
    assert sent[f"{SCAN}.pause_message"] == "We are making a new aligner for you."
    resume = (date.today() + timedelta(days=6)).strftime("%d/%m/%Y")
    assert sent[f"{SCAN}.paused_until"] == resume


async def test_stopped_patient_has_no_scan_to_take(app_server):
    sent = await _status(app_server, _patient_in(app_server, "stopped"))
    assert sent[f"{SCAN}.state"] == "stopped"
    assert not sent.get(f"{SCAN}.next_due") and not sent.get(f"{SCAN}.instructions")
