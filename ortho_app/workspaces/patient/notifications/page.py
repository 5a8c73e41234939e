"""/patient/notifications ("Notifications"): appointment reminders N days before at HH:MM
(several allowed; default one day before at 12:00, sent 10 minutes after the set time), and
the reminders already sent."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.notifications.state import (
    NotificationsState,
    ReminderRow,
    SentRow,
)
from ortho_app.workspaces.patient.workspace import PATIENT_APP


def _reminder(row: ReminderRow) -> rx.Component:
    return rx.hstack(
        rx.icon("bell", size=18),
        rx.text(row.days_before, " ", t("days_before_at"), " ", row.at_time,
                " · ", rx.cond(row.channel == "email", "E-mail", "SMS"),
                class_name="reminder"),
        rx.spacer(),
        rx.button(t("remove"), variant="soft", color_scheme="red", size="1",
                  on_click=NotificationsState.remove_reminder(
                      {"days_before": row.days_before, "at_time": row.at_time,
                       "channel": row.channel})),
        align="center", width="100%", padding_y="6px",
        border_bottom="1px solid var(--gray-a4)",
    )


def _labelled(key: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.el.label(t(key), html_for=name, font_size="0.9em"),
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
            rx.button(t("add_reminder"), type="submit", size="3"),
            align="end", spacing="3", wrap="wrap",
        ),
        on_submit=NotificationsState.add_reminder, reset_on_submit=False, width="100%",
    )


def _sent(row: SentRow) -> rx.Component:
    return rx.text(row.sent, " — ", t("reminder_for"), " ", row.appointment,
                   " (", rx.cond(row.channel == "email", "E-mail", "SMS"), ")", size="2")


@workspace_page(PATIENT_APP, routes.NOTIFICATIONS, "Notifications",
                on_load=[NotificationsState.load_reminders])
def patient_notifications() -> rx.Component:
    S = NotificationsState
    return rx.vstack(
        rx.heading(t("notifications"), size="6"),
        rx.text(t("notifications_hint"), size="2", color_scheme="gray"),
        rx.cond(S.error != "", rx.callout(S.error, color_scheme="red", role="alert",
                                          width="100%")),
        rx.card(rx.vstack(
            rx.cond(S.reminders.length() > 0, rx.foreach(S.reminders, _reminder),
                    rx.text(t("no_reminder"), color_scheme="gray")),
            _add_form(), spacing="3", width="100%"), width="100%"),
        rx.heading(t("sent_reminders"), size="4"),
        rx.cond(S.sent.length() > 0, rx.foreach(S.sent, _sent),
                rx.text(t("nothing_yet"), color_scheme="gray")),
        spacing="3", width="100%",
    )
