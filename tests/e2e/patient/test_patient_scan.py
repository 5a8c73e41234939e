"""Monitoring in the patient app on a phone: the clinician asks for an immediate scan, the
demo patient signs in (code from the dev mailbox's outbox), reads the instructions, takes the
guided photos with the camera input, sends the scan; the clinician finds it in the review
queue and answers NO-GO, which the patient then sees."""

from __future__ import annotations

import re

import pytest

from ortho_app.demo.photos import scan_photo
from tests.e2e.clinic.test_monitoring_actions import open_card, run_action
from tests.e2e.conftest import PHONE, new_page, screenshot
from tests.support import signin

pytestmark = pytest.mark.e2e
INSTRUCTIONS = "Mettez vos gouttières pour les photos."
STEPS = ["Visage, sourire", "Dents de face, fermées", "Côté gauche", "Côté droit",
         "Dents du haut", "Dents du bas"]


def sign_in_patient(page, base: str, who: dict) -> None:
    page.goto(f"{base}/patient/login")
    page.get_by_label("Numéro de téléphone").fill(who["phone"])
    page.get_by_label("Nom", exact=True).fill(who["last"])
    page.get_by_label("Prénom").fill(who["first"])
    page.get_by_label("Date de naissance").fill(who["birth"])
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/patient/login/code/?$"))
    page.get_by_label("Renseignez ci-dessous le code reçu par SMS").fill(
        signin.latest_sms_code(page.server, who["phone_e164"]))
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(re.compile(r"/patient(/login/select)?/?$"))
    if "select" in page.url:  # this phone reaches several patients: only this one
        page.get_by_label(re.compile(f"{who['last']} {who['first']}")).check()
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/patient/?$"))


def test_patient_takes_a_monitoring_scan_that_reaches_review(app_server, browser):
    clinic = new_page(browser)
    open_card(clinic, app_server.url, "Martin Camille")
    run_action(clinic, "Ask patient for an immediate scan",
               lambda d: d.get_by_label("Instructions shown to the patient before the scan")
               .fill(INSTRUCTIONS))

    page = new_page(browser, PHONE, lang=None)
    page.server = app_server
    sign_in_patient(page, app_server.url, signin.CAMILLE)
    section = page.locator("[aria-label='Mon suivi']")
    section.get_by_text("Votre cabinet vous demande un scan maintenant.").wait_for()
    section.get_by_text(INSTRUCTIONS).wait_for()
    section.get_by_text(re.compile(r"Passez à la gouttière \d+")).wait_for()
    section.get_by_text(re.compile(r"Prochain scan le \d\d/\d\d/\d{4}")).wait_for()
    screenshot(page, "patient-monitoring-home-phone")

    page.get_by_role("link", name="Prendre mon scan").click()
    page.wait_for_url(re.compile(r"/patient/scan/?$"))
    page.get_by_text(INSTRUCTIONS).wait_for()  # the clinician's instructions come first
    screenshot(page, "patient-scan-instructions-phone")
    page.get_by_role("button", name="J'ai lu les consignes").click()
    camera = page.locator("input[type=file]")
    assert camera.get_attribute("capture") == "environment"
    assert "image/jpeg" in camera.get_attribute("accept")
    for n, step in enumerate(STEPS):
        page.get_by_role("heading", name=step).wait_for()
        page.get_by_text(f"Photo {n + 1} / {len(STEPS)}").wait_for()
        if n == 2:
            screenshot(page, "patient-scan-step-phone")
        camera.set_input_files(files=[{"name": f"photo{n}.jpg", "mimeType": "image/jpeg",
                                       "buffer": scan_photo(900 + n, step)}])
    page.get_by_text("Toutes les photos sont prises.").wait_for()
    page.get_by_role("button", name="Envoyer mon scan").click()
    page.get_by_role("status").filter(has_text="Scan envoyé").wait_for()
    screenshot(page, "patient-scan-sent-phone")

    clinic.goto(f"{app_server.url}/clinic/review")
    row = clinic.get_by_role("row").filter(has_text="Martin Camille").filter(
        has_text="Immediate scan").first
    row.wait_for()
    screenshot(clinic, "clinic-review-queue-with-patient-scan-desktop")
    row.get_by_role("link").click()
    clinic.wait_for_url(re.compile(r"/clinic/review/\d+/?$"))
    for label in ("Smile", "Front", "Left", "Right", "Upper", "Lower"):
        clinic.get_by_role("button", name=label, exact=True).wait_for()
    clinic.get_by_role("button", name="NO-GO", exact=True).click()
    clinic.get_by_role("status").filter(has_text="Verdict: NO-GO").wait_for()
    clinic.context.close()

    page.get_by_role("link", name="Retour à l'accueil").click()
    page.wait_for_url(re.compile(r"/patient/?$"))
    page.get_by_text("Restez sur la gouttière actuelle").wait_for()
    assert page.get_by_text("Votre cabinet vous demande un scan maintenant.").count() == 0
    screenshot(page, "patient-monitoring-verdict-phone")
    page.context.close()
