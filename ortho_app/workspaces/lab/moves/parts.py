"""Components of a coordinator's move: the "Move to…" menu, the dialog asking what a move
needs, and the alert with the reason of a refused move (for any state with `CaseMoves`)."""

from __future__ import annotations

import reflex as rx

from ortho_app.services.lab_cases.pipeline import HoldReason
from ortho_app.ui.i18n import t


def colour_var(colour: rx.Var) -> rx.Var:
    """The CSS colour of a progress colour name ("red", "yellow", "green", "white")."""
    return rx.match(colour, ("red", "var(--red-9)"), ("yellow", "var(--amber-9)"),
                    ("green", "var(--green-9)"), "var(--gray-7)")


def move_menu(state, case_id: rx.Var, targets: rx.Var, size: str = "1") -> rx.Component:
    """"Move to…": the statuses the pipeline allows from here (keyboard and mouse)."""
    return rx.menu.root(
        rx.menu.trigger(rx.button(t("lab_move_to"), variant="soft", size=size)),
        rx.menu.content(rx.foreach(
            targets, lambda target: rx.menu.item(
                target, on_select=state.choose_move(case_id, target)))),
    )


def _labelled(label, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.el.label(label, html_for=name, font_size="0.9em"), control,
                     spacing="1", width="100%")


def _hold_fields() -> rx.Component:
    return rx.vstack(
        _labelled(t("lab_hold_reason"), rx.el.select(
            *[rx.el.option(reason.value, value=reason.value) for reason in HoldReason],
            id="hold_reason", name="hold_reason"), "hold_reason"),
        _labelled(t("lab_hold_detail"),
                  rx.text_area(id="hold_detail", name="hold_detail", width="100%",
                               max_length=1000), "hold_detail"),
        width="100%")


def _ship_fields() -> rx.Component:
    return rx.vstack(
        _labelled(t("lab_carrier"), rx.input(id="carrier", name="carrier", max_length=80,
                                            width="100%"), "carrier"),
        _labelled(t("lab_tracking_number"), rx.input(id="tracking_number",
                                                    name="tracking_number", max_length=100,
                                                    width="100%"), "tracking_number"),
        width="100%")


def _block_fields(state) -> rx.Component:
    return rx.cond(
        state.move_blocks.length() > 0,
        _labelled(t("lab_planning_block"), rx.el.select(
            rx.foreach(state.move_blocks,
                       lambda s: rx.el.option(s.label, value=s.value)),
            id="block_id", name="block_id"), "block_id"),
        rx.text(t("lab_no_free_block"), color_scheme="gray"),
    )


def move_dialog(state) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.match(
                state.move_input, ("hold", t("lab_put_on_hold")), ("ship", t("lab_ship_case")),
                ("block", t("lab_schedule_session")), "")),
            rx.dialog.description(state.move_case_ref, " → ", state.move_target, size="2",
                                  color_scheme="gray"),
            rx.form(
                rx.vstack(
                    rx.match(state.move_input, ("hold", _hold_fields()),
                             ("ship", _ship_fields()), ("block", _block_fields(state)),
                             rx.fragment()),
                    rx.cond(state.move_error != "",
                            rx.callout(state.move_error, color_scheme="red", role="alert",
                                       width="100%")),
                    rx.hstack(
                        rx.button(t("lab_cancel"), type="button", variant="soft",
                                  on_click=state.cancel_move),
                        rx.button(t("lab_confirm"), type="submit"),
                        justify="end", width="100%"),
                    spacing="3", width="100%", padding_top="12px"),
                on_submit=state.confirm_move, reset_on_submit=False),
        ),
        open=state.move_input != "",
        on_open_change=lambda opened: rx.cond(opened, rx.noop(), state.cancel_move()),
    )


def refusal_alert(state) -> rx.Component:
    """The reason of the last refused move (also shown as a toast)."""
    return rx.cond(
        state.refusal != "",
        rx.callout.root(
            rx.hstack(
                rx.callout.text(rx.text(t("lab_move_refused"), ": ", weight="bold", as_="span"),
                                state.refusal),
                rx.button(t("lab_dismiss"), size="1", variant="ghost",
                          on_click=state.dismiss_refusal),
                justify="between", align="center", width="100%"),
            color_scheme="red", role="alert", width="100%"),
    )


__all__ = ["colour_var", "move_dialog", "move_menu",
           "refusal_alert"]
