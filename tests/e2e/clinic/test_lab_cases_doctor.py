"""The doctor's side of the lab case pipeline in the browser: a new case with files → the
printable confirmation → the RX script PDF; the list's colours and attention order; a
planning session scheduled on a "Ready to Plan" demo case with its .ics."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.lab_helpers import (
    ATTENTION,
    choose_files,
    colours,
    open_cases,
    rx_script_text,
    signed_in,
)
from tests.support.files import binary_stl, image_bytes

pytestmark = pytest.mark.e2e


def test_doctor_creates_a_case_with_files_and_gets_confirmation_and_rx(app_server, browser,
                                                                        tmp_path):
    page = signed_in(browser, app_server.url)
    page.goto(f"{app_server.url}/clinic/cases/new")
    page.get_by_role("heading", name="New case").wait_for()
    page.get_by_label("Patient", exact=True).select_option(label="MARTIN Camille")
    page.get_by_label("Case type").select_option("Aligners")
    # Incomplete prescription: refused with what is missing.
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("alert").filter(has_text="teeth numbers").wait_for()
    upper = page.get_by_role("group", name="Upper arch")
    upper.get_by_role("button", name="11", exact=True).click()
    upper.get_by_role("button", name="21", exact=True).click()
    page.get_by_label("Tooth numbering").select_option("Universal")
    upper.get_by_role("button", name="8", exact=True).wait_for()  # FDI 11 in Universal
    page.get_by_label("Tooth numbering").select_option("FDI")
    page.locator(".selected-teeth").filter(has_text="11, 21").wait_for()
    page.get_by_label("RX description").fill("Close the upper diastema, attachments on 13-23")
    choose_files(page, tmp_path, upper_stl=binary_stl(200), smile_png=image_bytes((64, 48)))
    screenshot(page, "lab-cases-new-case")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r"/clinic/cases/\d+/confirmation$"), timeout=60_000)
    page.get_by_role("heading", name=re.compile("Case created")).wait_for()
    page.get_by_text("Processing", exact=True).first.wait_for()
    page.get_by_role("button", name="Print").wait_for()
    page.locator(".job-percent").filter(has_text="100%").wait_for(timeout=60_000)
    screenshot(page, "lab-cases-confirmation")
    page.get_by_role("link", name="Open the case").click()
    page.wait_for_url(re.compile(r"/clinic/cases/\d+$"))
    files = page.locator(".case-files")
    files.get_by_text("upper.stl").wait_for()
    text = rx_script_text(page, app_server.url)
    assert "Close the upper diastema" in text and "Camille Martin" in text and "11, 21" in text
    page.get_by_text("Submit resets the ship date").wait_for()
    page.get_by_role("group", name="Lower arch").get_by_role("button", name="31",
                                                             exact=True).click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("11, 21, 31 (FDI)").wait_for()
    page.get_by_text("Processing", exact=True).first.wait_for()
    screenshot(page, "lab-cases-case-page")


def test_list_shows_colours_sorts_by_attention_and_headers(app_server, browser):
    page = signed_in(browser, app_server.url)
    open_cases(page, app_server.url)
    shown = colours(page)
    assert shown[0] == "red" and [ATTENTION[c] for c in shown] == sorted(
        ATTENTION[c] for c in shown)
    screenshot(page, "lab-cases-list")
    page.get_by_role("button", name="Case ID").click()
    page.locator("th[aria-sort=ascending]").filter(has_text="Case ID").wait_for()
    first = page.locator(".cases-table tbody tr").first.inner_text()
    page.get_by_role("button", name=re.compile("Case ID")).click()
    page.locator("th[aria-sort=descending]").filter(has_text="Case ID").wait_for()
    assert page.locator(".cases-table tbody tr").first.inner_text() != first
    for header in ("Patient", "Last modified", "Ship date", "Progress"):
        page.get_by_role("button", name=re.compile(f"^{header}")).click()
        page.locator("th[aria-sort=ascending]").filter(has_text=header).wait_for()
    page.get_by_label("Show only archived").click()
    page.locator(".cases-table tbody tr").first.filter(has_text="Shipped").wait_for()
    phone = signed_in(browser, app_server.url, PHONE)
    open_cases(phone, app_server.url)
    screenshot(phone, "lab-cases-list-phone")


def test_doctor_schedules_a_planning_session_on_a_ready_to_plan_case(app_server, browser):
    page = signed_in(browser, app_server.url)
    open_cases(page, app_server.url)
    row = page.locator(".cases-table tbody tr").filter(has_text="Ready to Plan").first
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/clinic/cases/\d+$"))
    page.get_by_label("Free block").wait_for()
    page.get_by_role("button", name="Go", exact=True).click()
    google = page.get_by_role("link", name="Add to Google Calendar")
    google.wait_for()
    assert google.get_attribute("href").startswith("https://calendar.google.com/")
    page.get_by_text("Planning Scheduled", exact=True).first.wait_for()
    page.get_by_text("cannot be changed in the portal").wait_for()
    screenshot(page, "lab-cases-planning-scheduled")
    ics = page.request.get(app_server.url + page.get_by_role(
        "link", name="Download .ics").get_attribute("href"))
    assert ics.status == 200
    events = Calendar.from_ical(ics.body()).walk("VEVENT")
    assert len(events) == 1 and "planning" in str(events[0]["SUMMARY"]).lower()
