"""Scan review pages: the queue (immediate first, then oldest) and one scan."""

from __future__ import annotations

import reflex as rx

from ortho_app.ui.i18n import t
from ortho_app.ui.pager import pager
from ortho_app.ui.routing import link_to
from ortho_app.ui.views import data_table
from ortho_app.ui.workspace import workspace_page
from ortho_app.workspaces.clinic import routes
from ortho_app.workspaces.clinic.review.state import PastScan, Photo, QueueRow, ReviewState
from ortho_app.workspaces.clinic.workspace import CLINIC

R = ReviewState


def _queue_row(row: QueueRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(row.patient,
                                         href=link_to(routes.REVIEW_SCAN, scan_id=row.scan_id))),
        rx.table.cell(row.taken_on),
        rx.table.cell(rx.cond(row.immediate, rx.badge("Immediate scan", color_scheme="red"),
                              "")),
        rx.table.cell(row.aligner),
    )


def _pager() -> rx.Component:
    return rx.cond(R.queue_pages > 1, pager(R.queue_page, R.queue_pages, R.go_to_queue_page,
                                            class_name="queue-page"))


@workspace_page(CLINIC, routes.REVIEW, "Scan review", on_load=[R.load_queue])
def review_queue() -> rx.Component:
    return rx.vstack(
        rx.heading(t("scan_review"), size="6"),
        rx.text(R.queue_total, " ", t("awaiting_review"), size="2", color_scheme="gray"),
        data_table([t("patients"), "Scan date", "", t("aligner")], R.queue, _queue_row),
        _pager(),
        spacing="4", width="100%",
    )


def _thumb(photo: Photo, index) -> rx.Component:
    return rx.button(rx.image(src=photo.url, alt=photo.label, height="56px"),
                     aria_label=photo.label, variant="ghost", padding="0",
                     on_click=R.show_photo(index))


def _viewer() -> rx.Component:
    photo = R.photos[R.current]
    return rx.vstack(
        rx.image(src=photo.url, alt=photo.label, width="100%", max_width="640px",
                 cursor="zoom-in", on_click=R.zoom(True)),
        rx.hstack(
            rx.button("Previous photo", variant="soft", on_click=R.show_photo(R.current - 1)),
            rx.text(photo.label, size="2"),
            rx.button("Next photo", variant="soft", on_click=R.show_photo(R.current + 1)),
            align="center", spacing="3"),
        rx.hstack(rx.foreach(R.photos, _thumb), spacing="2", wrap="wrap"),
        rx.dialog.root(
            rx.dialog.content(
                rx.dialog.title(photo.label),
                rx.image(src=photo.url, alt=photo.label, width="100%"),
                rx.hstack(
                    rx.button("Previous photo", variant="soft",
                              on_click=R.show_photo(R.current - 1)),
                    rx.button("Next photo", variant="soft", on_click=R.show_photo(R.current + 1)),
                    rx.dialog.close(rx.button("Close", variant="soft")),
                    justify="end", width="100%"),
                max_width="min(96vw, 1100px)"),
            open=R.zoomed, on_open_change=R.zoom),
        spacing="3", width="100%",
    )


def _past(scan: PastScan) -> rx.Component:
    return rx.table.row(rx.table.cell(scan.taken_on), rx.table.cell(scan.verdict),
                        rx.table.cell(rx.button("Compare", size="1", variant="soft",
                                                on_click=R.compare_with(scan.scan_id))))


def _verdict() -> rx.Component:
    return rx.cond(
        R.done_verdict != "",
        rx.callout(rx.text("Verdict: ", R.done_verdict), color_scheme="green", role="status"),
        rx.vstack(
            rx.el.label("Note", html_for="verdict-note"),
            rx.text_area(id="verdict-note", value=R.note, on_change=R.edit_note, width="100%"),
            rx.hstack(
                rx.button("GO", color_scheme="green", on_click=R.record_verdict("go", R.note)),
                rx.button("NO-GO", color_scheme="orange",
                          on_click=R.record_verdict("no_go", R.note)),
                rx.button("SEE THE DOCTOR", color_scheme="red",
                          on_click=R.record_verdict("see_doctor", R.note)),
                spacing="3", wrap="wrap"),
            spacing="2", width="100%", max_width="640px"),
    )


@workspace_page(CLINIC, routes.REVIEW_SCAN, "Scan", on_load=[R.load_scan])
def review_scan() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.link("← Review queue", href=routes.REVIEW),
                  rx.link("Open patient card",
                          href=link_to(routes.PATIENT_CARD, patient_id=R.patient_id)),
                  spacing="4"),
        rx.heading(R.patient_name, size="6"),
        rx.text("Scan of ", R.taken_on, " · aligner ", R.aligner, size="2"),
        rx.cond(R.photos.length() > 0, _viewer()),
        _verdict(),
        rx.heading("Previous scans", size="4"),
        rx.table.root(rx.table.body(rx.foreach(R.previous, _past)), variant="surface"),
        rx.cond(R.compare_date != "", rx.vstack(
            rx.text("Side by side with the scan of ", R.compare_date, weight="medium"),
            rx.grid(rx.foreach(R.photos, lambda p: rx.image(src=p.url, alt=p.label)),
                    rx.foreach(R.compare_photos, lambda p: rx.image(src=p.url, alt=p.label)),
                    columns="3", spacing="2", width="100%", max_width="900px"),
            width="100%")),
        spacing="4", width="100%",
    )
