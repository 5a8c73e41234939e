"""The patient app on a phone (390×844): a demo patient signs in with the code from the dev
mailbox, sees the next appointment with "Carte Vitale !", adds it to the calendar (.ics parsed),
shows all appointments, edits "Mes infos" (accepted by a clinician at /clinic/changes), sets a
reminder, adds her brother in "Gestion des patients" and switches between them."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

import icalendar
import pytest

from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot
from tests.e2e.login.test_sign_in import read_code_from_dev_mailbox, sign_in_staff

pytestmark = pytest.mark.e2e


def sign_in_camille(page, base: str, browser) -> None:
    page.goto(f"{base}/patient/login")
    page.get_by_label("Numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Date de naissance").fill("2011-03-14")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/patient/login/code/?$"))
    code = read_code_from_dev_mailbox(browser, base, "+33612345678")
    page.get_by_label("Renseignez ci-dessous le code reçu par SMS").fill(code)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(re.compile(r"/patient/login/select/?$"))
    page.get_by_label(re.compile("Martin Camille")).check()
    page.get_by_role("button", name="Continuer").click()  # Camille only; Lucas comes later
    page.wait_for_url(re.compile(r"/patient/?$"))


def card_dates(page) -> list[datetime]:
    texts = page.locator(".appointment").all_inner_texts()
    return [datetime.strptime(" ".join(re.search(r"(\d\d/\d\d/\d{4})\s+(\d\d:\d\d)", t)
                                       .groups()), "%d/%m/%Y %H:%M") for t in texts]


def test_patient_app_on_a_phone(app_server, browser, tmp_path):
    base = app_server.url
    page = new_page(browser, PHONE, lang=None)
    sign_in_camille(page, base, browser)

    # Home: next appointment with "Carte Vitale !", the home buttons.
    home = page.get_by_role("link", name="Mes RDV").filter(has_text="Prochain rendez-vous")
    home.wait_for()
    home.get_by_text("Carte Vitale !").wait_for()
    home.get_by_text("Dr. Claire Lefèvre").wait_for()
    for label in ("Mes Paiements", "Messagerie", "Documents", "Menu"):
        page.locator(".home-buttons").get_by_role("link", name=label).wait_for()
    screenshot(page, "patient-app-home-phone")

    # Mes RDV: upcoming, .ics download, already added, Tout afficher, maps.
    home.click()
    page.wait_for_url(re.compile(r"/patient/appointments/?$"))
    page.locator(".appointment").first.wait_for()
    upcoming = card_dates(page)
    assert len(upcoming) == 3 and upcoming == sorted(upcoming)
    first = page.locator(".appointment").first
    first.get_by_text("Carte Vitale !").wait_for()
    with page.expect_download() as download:
        first.get_by_role("button", name="Ajouter à mon agenda").click()
    ics = tmp_path / "rdv.ics"
    download.value.save_as(ics)
    (event,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    start = event.decoded("dtstart").astimezone()
    assert "Carte Vitale" in str(event["description"])
    assert "Maréchal Foch" in str(event["location"])
    assert abs((start.replace(tzinfo=None) - upcoming[0]).total_seconds()) <= 2 * 3600
    page.get_by_text("Le rendez-vous a été ajouté à votre agenda.").wait_for()
    first.get_by_text("Dans mon agenda").wait_for()
    with page.expect_download():
        first.get_by_role("button", name="Ajouter à mon agenda").click()
    page.get_by_text("Ce rendez-vous a déjà été ajouté à votre agenda.").wait_for()
    maps = first.get_by_role("link", name="Me rendre au cabinet")
    assert "google.com/maps" in maps.get_attribute("href")
    assert "Foch" in maps.get_attribute("href")
    screenshot(page, "patient-app-appointments-phone")
    page.get_by_label("Tout afficher").click()
    page.locator(".appointment").nth(5).wait_for()
    everything = card_dates(page)
    assert len(everything) == 6 and everything == sorted(everything)
    assert everything[0] < upcoming[0]
    page.get_by_text("Passé").first.wait_for()
    screenshot(page, "patient-app-appointments-all-phone")

    # Mes infos: the change goes to the practice, not into the record.
    page.get_by_role("navigation").get_by_role("link", name="Menu").click()
    page.get_by_role("link", name="Mes infos").click()
    page.wait_for_url(re.compile(r"/patient/info/?$"))
    email = page.get_by_label(re.compile("^E-mail"))
    email.fill("camille.martin@example.fr")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Transmis au cabinet.").wait_for()
    page.get_by_text("Modifications en attente de validation par le cabinet.").wait_for()
    screenshot(page, "patient-app-my-info-phone")
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (record,) = db.execute("SELECT email FROM patient WHERE first_name='Camille' AND "
                               "last_name='Martin'").fetchone()
    assert record == "sophie.martin@example.fr"

    clinic = new_page(browser, DESKTOP)
    sign_in_staff(clinic, base, "manager@demo.clinic")
    clinic.wait_for_url(re.compile(r"/clinic/?$"))
    clinic.get_by_role("link", name="Proposed changes").click()
    change = clinic.locator(".proposed-change").filter(has_text="camille.martin@example.fr")
    change.get_by_text("sophie.martin@example.fr").wait_for()
    screenshot(clinic, "clinic-proposed-changes-desktop")
    change.get_by_role("button", name="Accept").click()
    clinic.get_by_text("The record was updated.").wait_for()
    clinic.context.close()
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (record,) = db.execute("SELECT email FROM patient WHERE first_name='Camille' AND "
                               "last_name='Martin'").fetchone()
    assert record == "camille.martin@example.fr"

    # Notifications: the default, a second reminder, the reminder already sent.
    page.goto(f"{base}/patient/notifications")
    page.locator(".reminder").filter(has_text="12:00").wait_for()
    page.get_by_label("Jours avant").fill("3")
    page.get_by_label("Heure").fill("09:30")
    page.get_by_role("button", name="+ Ajouter").click()
    page.locator(".reminder").filter(has_text="09:30").wait_for()
    assert page.locator(".reminder").count() == 2
    page.get_by_text("rappel du rendez-vous du").first.wait_for()
    screenshot(page, "patient-app-notifications-phone")

    # Mon cabinet.
    page.goto(f"{base}/patient/practice")
    page.get_by_role("link", name="contact@demo.clinic").wait_for()
    assert page.get_by_role("link", name="contact@demo.clinic").get_attribute("href") == \
        "mailto:contact@demo.clinic"
    assert page.get_by_role("link", name=re.compile(r"\+33 4 78")).get_attribute("href") == \
        "tel:+33478000000"
    screenshot(page, "patient-app-practice-phone")

    # Gestion des patients: add Lucas (same phone), then switch on the home page.
    page.goto(f"{base}/patient/patients")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom").fill("Lucas")
    page.get_by_label("Date de naissance").fill("2013-09-02")
    page.get_by_role("button", name="Ajouter un patient").click()
    page.get_by_text("Le patient a été ajouté.").wait_for()
    page.locator(".listed-patient").filter(has_text="Martin Lucas").wait_for()
    screenshot(page, "patient-app-manage-patients-phone")
    page.goto(f"{base}/patient")
    page.get_by_role("button", name="Martin Lucas").click()
    page.get_by_text("Dr. Antoine Girard").wait_for()
    page.locator(".current-patient").filter(has_text="Lucas Martin").wait_for()
    assert page.get_by_text("Carte Vitale !").count() == 0
    screenshot(page, "patient-app-home-lucas-phone")
    page.context.close()
