"""The lab coordinator's board in the browser: a demo case dragged with the real mouse to
Received and Ready to Plan, a forbidden move refused with its reason, the doctor's scheduling,
then Manufacturing, Finished and Shipped with carrier and tracking; the "Move to…" menu from
the keyboard with a hold reason; the case page (history, notes, STL in 3D) and planning."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, create_engine, select

from ortho_app.models import StaffUser
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.pipeline import Actor
from tests.e2e.conftest import new_page, screenshot
from tests.e2e.lab_helpers import card, column, in_column, mouse_drag, open_board

pytestmark = pytest.mark.e2e


def doctor_schedules(app_server, case_id: int) -> None:
    """The doctor books a free block for the case (what "Go" on the doctor's page does)."""
    engine = create_engine(f"sqlite:///{app_server.data_dir / 'app.db'}")
    with Session(engine) as session:
        case = session.get(LabCase, case_id)
        block = planning.free_blocks(session, lab_id=case.lab_id)[0]
        doctor = session.exec(select(StaffUser).where(
            StaffUser.email == "manager@demo.clinic")).one()
        planning.book_block(session, case, block.block_id, actor=f"staff:{doctor.id}",
                           role=Actor.DOCTOR, today=date.today())
        session.commit()
    engine.dispose()


def test_coordinator_walks_a_case_across_the_board(app_server, browser):
    page = new_page(browser)
    open_board(page, app_server.url)
    screenshot(page, "lab-board-desktop")
    for status in ("Missing CBCT/Models", "Processing", "Received", "Ready to Plan",
                   "Planning Scheduled", "Planning No Show", "Manufacturing", "Finished",
                   "Shipped"):
        assert column(page, status).is_visible()
    first = column(page, "Processing").get_by_role("article").first
    ref = first.get_attribute("aria-label")
    case_id = int(ref.split("-")[1])
    received_before = int(column(page, "Received").locator(".column-count").inner_text())

    # Playwright's own drag (mouse down, move, up) onto the top of the column
    first.drag_to(column(page, "Received"), target_position={"x": 60, "y": 30})
    in_column(page, "Received", ref)
    page.wait_for_function(
        """n => document.querySelector('[aria-label="Received"] .column-count')
                   .innerText == String(n)""", arg=received_before + 1)
    mouse_drag(page, card(page, ref), column(page, "Ready to Plan"))
    in_column(page, "Ready to Plan", ref)

    mouse_drag(page, card(page, ref), column(page, "Shipped"))  # forbidden
    alert = page.get_by_role("alert").filter(has_text="Move refused")
    alert.wait_for()
    assert 'Only a "Finished" case can be shipped.' in alert.inner_text()
    in_column(page, "Ready to Plan", ref)  # the card is back where it was
    screenshot(page, "lab-board-refused-desktop")

    doctor_schedules(app_server, case_id)
    page.reload()
    in_column(page, "Planning Scheduled", ref)
    mouse_drag(page, card(page, ref), column(page, "Manufacturing"))  # session done
    in_column(page, "Manufacturing", ref)
    mouse_drag(page, card(page, ref), column(page, "Finished"))
    in_column(page, "Finished", ref)
    mouse_drag(page, card(page, ref), column(page, "Shipped"))
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Ship the case").wait_for()
    dialog.get_by_role("button", name="Confirm").click()
    dialog.get_by_role("alert").filter(has_text="carrier").wait_for()  # both are required
    dialog.get_by_label("Carrier").fill("UPS")
    dialog.get_by_label("Tracking number").fill("1Z999AA10123456784")
    screenshot(page, "lab-board-ship-dialog-desktop")
    dialog.get_by_role("button", name="Confirm").click()
    dialog.wait_for(state="hidden")
    in_column(page, "Shipped", ref)

    card(page, ref).get_by_role("link", name=ref).click()
    page.wait_for_url(re.compile(rf"/lab/cases/{case_id}$"))
    page.get_by_text(re.compile("Shipment: UPS .* 1Z999AA10123456784")).wait_for()
    history = page.get_by_role("row")
    for status in ("Received", "Ready to Plan", "Planning Scheduled", "Manufacturing",
                   "Finished", "Shipped"):
        history.filter(has_text=status).first.wait_for()
    page.get_by_label("Note").fill("Checked the <b>margins</b> twice.")
    page.get_by_role("button", name="Add note").click()
    page.get_by_text("Checked the <b>margins</b> twice.").wait_for()  # as text, not HTML
    screenshot(page, "lab-case-shipped-desktop")
    page.context.close()


def test_move_menu_from_the_keyboard_with_a_hold_reason(app_server, browser):
    page = new_page(browser)
    open_board(page, app_server.url)
    target = column(page, "Received").get_by_role("article").last
    ref = target.get_attribute("aria-label")
    target.get_by_role("button", name="Move to…").focus()
    page.keyboard.press("Enter")
    page.get_by_role("menuitem", name="Missing CBCT/Models").wait_for()
    for _ in range(9):  # arrow keys through the allowed targets
        if page.evaluate("document.activeElement.innerText") == "Missing CBCT/Models":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Put on hold").wait_for()
    dialog.get_by_label("Hold reason").select_option("Scan quality")
    dialog.get_by_label("What the doctor must send").fill("A new lower scan, distal cut off")
    dialog.get_by_role("button", name="Confirm").click()
    dialog.wait_for(state="hidden")
    in_column(page, "Missing CBCT/Models", ref)
    held = card(page, ref)
    held.get_by_text("Scan quality").wait_for()
    held.get_by_text("No ship date").wait_for()
    page.context.close()


def test_filters_case_page_preview_and_planning(app_server, browser):
    page = new_page(browser)
    open_board(page, app_server.url)
    total = sum(int(c) for c in page.locator(".column-count").all_inner_texts())
    page.get_by_label("Case type").select_option("Retainers")
    page.wait_for_function(
        """() => [...document.querySelectorAll('[role=article]')]
                 .every(a => a.innerText.includes('Retainers'))""")
    retainers = sum(int(c) for c in page.locator(".column-count").all_inner_texts())
    assert 0 < retainers < total
    page.get_by_label("Practice").select_option(label="Demo Orthodontics")
    due = (date.today() + timedelta(days=3)).isoformat()
    page.get_by_label("Due by").fill(due)
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(
        """n => [...document.querySelectorAll('.column-count')]
                 .reduce((s, c) => s + Number(c.innerText), 0) == n""", arg=total)

    with Session(create_engine(f"sqlite:///{app_server.data_dir / 'app.db'}")) as session:
        from ortho_app.models.lab_cases import LabCaseFile

        case_id = session.exec(select(LabCaseFile.case_id).where(
            LabCaseFile.kind == "STL")).first()
    page.goto(f"{app_server.url}/lab/cases/{case_id}")
    page.get_by_role("heading", name=re.compile(rf"C-{case_id:05d}")).wait_for()
    page.get_by_role("button", name="Preview in 3D").first.click()
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot canvas')")
    screenshot(page, "lab-case-3d-desktop")

    page.get_by_role("link", name="Planning").click()
    page.wait_for_url(re.compile(r"/lab/planning$"))
    day = date.today() + timedelta(days=20)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start").fill("07:00")
    page.get_by_label("End").fill("07:45")
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("row").filter(has_text=day.strftime("%d/%m/%Y")).filter(
        has_text="07:00–07:45").wait_for()
    screenshot(page, "lab-planning-desktop")
    with Session(create_engine(f"sqlite:///{app_server.data_dir / 'app.db'}")) as session:
        ready = session.exec(select(LabCase.id).where(LabCase.status == "Ready to Plan")
                             .order_by(LabCase.id.desc())).first()
    doctor_schedules(app_server, ready)
    page.reload()
    row = page.get_by_role("row").filter(has_text=f"C-{ready:05d}")
    row.get_by_role("button", name="No Show").click()
    row.get_by_role("button").first.wait_for(state="detached")  # the session is closed
    row.get_by_text("No Show", exact=True).wait_for()
    page.goto(f"{app_server.url}/lab")
    in_column(page, "Planning No Show", f"C-{ready:05d}")
    page.context.close()
