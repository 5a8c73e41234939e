"""Thomas Dubois, on his phone, pays part of a fee in test mode and sees his balance drop;
the payment then shows in the admin console's "Payments" of the day and for the clinic."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot
from tests.support import signin

pytestmark = pytest.mark.e2e


def sign_in_thomas(page, server) -> None:
    page.goto(f"{server.url}/patient/login")
    page.get_by_label("Numéro de téléphone").fill(signin.THOMAS["phone"])
    page.get_by_label("Nom", exact=True).fill("Dubois")
    page.get_by_label("Prénom").fill("Thomas")
    page.get_by_label("Date de naissance").fill(signin.THOMAS["birth"])
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/patient/login/code/?$"))
    code = signin.latest_sms_code(server, signin.THOMAS["phone_e164"])
    page.get_by_label("Renseignez ci-dessous le code reçu par SMS").fill(code)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(re.compile(r"/patient(/login/select)?/?$"))
    if page.url.rstrip("/").endswith("/select"):
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/patient/?$"))


def sign_in_staff(page, server, email: str) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("demo1234")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/(admin|clinic)/?$"))


def test_thomas_pays_part_of_a_fee_and_the_practice_sees_it(app_server, browser):
    page = new_page(browser, PHONE, lang=None)
    sign_in_thomas(page, app_server)
    page.get_by_role("navigation").get_by_role("link", name="Mes Paiements").click()
    page.wait_for_url(re.compile(r"/patient/payments/?$"))
    page.get_by_role("heading", name="Mes Paiements").wait_for()
    page.get_by_text("MODE TEST").wait_for()
    balance = page.locator("#balance")
    page.wait_for_function("() => document.querySelector('#balance')?.innerText.includes('890')")
    page.get_by_role("alert").get_by_text("Honoraires en retard").wait_for()
    page.get_by_role("button", name="Détail des soins").click()
    overdue = page.locator(".care-item").filter(has_text="semestre 1")
    overdue.get_by_text("Échéance dépassée").wait_for()
    assert page.locator(".care-item").count() == 4
    screenshot(page, "patient-payments-phone")

    page.get_by_role("button", name="Régler en ligne").click()
    amount = page.get_by_label("Montant (€)")
    assert amount.input_value() == "890,00"
    assert page.get_by_label(re.compile("^E-mail")).input_value() == "thomas.dubois@example.fr"
    for bad, message in (("1e9", "Saisissez un montant"), ("2000", "supérieur à la somme due")):
        amount.fill(bad)
        page.get_by_role("button", name="Continuer vers le paiement").click()
        page.get_by_role("alert").get_by_text(re.compile(message)).wait_for()
    screenshot(page, "patient-payments-refused-phone")
    amount.fill("120,50")
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.locator("#pending-amount").get_by_text("120,50 €").wait_for()
    screenshot(page, "patient-payments-test-card-phone")
    page.get_by_role("button", name="Payer (mode test)").click()
    page.get_by_text("Paiement reçu").wait_for()
    page.wait_for_function("() => document.querySelector('#balance')?.innerText.includes('769')")
    assert "769,50" in balance.inner_text()
    history = page.locator(".payment-row").first
    assert "120,50" in history.inner_text() and "Réglé" in history.inner_text()
    screenshot(page, "patient-payments-paid-phone")
    page.context.close()

    admin = new_page(browser, DESKTOP)
    sign_in_staff(admin, app_server, "admin@demo.clinic")
    admin.get_by_role("link", name="Payments").click()
    admin.wait_for_url(re.compile(r"/admin/payments/?$"))
    row = admin.get_by_role("row").filter(has_text="Dubois Thomas")
    row.wait_for()
    assert "120,50" in row.inner_text() and "Online transfer" in row.inner_text()
    screenshot(admin, "admin-payments-desktop")
    admin.goto(f"{app_server.url}/admin/mailbox")
    admin.get_by_role("row").filter(has_text="thomas.dubois@example.fr").filter(
        has_text="120,50").first.wait_for()
    admin.context.close()


def test_clinic_sees_the_patient_fees_and_payments(app_server, browser):
    page = new_page(browser, DESKTOP)
    sign_in_staff(page, app_server, "manager@demo.clinic")
    import sqlite3

    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (pid,) = db.execute("SELECT id FROM patient WHERE last_name='Dubois'").fetchone()
    page.goto(f"{app_server.url}/clinic/patients/{pid}/payments")
    page.get_by_role("rowheader", name=re.compile("semestre 1")).wait_for()
    page.get_by_role("row").filter(has_text="400,00").first.wait_for()
    screenshot(page, "clinic-patient-payments-desktop")
    page.context.close()
