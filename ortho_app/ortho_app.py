"""Builds the app: pages, the guard middleware and the HTTP routes — nothing else."""

import reflex as rx
from starlette.applications import Starlette

from ortho_app import workspaces  # noqa: F401 - each workspace package registers its pages
from ortho_app.api import auth, files, ics, patient_media, stripe_webhook
from ortho_app.api.security_headers import security_headers
from ortho_app.api.upload_guard import upload_guard
from ortho_app.core.i18n import DEFAULT_LANGUAGE
from ortho_app.ui.app_state import GuardMiddleware, install_cookie_scrubber

routes = Starlette(routes=[*auth.routes, *files.routes, *ics.routes,
                           *stripe_webhook.routes, *patient_media.routes])
app = rx.App(api_transformer=[routes, upload_guard, security_headers],  # the last one outermost
             html_lang=DEFAULT_LANGUAGE)
app.add_middleware(GuardMiddleware(), index=0)
install_cookie_scrubber()
