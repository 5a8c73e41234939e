"""Builds the app: pages, the guard middleware and the HTTP routes — nothing else."""

import reflex as rx
from starlette.applications import Starlette

from ortho_app.api import auth, calendar, case_calendar, files, patient_media, stripe_webhook
from ortho_app.api.upload_guard import upload_guard
from ortho_app.core.guard import GuardMiddleware, install_cookie_scrubber
from ortho_app.workspaces.admin import pages as _admin_pages  # noqa: F401 - registers pages
from ortho_app.workspaces.admin import payments_page as _admin_payments  # noqa: F401
from ortho_app.workspaces.clinic import card_page as _card_page  # noqa: F401
from ortho_app.workspaces.clinic import cases_pages as _cases_pages  # noqa: F401
from ortho_app.workspaces.clinic import changes_page as _changes_page  # noqa: F401
from ortho_app.workspaces.clinic import documents_page as _clinic_documents  # noqa: F401
from ortho_app.workspaces.clinic import imaging_page as _clinic_imaging  # noqa: F401
from ortho_app.workspaces.clinic import message_templates as _templates  # noqa: F401
from ortho_app.workspaces.clinic import messages_page as _messages_page  # noqa: F401
from ortho_app.workspaces.clinic import models_page as _models_page  # noqa: F401
from ortho_app.workspaces.clinic import pages as _clinic_pages  # noqa: F401
from ortho_app.workspaces.clinic import payments_page as _clinic_payments  # noqa: F401
from ortho_app.workspaces.clinic import review_page as _review_page  # noqa: F401
from ortho_app.workspaces.clinic import todo_page as _todo_page  # noqa: F401
from ortho_app.workspaces.lab import pages as _lab_pages  # noqa: F401
from ortho_app.workspaces.login import pages as _login_pages  # noqa: F401
from ortho_app.workspaces.patient import appointments_page as _appointments_page  # noqa: F401
from ortho_app.workspaces.patient import documents_page as _patient_documents  # noqa: F401
from ortho_app.workspaces.patient import imaging_page as _patient_imaging  # noqa: F401
from ortho_app.workspaces.patient import info_page as _info_page  # noqa: F401
from ortho_app.workspaces.patient import menu_pages as _menu_pages  # noqa: F401
from ortho_app.workspaces.patient import messages_page as _patient_messages  # noqa: F401
from ortho_app.workspaces.patient import notifications_page as _notifications  # noqa: F401
from ortho_app.workspaces.patient import pages as _patient_pages  # noqa: F401
from ortho_app.workspaces.patient import patients_page as _patients_page  # noqa: F401
from ortho_app.workspaces.patient import payments_page as _patient_payments  # noqa: F401
from ortho_app.workspaces.patient import scan_page as _scan_page  # noqa: F401

routes = Starlette(routes=[*auth.routes, *files.routes, *case_calendar.routes, *calendar.routes,
                           *stripe_webhook.routes, *patient_media.routes])
app = rx.App(api_transformer=[routes, upload_guard])
app.add_middleware(GuardMiddleware(), index=0)
install_cookie_scrubber()
