"""/patient/notifications ("Notifications"): appointment reminders N days before at HH:MM
(several allowed; default one day before at 12:00, sent 10 minutes after the set time), and
the reminders already sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import (
    PATIENT,
    Access,
    InvalidArguments,
    Refused,
    authorize_patient,
    validate,
)
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models.appointments import ReminderChannel
from ortho_app.services.appointments import reminders
from ortho_app.services.appointments.appointments import local
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import WorkspaceState, workspace_page
from ortho_app.workspaces.patient.workspace import PATIENT_APP, current_patient_id


class ReminderForm(BaseModel):
    days_before: int = Field(ge=0, le=reminders.MAX_DAYS)
    at_time: time
    channel: ReminderChannel = ReminderChannel.SMS


@dataclass
class ReminderRow:
    days_before: int
    at_time: str
    channel: str


@dataclass
class SentRow:
    sent: str
    appointment: str
    channel: str


class NotificationsState(WorkspaceState, AppState):
    _access: ClassVar[Access] = PATIENT
    reminders: list[ReminderRow] = []
    sent: list[SentRow] = []
    error: str = ""

    async def _patient(self, session, principal: Principal):
        patient_id = await current_patient_id(self, principal)
        patient = authorize_patient(session, principal, patient_id,
                                    action="patient_app.notifications")
        patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
        return patient

    def _fill(self, session, patient_id: int) -> None:
        self.reminders = [ReminderRow(r.days_before, f"{r.at_time:%H:%M}", r.channel.value)
                          for r in reminders.reminders_of(session, patient_id)]
        self.sent = [SentRow(f"{local(d.sent_at):%d/%m/%Y %H:%M}",
                             f"{local(a.starts_at):%d/%m/%Y %H:%M}", d.channel)
                     for d, a in reminders.sent_reminders(session, patient_id)]

    @rx.event
    @guarded
    async def load_reminders(self, principal: Principal):
        self.error = ""
        with db_session() as session:
            patient = await self._patient(session, principal)
            self._fill(session, patient.id)
            session.commit()

    @rx.event
    @guarded
    async def add_reminder(self, principal: Principal, form: dict):
        """The "+" button: a reminder N days before each appointment at HH:MM."""
        self.error = ""
        try:
            data = validate(ReminderForm, form if isinstance(form, dict) else {})
        except InvalidArguments as exc:
            self.error = str(exc)
            return
        with db_session() as session:
            patient = await self._patient(session, principal)
            try:
                reminders.add_reminder(session, patient.id, days_before=data.days_before,
                                       at_time=data.at_time, channel=data.channel)
            except reminders.ReminderError as exc:
                raise Refused(f"Reminder not added: {exc}") from None
            self._fill(session, patient.id)
            session.commit()

    @rx.event
    @guarded
    async def remove_reminder(self, principal: Principal, form: dict):
        data = validate(ReminderForm, form if isinstance(form, dict) else {})
        with db_session() as session:
            patient = await self._patient(session, principal)
            reminders.remove_reminder(session, patient.id, reminders.Reminder(
                data.days_before, data.at_time, data.channel))
            self._fill(session, patient.id)
            session.commit()


def _reminder(row: ReminderRow) -> rx.Component:
    return rx.hstack(
        rx.icon("bell", size=18),
        rx.text(row.days_before, " ", t("days_before_at", patient=True), " ", row.at_time,
                " · ", rx.cond(row.channel == "email", "E-mail", "SMS"),
                class_name="reminder"),
        rx.spacer(),
        rx.button(t("remove", patient=True), variant="soft", color_scheme="red", size="1",
                  on_click=NotificationsState.remove_reminder(
                      {"days_before": row.days_before, "at_time": row.at_time,
                       "channel": row.channel})),
        align="center", width="100%", padding_y="6px",
        border_bottom="1px solid var(--gray-a4)",
    )


def _labelled(key: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.el.label(t(key, patient=True), html_for=name, font_size="0.9em"),
                     control, spacing="1")


def _add_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            _labelled("days_before", rx.input(id="days_before", name="days_before",
                                              type="number", min=0, max=30,
                                              default_value="1", width="5em", size="3"),
                      "days_before"),
            _labelled("at_time", rx.input(id="at_time", name="at_time", type="time",
                                          default_value="12:00", size="3"), "at_time"),
            _labelled("channel", rx.el.select(
                rx.el.option("SMS", value="sms"), rx.el.option("E-mail", value="email"),
                id="channel", name="channel", style={"height": "40px"}), "channel"),
            rx.button(t("add_reminder", patient=True), type="submit", size="3"),
            align="end", spacing="3", wrap="wrap",
        ),
        on_submit=NotificationsState.add_reminder, reset_on_submit=False, width="100%",
    )


def _sent(row: SentRow) -> rx.Component:
    return rx.text(row.sent, " — ", t("reminder_for", patient=True), " ", row.appointment,
                   " (", rx.cond(row.channel == "email", "E-mail", "SMS"), ")", size="2")


@workspace_page(PATIENT_APP, "/patient/notifications", "Notifications",
                on_load=[NotificationsState.load_reminders])
def patient_notifications() -> rx.Component:
    S = NotificationsState
    return rx.vstack(
        rx.heading(t("notifications", patient=True), size="6"),
        rx.text(t("notifications_hint", patient=True), size="2", color_scheme="gray"),
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", role="alert",
                                          width="100%")),
        rx.card(rx.vstack(
            rx.cond(S.reminders.length() > 0, rx.foreach(S.reminders, _reminder),
                    rx.text(t("no_reminder", patient=True), color_scheme="gray")),
            _add_form(), spacing="3", width="100%"), width="100%"),
        rx.heading(t("sent_reminders", patient=True), size="4"),
        rx.cond(S.sent.length() > 0, rx.foreach(S.sent, _sent),
                rx.text(t("nothing_yet", patient=True), color_scheme="gray")),
        spacing="3", width="100%",
    )
