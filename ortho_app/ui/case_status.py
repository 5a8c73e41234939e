"""A lab case's progress: its status label (translated) in the spec's colour."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.lab_cases.pipeline import STATUS_COLOUR, CaseStatus
from ortho_app.ui.i18n import t

# The spec's four progress colours as Radix colour schemes (white: a neutral outline).
COLOUR_SCHEME = {"red": "red", "yellow": "amber", "green": "green", "white": "gray"}


def status_key(status: CaseStatus) -> str:
    return "lab_status_" + status.name.lower()


def status_label(status: rx.Var) -> rx.Component:
    """The translated label of a status var (the spec's label if unknown)."""
    return rx.match(status, *[(s.value, t(status_key(s))) for s in CaseStatus], status)


def status_badge(status: rx.Var, colour: rx.Var | None = None) -> rx.Component:
    """Coloured badge: red, yellow, green or white (outline) per the spec's progress colours."""
    colour = colour if colour is not None else rx.match(
        status, *[(s.value, c.value) for s, c in STATUS_COLOUR.items()], "white")
    scheme = rx.match(colour, *COLOUR_SCHEME.items(), "gray")
    return rx.badge(
        rx.box(width="8px", height="8px", border_radius="50%", background=rx.match(
            colour, ("red", "var(--red-9)"), ("yellow", "var(--amber-9)"),
            ("green", "var(--green-9)"), "var(--gray-1)"),
            border="1px solid var(--gray-8)", display="inline-block", margin_right="6px"),
        status_label(status),
        color_scheme=scheme, variant=rx.cond(colour == "white", "outline", "soft"),
        size="2", class_name="case-progress", custom_attrs={"data-colour": colour},
    )
