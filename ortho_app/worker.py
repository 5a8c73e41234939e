"""The job consumer: `python -m ortho_app.worker` (started next to the app by `make run`).

It imports every module that defines job tasks, so the consumer knows them by the names the
web process enqueues them under; a feature that adds a task module adds it here. The job
reaper (core/jobs) runs here every minute and when the consumer starts.
"""

import logging

from ortho_app.core import jobs, outbox, tasks
from ortho_app.core.storage import orphans
from ortho_app.services.appointments import reminder_jobs
from ortho_app.services.lab_cases import rx_script
from ortho_app.services.models3d import jobs as model_jobs

TASK_MODULES = tuple(module.__name__ for module in (jobs, outbox, tasks, orphans, model_jobs,
                                                     rx_script, reminder_jobs))

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    jobs.run_consumer()
