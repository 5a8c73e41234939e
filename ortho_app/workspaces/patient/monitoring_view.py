"""Home section for a monitored patient: next scan due, "take my scan", pause, last verdict."""

from __future__ import annotations

import reflex as rx

HOME_ON_LOAD: list = []  # on_load events of this section, run by the home page


def monitoring_section() -> rx.Component:
    return rx.fragment()
