"""A French practice's staff read French until they choose English, and the page says which
language it is in (`<html lang>`)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import new_page, screenshot

pytestmark = pytest.mark.e2e


def test_french_practice_staff_read_french_by_default(app_server, browser):
    page = new_page(browser, lang=None)
    page.goto(f"{app_server.url}/login")
    page.get_by_label("Mot de passe").wait_for()
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.get_by_label("E-mail").fill("manager@demo.clinic")
    page.get_by_label("Mot de passe").fill("demo1234")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/clinic/?$"))
    nav = page.get_by_role("navigation")
    nav.get_by_role("link", name="Examen des scans").wait_for()
    assert nav.get_by_role("link", name="Scan review").count() == 0
    page.get_by_role("button", name="Se déconnecter").wait_for()
    page.wait_for_function("document.documentElement.lang === 'fr'")
    page.get_by_role("rowheader").first.wait_for()
    screenshot(page, "clinic-french-default-desktop")

    page.get_by_role("button", name="English").click()
    nav.get_by_role("link", name="Scan review").wait_for()
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.reload()
    nav.get_by_role("link", name="Scan review").wait_for()  # the choice stays
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.context.close()
