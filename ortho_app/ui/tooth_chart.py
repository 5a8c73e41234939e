"""A clickable tooth chart: two arches of permanent teeth as seen facing the patient, FDI
numbers by default, Universal as a setting. Selection is kept as FDI numbers."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.lab_cases.teeth import LOWER_ROW, UPPER_ROW, Numbering, label
from ortho_app.ui.i18n import t


def chart_rows(numbering: Numbering | str = Numbering.FDI) -> list[list[tuple[int, str]]]:
    """[(FDI number, shown label)] for the upper row then the lower row, left to right."""
    return [[(fdi, label(fdi, numbering)) for fdi in row] for row in (UPPER_ROW, LOWER_ROW)]


def _tooth(fdi: int, selected: rx.Var, numbering: rx.Var, on_toggle) -> rx.Component:
    chosen = selected.contains(fdi)
    shown = rx.cond(numbering == Numbering.UNIVERSAL.value,
                    label(fdi, Numbering.UNIVERSAL), str(fdi))
    return rx.button(
        shown, type="button", size="1", width="2.6em", padding_x="0",
        variant=rx.cond(chosen, "solid", "outline"),
        color_scheme=rx.cond(chosen, "blue", "gray"),
        custom_attrs={"aria-pressed": chosen, "data-fdi": str(fdi)},
        on_click=on_toggle(fdi),
    )


def _arch(key: str, row: tuple[int, ...], selected, numbering, on_toggle) -> rx.Component:
    half = len(row) // 2
    return rx.hstack(
        rx.hstack(*[_tooth(n, selected, numbering, on_toggle) for n in row[:half]],
                  spacing="1"),
        rx.box(width="2px", height="28px", background="var(--gray-8)"),
        rx.hstack(*[_tooth(n, selected, numbering, on_toggle) for n in row[half:]],
                  spacing="1"),
        spacing="2", align="center", role="group", aria_label=t(key),
    )


def tooth_chart(*, selected: rx.Var, numbering: rx.Var, on_toggle,
                on_numbering) -> rx.Component:
    """`selected`: Var[list[int]] (FDI); `on_toggle(fdi)` and `on_numbering(value)` events."""
    return rx.vstack(
        rx.hstack(
            rx.el.label(t("tooth_numbering"), html_for="tooth_numbering", font_size="0.9em"),
            rx.el.select(
                rx.el.option("FDI", value=Numbering.FDI.value),
                rx.el.option("Universal", value=Numbering.UNIVERSAL.value),
                id="tooth_numbering", value=numbering,
                on_change=on_numbering),
            align="center", spacing="2",
        ),
        rx.box(
            rx.vstack(
                _arch("upper_arch", UPPER_ROW, selected, numbering, on_toggle),
                rx.box(height="1px", width="100%", background="var(--gray-6)"),
                _arch("lower_arch", LOWER_ROW, selected, numbering, on_toggle),
                spacing="2", align="center",
            ),
            overflow_x="auto", max_width="100%", padding_y="4px",
        ),
        spacing="2", width="100%",
    )
