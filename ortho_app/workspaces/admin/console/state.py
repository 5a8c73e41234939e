"""Practice admin console state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from sqlmodel import select

from ortho_app.core import jobs, outbox, tasks
from ortho_app.core.authz import ADMIN, Access, Refused
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.core.settings import get_settings
from ortho_app.models import Membership, StaffUser
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.job_progress import JobProgressMixin
from ortho_app.ui.workspace import WorkspaceState


@dataclass
class StaffRow:
    name: str
    email: str
    role: str


@dataclass
class MailRow:
    id: int
    at: str
    channel: str
    recipient: str
    subject: str
    body: str
    status: str


class AdminState(WorkspaceState, JobProgressMixin, AppState):
    _access: ClassVar[Access] = ADMIN
    staff: list[StaffRow] = []
    mails: list[MailRow] = []

    @rx.event
    @guarded
    def load_staff(self, principal: Principal):
        with db_session() as session:
            rows = session.exec(select(StaffUser, Membership).join(
                Membership, Membership.user_id == StaffUser.id).where(
                Membership.institution_id == principal.institution_id)
                .order_by(StaffUser.full_name)).all()
        self.staff = [StaffRow(u.full_name, u.email, m.role.value) for u, m in rows]

    @rx.event
    @guarded
    def load_mailbox(self, principal: Principal):
        if not get_settings().demo_mode:
            raise Refused("The dev mailbox is available in demo mode only")
        with db_session() as session:
            messages = outbox.dev_mailbox(session, institution_id=principal.institution_id,
                                          limit=100)
        self.mails = [MailRow(m.id, m.created_at.strftime("%d/%m/%Y %H:%M:%S"), m.channel.value,
                              m.recipient, m.subject, m.body, m.status.value)
                      for m in messages]

    @rx.event
    @guarded
    def send_test_email(self, principal: Principal):
        """Queue a test e-mail to the signed-in admin and follow its progress."""
        with db_session() as session:
            user = session.get(StaffUser, principal.user_id)
            job = tasks.start_test_email(session, to=user.email,
                                         institution_id=principal.institution_id,
                                         owner=principal.actor)
            session.commit()
        jobs.enqueue(job.id)
        self.job_status, self.job_progress, self.job_message = "queued", 0, ""
        return [AdminState.follow_job(job.id), AdminState.load_mailbox]
