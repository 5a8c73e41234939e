"""Each demo role and a demo patient sign in through the real pages and land in their
workspace; screenshots at desktop and phone sizes."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot

pytestmark = pytest.mark.e2e

STAFF = [
    ("manager@demo.clinic", "/clinic", "Dr. Claire Lefèvre"),
    ("clinician@demo.clinic", "/clinic", "Dr. Antoine Girard"),
    ("assistant@demo.clinic", "/clinic", "Julie Moreau"),
    ("admin@demo.clinic", "/admin", "Nathalie Roux"),
    ("coordinator@demo.lab", "/lab", "Marc Petit"),
]


def sign_in_staff(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill("demo1234")
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("email,workspace,name", STAFF)
def test_staff_sign_in_lands_in_workspace(app_server, browser, email, workspace, name):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, email)
    page.wait_for_url(re.compile(rf"{workspace}/?$"))
    page.get_by_text(name).first.wait_for()
    screenshot(page, f"{workspace.strip('/')}-{email.split('@')[0]}-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, f"{workspace.strip('/')}-{email.split('@')[0]}-phone")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login/?$"))
    page.goto(f"{app_server.url}{workspace}")
    page.wait_for_url(re.compile(r"/login/?$"))  # the session is gone
    page.context.close()


def test_ordinary_clinician_sees_only_assigned(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "clinician@demo.clinic")
    page.get_by_role("rowheader", name="Martin Camille").wait_for()
    page.get_by_label("Search by name").fill("Dubois")
    page.get_by_text("0 Patients").wait_for()
    assert page.get_by_role("rowheader", name="Dubois Thomas").count() == 0
    page.context.close()


def test_wrong_password_shows_message(app_server, browser):
    page = new_page(browser)
    page.goto(f"{app_server.url}/login")
    page.get_by_label("E-mail").fill("manager@demo.clinic")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").get_by_text("E-mail or password is incorrect.").wait_for()
    page.context.close()


def test_patient_role_cannot_open_clinic(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "coordinator@demo.lab")
    page.wait_for_url(re.compile(r"/lab/?$"))
    page.goto(f"{app_server.url}/clinic")
    page.wait_for_url(re.compile(r"/lab/?$"))
    page.context.close()


def read_code_from_dev_mailbox(browser, base: str, phone: str) -> str:
    admin = new_page(browser)
    sign_in_staff(admin, base, "admin@demo.clinic")
    admin.wait_for_url(re.compile(r"/admin/?$"))
    admin.goto(f"{base}/admin/mailbox")
    row = admin.get_by_role("row").filter(has_text=phone).first
    row.wait_for()
    code = re.search(r"\b(\d{6})\b", row.inner_text()).group(1)
    screenshot(admin, "admin-dev-mailbox-desktop")
    admin.context.close()
    return code


def test_patient_signs_in_with_sms_code_and_picks_children(app_server, browser):
    page = new_page(browser, PHONE, lang=None)
    page.goto(f"{app_server.url}/patient/login")
    page.get_by_label("Numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Date de naissance").fill("2011-03-14")
    screenshot(page, "patient-login-phone")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/patient/login/code/?$"))
    page.get_by_text("Renseignez ci-dessous le code reçu par SMS").wait_for()
    code = read_code_from_dev_mailbox(browser, app_server.url, "+33612345678")
    demo = page.locator("#demo-code")
    demo.wait_for()
    assert demo.inner_text() == code
    screenshot(page, "patient-code-phone")
    page.get_by_label("Renseignez ci-dessous le code reçu par SMS").fill(code)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(re.compile(r"/patient/login/select/?$"))
    page.get_by_label(re.compile("Martin Lucas")).check()
    screenshot(page, "patient-select-phone")
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(re.compile(r"/patient/?$"))
    page.get_by_role("button", name="Martin Camille").wait_for()  # the patient switcher
    page.get_by_role("button", name="Martin Lucas").wait_for()
    screenshot(page, "patient-home-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "patient-home-desktop")
    page.context.close()


def test_patient_wrong_birth_date_gets_check_message(app_server, browser):
    page = new_page(browser, PHONE, lang=None)
    page.goto(f"{app_server.url}/patient/login")
    page.get_by_label("Numéro de téléphone").fill("+33 6 98 76 54 32")
    page.get_by_label("Nom", exact=True).fill("Dubois")
    page.get_by_label("Prénom").fill("Thomas")
    page.get_by_label("Date de naissance").fill("1990-06-22")
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("alert").get_by_text(re.compile("Veuillez vérifier")).wait_for()
    screenshot(page, "patient-login-error-phone")
    page.context.close()


def test_root_sends_visitors_to_sign_in(app_server, browser):
    page = new_page(browser)
    page.goto(app_server.url)
    page.wait_for_url(re.compile(r"/login/?$"))
    page.get_by_role("button", name="Sign in").wait_for()
    page.context.close()


def test_language_switch_translates_staff_sign_in(app_server, browser):
    page = new_page(browser)
    page.goto(f"{app_server.url}/login")
    page.get_by_role("button", name="Français").click()
    page.get_by_role("button", name="Se connecter").wait_for()
    page.get_by_label("Mot de passe").wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.context.close()


def test_admin_test_email_runs_as_a_job_with_progress(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "admin@demo.clinic")
    page.wait_for_url(re.compile(r"/admin/?$"))
    page.get_by_role("link", name="Dev mailbox").click()
    page.wait_for_url(re.compile(r"/admin/mailbox/?$"))
    page.get_by_role("button", name="Send a test e-mail").click()
    page.get_by_role("progressbar", name="Send a test e-mail").wait_for()
    page.locator(".job-percent").filter(has_text="100%").wait_for()
    page.get_by_text("Message dev_mailbox").wait_for()
    page.get_by_role("button", name="Refresh").click()
    page.get_by_role("row").filter(has_text="ortho_app test e-mail").filter(
        has_text="admin@demo.clinic").first.wait_for()
    screenshot(page, "admin-test-email-job-desktop")
    page.context.close()
