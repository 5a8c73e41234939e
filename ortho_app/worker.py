"""The job consumer: `python -m ortho_app.worker` (started next to the app by `make run`)."""

import logging

from ortho_app.core.jobs import run_consumer

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run_consumer()
