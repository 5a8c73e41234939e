"""The patient card page with the "New action" menu (spec labels)."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.routing import link_to
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.patient_card.state import HistoryRow, PatientCardState
from ortho_app.workspaces.clinic.workspace import CLINIC

S = PatientCardState
MENU = [("pause", "Pause monitoring"), ("immediate", "Ask patient for an immediate scan"),
        ("instruction", "Send a clinical instruction"), ("message", "Send a message to patient"),
        ("todo", "Add to the To-Do list"), ("activation", "Send activation e-mail")]
TITLES = dict(MENU) | {"start": "Start monitoring", "stop": "Stop monitoring"}


def _fact(label, value) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", color_scheme="gray"),
                     rx.text(value, weight="medium", class_name="fact"), spacing="0")


def _labelled(label: str, control: rx.Component, name: str) -> rx.Component:
    return rx.vstack(rx.el.label(label, html_for=name, font_size="0.9em"), control,
                     spacing="1", width="100%")


def _textarea(label: str, name: str) -> rx.Component:
    return _labelled(label, rx.text_area(id=name, name=name, width="100%"), name)


def _fields() -> rx.Component:
    return rx.match(
        S.dialog_action,
        ("pause", rx.vstack(
            _labelled("Reason", rx.el.select(
                rx.el.option("Patient is waiting for refinement", value="waiting_for_refinement"),
                rx.el.option("Patient lost their aligner and waiting for a new one",
                             value="lost_aligner"),
                rx.el.option("Other", value="other"), id="reason", name="reason"), "reason"),
            _labelled("Pause monitoring until",
                      rx.input(id="until", name="until", type="date"), "until"),
            _textarea("Other reason", "note"), _textarea("Message to the patient", "message"),
            width="100%")),
        ("immediate", _textarea("Instructions shown to the patient before the scan",
                                "instructions")),
        ("message", _textarea("Message", "text")),
        ("instruction", rx.vstack(
            _textarea("Clinical instruction", "text"),
            _textarea("Objectives to track (one per line)", "objectives"),
            rx.el.label(rx.el.input(type="checkbox", name="go_live", id="go_live"),
                        " Go-Live: override “please remain on the current aligner”",
                        html_for="go_live"),
            width="100%")),
        ("todo", _textarea("Note", "note")),
        ("start", _labelled("Scan frequency (days)", rx.input(
            id="frequency_days", name="frequency_days", type="number", default_value="7"),
            "frequency_days")),
        ("activation", rx.text("The patient receives a link to the app (single use, valid 7 "
                               "days) with their ID and how to sign in: phone number and SMS "
                               "code. A link sent before stops working.")),
        ("stop", rx.text("The patient will not be able to send scans anymore. "
                         "All data is kept.")),
        rx.fragment(),
    )


def _dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.match(S.dialog_action, *TITLES.items(), "")),
            rx.form(
                rx.vstack(
                    _fields(),
                    rx.cond(S.error != "", rx.callout(S.error, color_scheme="red",
                                                      role="alert", width="100%")),
                    rx.hstack(
                        rx.button("Cancel", type="button", variant="soft",
                                  on_click=S.close_action),
                        rx.button("Confirm", type="submit"),
                        justify="end", width="100%"),
                    spacing="3", width="100%"),
                on_submit=S.submit_action, reset_on_submit=False),
        ),
        open=S.dialog_action != "",
        on_open_change=lambda opened: rx.cond(opened, rx.noop(), S.close_action()),
    )


def _menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(rx.button("New action")),
        rx.menu.content(
            *[rx.menu.item(label, on_select=S.open_action(key)) for key, label in MENU],
            rx.menu.item(t("models3d_add_model"),
                         on_select=rx.redirect(link_to(routes.PATIENT_MODELS,
                                                       patient_id=S.patient_id))),
            rx.menu.separator(),
            rx.cond(S.state == "stopped",
                    rx.menu.item("Start monitoring", on_select=S.open_action("start")),
                    rx.menu.item("Stop monitoring", on_select=S.open_action("stop"))),
        ),
    )


def _history_row(row: HistoryRow) -> rx.Component:
    return rx.table.row(rx.table.cell(row.at), rx.table.cell(rx.badge(row.kind)),
                        rx.table.cell(rx.text(row.text, white_space="pre-wrap")),
                        rx.table.cell(row.actor))


def _links() -> rx.Component:
    """The patient's other records (each page belongs to its own area of the clinic)."""
    def link(label_key: str, route: str) -> rx.Component:
        return rx.link(t(label_key), href=link_to(route, patient_id=S.patient_id))

    return rx.hstack(
        link("models3d_title", routes.PATIENT_MODELS),
        link("patient_card_messages", routes.THREAD),
        link("patient_card_documents", routes.PATIENT_DOCUMENTS),
        link("patient_card_imaging", routes.PATIENT_IMAGING),
        link("patient_card_payments", routes.PATIENT_PAYMENTS),
        spacing="4", wrap="wrap", role="navigation", aria_label=t("patient_card_title"))


@workspace_page(CLINIC, routes.PATIENT_CARD, "Patient",
                on_load=[PatientCardState.load_card])
def patient_card() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.heading(S.name, size="6"), rx.badge(S.state, size="2"), rx.spacer(),
                  _menu(), width="100%", align="center", wrap="wrap"),
        _links(),
        rx.grid(
            _fact(t("birth"), S.birth), _fact(t("treatment"), S.treatment),
            _fact(t("aligner"), S.aligner), _fact("Scan frequency (days)", S.frequency),
            _fact(t("next_scan_due"), S.next_due), _fact("Paused until", S.paused_until),
            _fact(t("email"), S.contact),
            columns=rx.breakpoints(initial="2", sm="4"), spacing="4", width="100%"),
        rx.heading("History", size="4"),
        rx.box(rx.table.root(rx.table.body(rx.foreach(S.history, _history_row)),
                             variant="surface", width="100%"), width="100%", overflow_x="auto"),
        _dialog(),
        spacing="4", width="100%",
    )
