"""Browser tests: the real app in production mode, driven by Playwright in Debian chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.support.server import ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# What the browser refused under the app's Content-Security-Policy, per test (see below).
CSP_VIOLATIONS: list[str] = []

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic"])
        yield browser
        browser.close()


def new_page(browser, viewport=DESKTOP, lang: str | None = "en"):
    """A fresh browser tab. `lang` is the language its person chose ("en": the staff tests
    read the English labels); None leaves the practice's own language (French)."""
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    if lang:
        context.add_init_script(f"window.localStorage.setItem('ortho_lang', '{lang}')")
    context.on("console", _record_csp_violation)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _record_csp_violation(message) -> None:
    if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
        CSP_VIOLATIONS.append(f"{message.page.url if message.page else ''}: {message.text}")


@pytest.fixture(autouse=True)
def pages_work_under_the_csp():
    """Every browser test passes under the app's Content-Security-Policy: nothing refused."""
    CSP_VIOLATIONS.clear()
    yield
    violations, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert not violations, violations


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_hydrated(page) -> None:
    """Wait until the websocket connected and on_load ran (the shell shows its header)."""
    page.wait_for_load_state("networkidle")


def search_and_open(page, name: str) -> None:
    """Search the clinic list, wait until it shows only matches, then open the patient."""
    word = name.split()[0]
    page.get_by_label("Search by name").fill(word)
    page.wait_for_function(
        """word => { const cells = [...document.querySelectorAll('tbody th')];
                     return cells.length > 0 && cells.every(c => c.innerText.includes(word)); }""",
        arg=word)
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("heading", name=name).wait_for()
