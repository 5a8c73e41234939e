"""Scan review in the browser: the queue, photos, previous scans side by side, a GO verdict
that advances the aligner and tells the patient."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot
from tests.e2e.login.test_sign_in import sign_in_staff

pytestmark = pytest.mark.e2e


def test_review_a_scan_with_go(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "manager@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    page.get_by_role("link", name="Scan review").click()
    page.wait_for_url(re.compile(r"/clinic/review/?$"))
    # the queue has loaded (the patient list's rows are gone once it shows its count)
    page.get_by_text(re.compile(r"^[1-9]\d* Awaiting review")).wait_for()
    first = page.get_by_role("rowheader").first.get_by_role("link")
    first.wait_for()
    name = first.inner_text()
    screenshot(page, "clinic-review-queue-desktop")
    first.click()
    page.wait_for_url(re.compile(r"/clinic/review/\d+/?$"))
    page.get_by_role("heading", name=name).wait_for()
    page.get_by_text(re.compile(r"aligner \d+")).first.wait_for()
    aligner = int(re.search(r"aligner (\d+)", page.get_by_text(re.compile(r"aligner \d+"))
                            .first.inner_text()).group(1))
    page.get_by_role("button", name="Next photo").first.click()
    page.get_by_role("img", name="Left").first.wait_for()
    page.get_by_role("img", name="Left").first.click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    page.get_by_role("button", name="Compare").first.click()
    page.get_by_text("Side by side with the scan of").wait_for()
    screenshot(page, "clinic-review-scan-desktop")
    page.get_by_label("Note").fill("Good seating, go on.")
    page.get_by_role("button", name="GO", exact=True).click()
    page.get_by_role("status").filter(has_text="Verdict: GO").wait_for()
    page.set_viewport_size(PHONE)
    screenshot(page, "clinic-review-scan-phone")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Open patient card").click()
    page.wait_for_url(re.compile(r"/clinic/patients/\d+/?$"))
    page.get_by_role("heading", name=name).wait_for()
    page.locator(".fact").filter(has_text=str(aligner + 1)).first.wait_for()
    page.get_by_role("row").filter(has_text="verdict").filter(
        has_text=f"change to aligner {aligner + 1}").first.wait_for()
    page.context.close()
