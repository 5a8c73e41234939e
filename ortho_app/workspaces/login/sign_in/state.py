"""Sign-in pages' state: public, holds only what the sign-in screens show."""

from __future__ import annotations

import re
from typing import ClassVar

import reflex as rx
from sqlmodel import select

from ortho_app.core.authz import PUBLIC, Access
from ortho_app.core.db import db_session
from ortho_app.core.security import otp
from ortho_app.core.security.sessions import LOGIN_COOKIE
from ortho_app.core.settings import get_settings
from ortho_app.models import Channel, CodePurpose, OutboxMessage
from ortho_app.ui.app_state import AppState, request_cookie
from ortho_app.workspaces.login import routes

ERRORS = {"invalid", "throttled", "check", "expired", "wrong", "locked", "none", "link"}
CODE_RE = re.compile(r"\b(\d{6})\b")


def masked(phone: str) -> str:
    return phone[:4] + " •• •• •• " + phone[-2:] if len(phone) > 6 else "••"


class LoginState(AppState):
    _access: ClassVar[Access] = PUBLIC
    demo_mode: bool = False
    error: str = ""
    resent: bool = False
    activated: bool = False
    masked_phone: str = ""
    demo_code: str = ""

    def _read_query(self) -> None:
        params = self.router.url.query_parameters
        error = params.get("error", "")
        self.error = error if error in ERRORS else ""
        self.resent = params.get("resent") == "1"
        self.activated = params.get("activated") == "1"
        self.demo_mode = get_settings().demo_mode

    @rx.event
    def load_login(self):
        self._read_query()

    @rx.event
    def load_code_screen(self):
        """Phone (masked) of this browser's attempt, and in demo mode the code it was sent."""
        self._read_query()
        self.masked_phone = self.demo_code = ""
        attempt = request_cookie(self, LOGIN_COOKIE)
        with db_session() as session:
            row = otp.find(session, attempt, purpose=CodePurpose.LOGIN)
            if row is None:
                return rx.redirect(routes.PATIENT_LOGIN + "?error=expired")
            self.masked_phone = masked(row.phone)
            if self.demo_mode:
                sms = session.exec(select(OutboxMessage).where(
                    OutboxMessage.channel == Channel.SMS, OutboxMessage.recipient == row.phone,
                    OutboxMessage.created_at >= row.created_at,
                ).order_by(OutboxMessage.id.desc())).first()
                found = CODE_RE.search(sms.body) if sms else None
                self.demo_code = found.group(1) if found else ""
        return None
