"""The real job consumer (`python -m ortho_app.worker`) with gates, for the tests that kill it
mid-job: the 3D model processing, the RX script rendering and the SMS transport wait at the
gate until the file `open` exists in the folder TEST_JOB_GATE. Each step touches
`reached-<step>` when it gets there and adds a line to `passed-<step>` when it goes on.

Run: python -m tests.support.gated_worker
"""

from __future__ import annotations

import os
import runpy
import time
from pathlib import Path

from ortho_app.core import outbox
from ortho_app.services.lab_cases import rx_script
from ortho_app.services.models3d import arch_models

GATE = Path(os.environ["TEST_JOB_GATE"])


def wait_at_gate(step: str) -> None:
    (GATE / f"reached-{step}").touch()
    while not (GATE / "open").exists():
        time.sleep(0.05)
    with open(GATE / f"passed-{step}", "a") as passed:
        passed.write(f"{os.getpid()}\n")


def gated(step: str, fn):
    def run(*args, **kwargs):
        wait_at_gate(step)
        return fn(*args, **kwargs)
    return run


class GatedSms:
    def send(self, to: str, body: str) -> None:
        wait_at_gate("sms")


arch_models.web_meshes = gated("models3d", arch_models.web_meshes)
rx_script.render_rx_script = gated("rx_script", rx_script.render_rx_script)
outbox.use_sms_provider(GatedSms())

if __name__ == "__main__":
    runpy.run_module("ortho_app.worker", run_name="__main__")
