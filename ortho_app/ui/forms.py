"""Form pieces shared by the sign-in pages and the patient app's forms."""

from __future__ import annotations

import reflex as rx


def field(label: rx.Var, name: str, *, type_: str = "text", **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, font_size="0.9em", font_weight="500"),
        rx.input(id=name, name=name, type=type_, required=True, size="3", width="100%",
                 **props),
        spacing="1", width="100%",
    )
