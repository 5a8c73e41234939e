"""Home section "Mes RDV": the next appointment (date, time, practitioner, "Carte Vitale !")."""

from __future__ import annotations

import reflex as rx

HOME_ON_LOAD: list = []  # on_load events of this section, run by the home page


def next_appointment_section() -> rx.Component:
    return rx.fragment()
