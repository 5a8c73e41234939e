"""One new lab case walked end to end through the real UI, doctor and lab coordinator in turn:
the doctor creates it with files (confirmation page, RX script PDF read back) → the
coordinator drags it with the mouse to "Received" and "Ready to Plan" → the doctor books a
free planning block with "Go" → the coordinator moves it to "Manufacturing" (drag),
"Finished" ("Move to…" menu) and "Shipped" (drag, carrier and tracking in the dialog) → the
doctor's list shows it "Shipped", every status in its colour, sorted by attention, and the
case page shows the shipment."""

from __future__ import annotations

import re

import pytest

from ortho_app.services.lab_cases.pipeline.statuses import STATUS_COLOUR
from tests.e2e.conftest import new_page, screenshot
from tests.e2e.lab_helpers import (
    ATTENTION,
    card,
    choose_files,
    column,
    mouse_drag,
    open_board,
    open_cases,
    reveal,
    rx_script_text,
    signed_in,
)
from tests.support.files import binary_stl, image_bytes

pytestmark = pytest.mark.e2e
RX = "Journey case: level the lower incisors, IPR 0.2 mm on 32-42"
TRACKING = "1ZJOURNEY0000000042"
COLOUR_OF = {status.value: colour.value for status, colour in STATUS_COLOUR.items()}


def create_case(page, base, tmp_path) -> int:
    """The doctor's new case with files; returns its id, read from the confirmation URL."""
    page.goto(f"{base}/clinic/cases/new")
    page.get_by_role("heading", name="New case").wait_for()
    page.get_by_label("Patient", exact=True).select_option(label="MARTIN Camille")
    page.get_by_label("Case type").select_option("Aligners")
    lower = page.get_by_role("group", name="Lower arch")
    for tooth in ("31", "41", "42"):
        lower.get_by_role("button", name=tooth, exact=True).click()
    page.locator(".selected-teeth").filter(has_text="31, 41, 42").wait_for()
    page.get_by_label("RX description").fill(RX)
    choose_files(page, tmp_path, lower_stl=binary_stl(120), face_png=image_bytes((40, 30)))
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r"/clinic/cases/\d+/confirmation$"), timeout=60_000)
    case_id = int(re.search(r"/clinic/cases/(\d+)/confirmation$", page.url).group(1))
    page.get_by_role("heading", name=re.compile(rf"Case created — C-{case_id:05d}")).wait_for()
    page.get_by_text("Processing", exact=True).first.wait_for()
    page.locator(".job-percent").filter(has_text="100%").wait_for(timeout=60_000)
    return case_id


def moved(page, source: str, target: str, ref: str) -> None:
    """The card left `source` and is shown in `target` (after "Show more" if need be)."""
    column(page, source).get_by_role("article", name=ref, exact=True).wait_for(state="detached")
    reveal(page, target, ref)


def list_rows(page) -> list[tuple[str, str, str]]:
    """(case ref, status label, colour) of every row on every page of the doctor's list."""
    rows = []
    while True:
        rows += map(tuple, page.locator(".cases-table tbody tr").evaluate_all(
            """rows => rows.map(r => [r.querySelector('td').innerText.trim(),
                                      r.querySelector('.case-progress').innerText.trim(),
                                      r.querySelector('.case-progress')
                                       .getAttribute('data-colour')])"""))
        following = page.get_by_role("button", name="Next", exact=True)
        if following.is_disabled():
            return rows
        first = page.locator(".cases-table tbody td").first.inner_text().strip()
        following.click()
        page.wait_for_function(
            "ref => document.querySelector('.cases-table tbody td').innerText.trim() != ref",
            arg=first)


def test_one_new_case_from_the_doctor_to_shipped(app_server, browser, tmp_path):
    base = app_server.url
    # 1. The doctor creates the case with files: confirmation, then the RX script PDF.
    doctor = signed_in(browser, base)
    case_id = create_case(doctor, base, tmp_path)
    ref = f"C-{case_id:05d}"
    doctor.get_by_role("link", name="Open the case").click()
    doctor.wait_for_url(re.compile(rf"/clinic/cases/{case_id}$"))
    doctor.locator(".case-files").get_by_text("lower.stl").wait_for()
    doctor.locator(".case-files").get_by_text("face.png").wait_for()
    text = rx_script_text(doctor, base)
    assert RX in text and "Camille Martin" in text and "31, 41, 42" in text

    # 2. The coordinator drags that card with the mouse to Received, then Ready to Plan.
    lab = new_page(browser)
    open_board(lab, base)
    reveal(lab, "Processing", ref)
    mouse_drag(lab, card(lab, ref), column(lab, "Received"))
    moved(lab, "Processing", "Received", ref)
    mouse_drag(lab, card(lab, ref), column(lab, "Ready to Plan"))
    moved(lab, "Received", "Ready to Plan", ref)
    card(lab, ref).scroll_into_view_if_needed()
    screenshot(lab, "lab-journey-ready-to-plan")

    # 3. The doctor opens the case and books a free block with "Go".
    doctor.reload()
    doctor.get_by_text("Ready to Plan", exact=True).first.wait_for()
    block = doctor.get_by_label("Free block")
    chosen = block.locator("option:checked").inner_text()
    doctor.get_by_role("button", name="Go", exact=True).click()
    doctor.get_by_role("link", name="Add to Google Calendar").wait_for()
    doctor.get_by_text("Planning Scheduled", exact=True).first.wait_for()
    assert doctor.locator(".planning-session").inner_text() == chosen

    # 4. The coordinator: Manufacturing (drag), Finished ("Move to…"), Shipped (drag + dialog).
    lab.reload()
    reveal(lab, "Planning Scheduled", ref)
    mouse_drag(lab, card(lab, ref), column(lab, "Manufacturing"))
    moved(lab, "Planning Scheduled", "Manufacturing", ref)
    card(lab, ref).get_by_role("button", name="Move to…").click()
    lab.get_by_role("menuitem", name="Finished", exact=True).click()
    moved(lab, "Manufacturing", "Finished", ref)
    mouse_drag(lab, card(lab, ref), column(lab, "Shipped"))
    dialog = lab.get_by_role("dialog")
    dialog.get_by_text("Ship the case").wait_for()
    dialog.get_by_label("Carrier").fill("DHL")
    dialog.get_by_label("Tracking number").fill(TRACKING)
    dialog.get_by_role("button", name="Confirm").click()
    dialog.wait_for(state="hidden")
    moved(lab, "Finished", "Shipped", ref)
    lab.context.close()

    # 5. The doctor's case page and list: Shipped with carrier and tracking, colours, order.
    doctor.reload()
    doctor.get_by_text("Shipped", exact=True).first.wait_for()
    doctor.get_by_text("DHL", exact=True).wait_for()
    doctor.locator(".tracking").filter(has_text=TRACKING).wait_for()
    screenshot(doctor, "lab-journey-doctor-case-shipped")
    open_cases(doctor, base)
    rows = list_rows(doctor)
    doctor.locator(".cases-table tbody tr").filter(has_text=ref).wait_for()
    screenshot(doctor, "lab-journey-doctor-list")
    assert (ref, "Shipped", "white") in rows
    assert all(COLOUR_OF[status] == colour for _, status, colour in rows)
    shown = [ATTENTION[colour] for _, _, colour in rows]
    assert shown == sorted(shown) and set(shown) == set(ATTENTION.values())
    assert {status for _, status, _ in rows} >= {"Processing", "Ready to Plan", "Shipped"}
    doctor.context.close()
