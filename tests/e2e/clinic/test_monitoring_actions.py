"""The patient card's "New action" menu, driven in the browser on a demo patient."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import PHONE, new_page, screenshot, search_and_open
from tests.e2e.login.test_sign_in import sign_in_staff

pytestmark = pytest.mark.e2e


def open_card(page, base: str, name: str) -> None:
    sign_in_staff(page, base, "manager@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    search_and_open(page, name)


def run_action(page, label: str, fill=None) -> None:
    page.get_by_role("button", name="New action").click()
    page.get_by_role("menuitem", name=label).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text(label).first.wait_for()
    if fill:
        fill(dialog)
    dialog.get_by_role("button", name="Confirm").click()
    dialog.wait_for(state="hidden")


def history_has(page, kind: str, text: str = "") -> None:
    row = page.get_by_role("row").filter(has_text=kind)
    if text:
        row = row.filter(has_text=text)
    row.first.wait_for()


def test_every_new_action_on_a_demo_patient(app_server, browser):
    page = new_page(browser)
    open_card(page, app_server.url, "Martin Camille")
    screenshot(page, "clinic-card-desktop")
    until = date.today() + timedelta(days=9)

    def pause(dialog):
        dialog.get_by_label("Reason", exact=True).select_option("lost_aligner")
        dialog.get_by_label("Pause monitoring until").fill(until.isoformat())
        dialog.get_by_label("Message to the patient").fill("Your new aligner is on its way.")

    run_action(page, "Pause monitoring", pause)
    page.locator(".fact").filter(has_text=until.strftime("%d/%m/%Y")).first.wait_for()
    history_has(page, "paused", "lost_aligner")

    run_action(page, "Ask patient for an immediate scan",
               lambda d: d.get_by_label("Instructions shown to the patient before the scan")
               .fill("Please wear your aligner for the photos."))
    history_has(page, "immediate_request", "wear your aligner")
    run_action(page, "Send a message to patient",
               lambda d: d.get_by_label("Message").fill("Bravo Camille, keep going!"))
    history_has(page, "message", "Bravo Camille")
    run_action(page, "Send a clinical instruction",
               lambda d: d.get_by_label("Clinical instruction").fill("Track space opening"))
    history_has(page, "instruction", "Track space opening")
    run_action(page, "Add to the To-Do list",
               lambda d: d.get_by_label("Note").fill("Call the parents"))
    history_has(page, "todo", "Call the parents")
    run_action(page, "Send activation e-mail")
    history_has(page, "activation_email")
    run_action(page, "Stop monitoring")
    history_has(page, "stopped")
    page.goto(f"{app_server.url}/clinic")
    page.get_by_role("tab", name="Not Monitored").click()
    search_and_open(page, "Martin Camille")
    run_action(page, "Start monitoring")
    history_has(page, "started")
    page.set_viewport_size(PHONE)
    screenshot(page, "clinic-card-phone")
    page.goto(f"{app_server.url}/clinic/todo")
    row = page.get_by_role("row").filter(has_text="Call the parents")
    row.get_by_role("button", name="Done").click()
    row.get_by_role("button", name="Undo").wait_for()
    page.context.close()
    admin = new_page(browser)
    sign_in_staff(admin, app_server.url, "admin@demo.clinic")
    admin.wait_for_url(re.compile(r"/admin/?$"))
    admin.goto(f"{app_server.url}/admin/mailbox")
    admin.get_by_role("row").filter(has_text="Bravo Camille").first.wait_for()
    admin.get_by_role("row").filter(has_text="Your new aligner is on its way").first.wait_for()
    mail = admin.get_by_role("row").filter(has_text="Activate your patient app").first
    link = re.search(r"(/patient/activate/\S+)", mail.inner_text()).group(1)
    admin.context.close()
    visitor = new_page(browser, PHONE, lang=None)
    visitor.goto(f"{app_server.url}{link}")
    visitor.get_by_text("Votre application est activée").wait_for()
    visitor.goto(f"{app_server.url}{link}")  # single use
    visitor.get_by_text("plus valable").wait_for()
    visitor.context.close()


def test_invalid_pause_shows_message_and_writes_nothing(app_server, browser):
    page = new_page(browser)
    open_card(page, app_server.url, "Martin Camille")
    page.get_by_role("button", name="New action").click()
    page.get_by_role("menuitem", name="Pause monitoring").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Reason", exact=True).select_option("other")
    dialog.get_by_label("Pause monitoring until").fill(date.today().isoformat())
    dialog.get_by_role("button", name="Confirm").click()
    dialog.get_by_role("alert").wait_for()
    screenshot(page, "clinic-card-error-desktop")
    assert page.get_by_role("row").filter(has_text="other:").count() == 0
    page.context.close()
