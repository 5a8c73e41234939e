"""Shared steps of the lab case browser tests: the doctor's cases pages (/clinic/cases) and
the coordinator's board (/lab)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.e2e.conftest import new_page
from tests.e2e.login.test_sign_in import sign_in_staff

ATTENTION = {"red": 0, "yellow": 1, "green": 2, "white": 3}


# --- the doctor's cases ----------------------------------------------------------------------

def signed_in(browser, base, viewport=None):
    page = new_page(browser, viewport) if viewport else new_page(browser)
    sign_in_staff(page, base, "manager@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    return page


def open_cases(page, base):
    page.goto(f"{base}/clinic/cases")
    page.locator(".cases-table tbody tr").first.wait_for()


def colours(page) -> list[str]:
    return page.locator(".cases-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-colour'))")


def choose_files(page, tmp_path, **files: bytes) -> None:
    paths = []
    for name, data in files.items():
        path = tmp_path / name.replace("_", ".")
        path.write_bytes(data)
        paths.append(str(path))
    page.locator("input[type=file]").set_input_files(paths)
    for name in files:
        page.locator(".selected-file").filter(has_text=name.replace("_", ".")).wait_for()


def rx_script_text(page, base) -> str:
    """On the doctor's case page: download the RX script PDF listed in its files, as text."""
    link = page.locator(".case-files").get_by_role(
        "link", name=re.compile(r"rx-script-C-\d+\.pdf"))
    link.wait_for()
    pdf = page.request.get(base + link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)


# --- the coordinator's board -----------------------------------------------------------------

def column(page, status: str):
    return page.get_by_role("region", name=status, exact=True)


def card(page, ref: str):
    return page.get_by_role("article", name=ref, exact=True)


def in_column(page, status: str, ref: str) -> None:
    column(page, status).get_by_role("article", name=ref, exact=True).wait_for()


def reveal(page, status: str, ref: str) -> None:
    """Press the column's "Show more" until the card is shown (columns show their first cards)."""
    target = column(page, status).get_by_role("article", name=ref, exact=True)
    more = column(page, status).get_by_role("button", name=re.compile("^Show more"))
    while True:
        target.or_(more).first.wait_for()
        if target.is_visible():
            return
        count = column(page, status).get_by_role("article").count()
        more.click()
        page.wait_for_function(
            """([status, n]) => document.querySelectorAll(
                   `[aria-label="${status}"] [role=article]`).length > n""", arg=[status, count])


def mouse_drag(page, source, target) -> None:
    """Press on the card, move in steps onto the column at the card's height (columns are as
    tall as the board), release: a real mouse drag."""
    source.scroll_into_view_if_needed()
    box, goal = source.bounding_box(), target.bounding_box()
    y = min(max(box["y"] + 12, goal["y"] + 40), goal["y"] + goal["height"] - 10)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 12)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 10, box["y"] + 30, steps=4)
    page.mouse.move(goal["x"] + goal["width"] / 2, y, steps=12)
    page.mouse.up()


def open_board(page, base: str) -> None:
    sign_in_staff(page, base, "coordinator@demo.lab")
    page.wait_for_url(re.compile(r"/lab/?$"))
    column(page, "Shipped").wait_for()
    column(page, "Processing").get_by_role("article").first.wait_for()
