"""/patient/documents: "Signés", "À signer", "Sans signature"; PDF view; "Signer" → SMS code."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.documents.state import DocItem, PatientDocumentsState
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState

S = PatientDocumentsState


def tr(key: str) -> rx.Var:
    return t(key)


def _facts(item: DocItem) -> rx.Component:
    return rx.text(item.kind, " · ", item.date, " · ", tr("doc_version"), " ",
                   item.version.to_string(), size="2", color_scheme="gray")


def link_button(label, href, *, variant="solid", **link_props) -> rx.Component:
    """A link that looks like a button (one control, named by its label); the browser
    follows it itself (downloads, new tab), not the app's client-side router."""
    return rx.button(rx.el.a(label, href=href, custom_attrs={"reloadDocument": True},
                             **link_props), as_child=True, size="3", variant=variant)


def _view_link(item: DocItem) -> rx.Component:
    return link_button(tr("doc_view"), item.view_url, variant="soft", target="_blank",
                       rel="noopener")


def _to_sign_card(item: DocItem) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(item.title, size="4", as_="h3"),
        _facts(item),
        rx.cond(item.changed, rx.badge(tr("doc_changed"), color_scheme="orange",
                                       white_space="normal")),
        rx.hstack(_view_link(item),
                  rx.button(tr("doc_sign"), size="3", on_click=S.start_signing(item.id)),
                  spacing="3"),
        spacing="2", width="100%"), width="100%")


def _signed_card(item: DocItem) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(item.title, size="4", as_="h3"),
        _facts(item),
        rx.text(tr("doc_signed_by"), " ", item.signed_by, " ", tr("doc_signed_on"), " ",
                item.signed_at, size="2", color_scheme="green"),
        rx.hstack(_view_link(item),
                  link_button(tr("doc_download_signed"), item.signed_url, download=""),
                  spacing="3", wrap="wrap"),
        spacing="2", width="100%"), width="100%")


def _plain_card(item: DocItem) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(item.title, size="4", as_="h3"), _facts(item), _view_link(item),
        spacing="2", width="100%"), width="100%")


def _list(items, card) -> rx.Component:
    return rx.cond(items.length() > 0,
                   rx.vstack(rx.foreach(items, card), spacing="3", width="100%"),
                   rx.text(tr("doc_none"), color_scheme="gray"))


def _error() -> rx.Var:
    return rx.match(S.error_key,
                    ("code_wrong", tr("code_wrong")), ("code_locked", tr("code_locked")),
                    ("sign_code_expired", tr("sign_code_expired")),
                    ("throttled", tr("throttled")), ("code_resent", tr("code_resent")), "")


def _sign_dialog() -> rx.Component:
    error = _error()
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(tr("doc_sign_title")),
        rx.text(S.signing_title, weight="bold"),
        rx.text(tr("code_sent_to"), " ", S.sent_to, size="2"),
        rx.form(
            rx.vstack(
                rx.el.label(tr("doc_code_label"), html_for="sign-code"),
                rx.input(id="sign-code", name="code", input_mode="numeric",
                         auto_complete="one-time-code", max_length=6, size="3", width="100%"),
                rx.cond(S.error_key != "", rx.text(error, color_scheme="red", size="2",
                                                   role="alert")),
                rx.button(tr("doc_confirm"), type="submit", size="3", width="100%"),
                spacing="2", width="100%"),
            on_submit=S.confirm_signature, reset_on_submit=True),
        rx.hstack(
            rx.button(tr("doc_resend"), variant="ghost", on_click=S.resend_code),
            rx.button(tr("doc_cancel"), variant="soft", color_scheme="gray",
                      on_click=S.cancel_signing),
            justify="between", width="100%", margin_top="12px"),
        max_width="min(94vw, 440px)"),
        open=S.signing_id != 0)


@workspace_page(PATIENT_APP, routes.DOCUMENTS, "Documents",
                on_load=[PatientAppState.load_patients, S.load_documents])
def patient_documents() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("documents"), size="6"),
        rx.cond(
            S.offered,
            rx.vstack(
                rx.text(tr("doc_shared_intro"), color_scheme="gray", size="2"),
                rx.cond((S.signing_id == 0) & (S.error_key != ""),
                        rx.callout(_error(), color_scheme="red", role="alert", width="100%")),
                rx.cond(S.just_signed != "",
                        rx.callout(rx.text(tr("doc_signed_ok"), " ", S.just_signed),
                                   icon="circle_check", color_scheme="green", role="status",
                                   width="100%")),
                rx.tabs.root(
                    rx.tabs.list(
                        rx.tabs.trigger(tr("doc_to_sign"), " (", S.to_sign.length().to_string(),
                                        ")", value="to_sign"),
                        rx.tabs.trigger(tr("doc_signed"), value="signed"),
                        rx.tabs.trigger(tr("doc_no_signature"), value="no_signature")),
                    rx.tabs.content(_list(S.to_sign, _to_sign_card), value="to_sign",
                                    padding_top="12px"),
                    rx.tabs.content(_list(S.signed, _signed_card), value="signed",
                                    padding_top="12px"),
                    rx.tabs.content(_list(S.unsigned, _plain_card), value="no_signature",
                                    padding_top="12px"),
                    value=S.tab, on_change=S.choose_tab, width="100%"),
                _sign_dialog(),
                spacing="3", width="100%"),
            rx.text(tr("section_off"), color_scheme="gray")),
        spacing="3", width="100%", max_width="480px", margin_x="auto",
    )
