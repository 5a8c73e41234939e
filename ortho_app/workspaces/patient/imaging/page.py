"""/patient/imaging ("Mon imagerie"): images by treatment stage and type, viewer with arrows,
download one image or all of them (zip)."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.patient import routes
from ortho_app.workspaces.patient.documents.page import link_button, tr
from ortho_app.workspaces.patient.imaging.state import (
    ALL_TYPES,
    ImageItem,
    PatientImagingState,
    StageView,
)
from ortho_app.workspaces.patient.workspace import PATIENT_APP, PatientAppState

S = PatientImagingState
ARROW = {"width": "100%", "height": "auto", "min_height": "40px", "padding_y": "6px",
         "white_space": "normal"}


def _thumb(item: ImageItem) -> rx.Component:
    return rx.el.button(
        rx.image(src=item.url, alt="", width="100%", height="96px", object_fit="cover",
                 border_radius="var(--radius-2)"),
        rx.text(item.kind, size="1", align="center"),
        aria_label=item.kind + " " + item.taken_on, on_click=S.show_image(item.index),
        width="100%", background="none", border="none", padding="0", cursor="pointer",
        display="flex", flex_direction="column", align_items="stretch", gap="4px",
        justify_content="flex-start",
    )


def _stage(group: StageView) -> rx.Component:
    return rx.vstack(
        rx.heading(group.stage, size="4", as_="h2"),
        rx.text(group.images[0].taken_on, size="2", color_scheme="gray"),
        rx.grid(rx.foreach(group.images, _thumb), columns="3", spacing="2", width="100%"),
        spacing="2", width="100%")


def _viewer() -> rx.Component:
    image = S.shown[S.current]
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(image.kind),
        rx.text(image.stage, " · ", image.taken_on, " · ", (S.current + 1).to_string(), " / ",
                S.shown.length().to_string(), size="2", color_scheme="gray"),
        rx.image(src=image.url, alt=image.kind, width="100%", max_height="55vh",
                 object_fit="contain", margin_y="8px"),
        rx.grid(
            rx.button(rx.icon("chevron_left"), tr("img_previous"), variant="soft",
                      on_click=S.step(-1), **ARROW),
            rx.button(tr("img_next"), rx.icon("chevron_right"), variant="soft",
                      on_click=S.step(1), **ARROW),
            columns="2", spacing="2", width="100%"),
        rx.hstack(
            link_button(tr("img_download"), image.url, variant="soft", download=""),
            rx.button(tr("img_close"), variant="soft", color_scheme="gray", size="3",
                      on_click=S.show_image(-1)),
            justify="between", width="100%", margin_top="12px", wrap="wrap", gap="2"),
        max_width="min(96vw, 720px)", padding="16px"),
        open=S.current >= 0, on_open_change=S.close_viewer)


def _type_filter() -> rx.Component:
    return rx.hstack(
        rx.el.label(tr("img_type"), html_for="img-kind"),
        rx.el.select(
            rx.el.option(tr("img_all_types"), value=ALL_TYPES),
            rx.foreach(S.kinds, lambda k: rx.el.option(k, value=k)),
            id="img-kind", value=S.kind, on_change=S.choose_kind,
            style={"padding": "6px", "borderRadius": "6px", "flex": "1"}),
        align="center", spacing="2", width="100%")


@workspace_page(PATIENT_APP, routes.IMAGING, "Mon imagerie",
                on_load=[PatientAppState.load_patients, S.load_images])
def patient_imaging() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("my_imaging"), size="6"),
        rx.cond(
            S.offered,
            rx.cond(
                S.kinds.length() > 0,
                rx.vstack(
                    _type_filter(),
                    rx.foreach(S.groups, _stage),
                    link_button(tr("img_download_all"), S.zip_url, download=""),
                    rx.cond(S.current >= 0, _viewer()),
                    spacing="4", width="100%"),
                rx.text(tr("img_none"), color_scheme="gray")),
            rx.text(tr("section_off"), color_scheme="gray")),
        spacing="3", width="100%", max_width="480px", margin_x="auto",
    )
