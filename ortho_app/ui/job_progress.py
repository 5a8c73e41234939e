"""Showing a job's progress: a state mixin that follows one job, and its progress bar.

A handler starts work with `jobs.start_job(kind, owner=principal.actor, task=…, args=…)`,
commits, queues it with `jobs.enqueue(job.id)` and returns `Self.follow_job(job.id)`; the bar
fills as the task calls `report_progress`.
Only the job's owner may follow it.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from ortho_app.core import jobs
from ortho_app.core.authz import Refused
from ortho_app.models import JobStatus
from ortho_app.ui.app_state import current_principal, refused_toast

POLL_SECONDS = 0.4
MAX_FOLLOW_SECONDS = 600


class JobProgressMixin(rx.State, mixin=True):
    job_status: str = ""
    job_progress: int = 0  # percent
    job_message: str = ""

    @rx.event(background=True)
    async def follow_job(self, job_id: int):
        try:
            principal = current_principal(self)
            if not isinstance(job_id, int) or isinstance(job_id, bool):
                raise Refused("Invalid job")
            loop = asyncio.get_running_loop()
            deadline = loop.time() + MAX_FOLLOW_SECONDS
            while loop.time() < deadline:
                job = jobs.job_status(job_id)
                if job is None or job.owner != principal.actor:
                    raise Refused("This job is not available")
                async with self:
                    self.job_status = job.status.value
                    self.job_progress = round(job.progress * 100)
                    self.job_message = job.message if job.status != JobStatus.FAILED \
                        else job.result
                if job.status in (JobStatus.DONE, JobStatus.FAILED):
                    return
                await asyncio.sleep(POLL_SECONDS)
        except Refused as exc:
            return refused_toast(exc)


def job_progress(state: type[JobProgressMixin], label: rx.Var | str) -> rx.Component:
    return rx.cond(
        state.job_status != "",
        rx.vstack(
            rx.text(label, " — ", state.job_message, size="2"),
            rx.progress(value=state.job_progress, max=100, aria_label=label, width="100%"),
            rx.text(state.job_progress, "%", size="1", color_scheme="gray",
                    class_name="job-percent"),
            spacing="1", width="100%", max_width="480px", role="status",
        ),
    )
