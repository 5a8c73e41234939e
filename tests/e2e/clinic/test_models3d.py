"""A patient's 3D models page: both arches in one WebGL figure, the deviation heat map."""

from __future__ import annotations

import re

import pytest

from tests.e2e.clinic.test_monitoring_actions import open_card
from tests.e2e.conftest import PHONE, new_page, screenshot
from tests.e2e.login.test_sign_in import sign_in_staff

pytestmark = pytest.mark.e2e

LEGEND = ".js-plotly-plot .legendtext"


def models_url(page, base: str) -> str:
    open_card(page, base, "Martin Camille")
    return page.url.rstrip("/") + "/models"


def wait_figure(page) -> None:
    page.locator(".js-plotly-plot").first.wait_for()
    page.wait_for_function(
        """sel => document.querySelector('.js-plotly-plot .gl-container canvas')
                 || document.querySelectorAll(sel).length > 0""", arg=LEGEND)


def test_models_page_shows_arches_and_heat_map(app_server, browser):
    page = new_page(browser)
    url = models_url(page, app_server.url)
    page.goto(url)
    page.get_by_role("heading", name=re.compile("Martin Camille")).wait_for()
    wait_figure(page)
    page.locator(LEGEND).filter(has_text="Upper arch").wait_for()
    page.locator(LEGEND).filter(has_text="Lower arch").wait_for()
    rows = page.get_by_role("row").filter(has_text=re.compile("(Upper|Lower) arch"))
    assert rows.count() == 4
    page.wait_for_timeout(1500)  # let WebGL draw before the picture
    screenshot(page, "models3d-arches-desktop")

    page.get_by_role("button", name="Reset view").click()
    wait_figure(page)
    page.get_by_role("button", name="Deviation heat map").click()
    page.locator(".js-plotly-plot .cbtitle").get_by_text("mm", exact=True).wait_for()
    page.get_by_text("deviation of the latest model").wait_for()
    page.wait_for_timeout(1500)
    screenshot(page, "models3d-heatmap-desktop")

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(1000)
    screenshot(page, "models3d-heatmap-phone")
    page.get_by_role("button", name="Reset view").click()
    page.locator(LEGEND).filter(has_text="Upper arch").wait_for()
    page.wait_for_timeout(1500)
    screenshot(page, "models3d-arches-phone")
    page.context.close()


def test_models_page_refuses_another_practice(app_server, browser):
    page = new_page(browser)
    url = models_url(page, app_server.url)
    page.context.close()
    other = new_page(browser)
    sign_in_staff(other, app_server.url, "voisin@other.clinic")
    other.wait_for_url(re.compile(r"/clinic/?$"))
    other.goto(url)
    other.get_by_text("This record is not available").wait_for()
    assert other.locator(".js-plotly-plot").count() == 0
    assert other.get_by_text("Martin Camille").count() == 0
    other.context.close()
