"""Shared pieces of the payment screens (clinic and console): a payment's status badge and
the flag of an automatically refunded overpayment."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.payments.checkout import AttemptView
from ortho_app.ui.i18n import t

STATUSES = ("succeeded", "failed", "canceled", "processing", "created")


def status_badge(status) -> rx.Component:
    colors = {"succeeded": "green", "failed": "red", "canceled": "gray"}
    return rx.match(status, *[(s, rx.badge(t(f"pay_status_{s}"),
                                           color_scheme=colors.get(s, "amber")))
                              for s in STATUSES], rx.badge(status))


def flag_cell(row: AttemptView) -> rx.Component:
    return rx.cond(row.flagged, rx.tooltip(
        rx.badge(rx.icon("flag", size=12), t("pay_refunded"), " ", row.refunded,
                 color_scheme="red"), content=row.note), "")
