"""Patient app Documents (sign with the SMS code) and Mon imagerie, on a phone, as Camille's
parent; the clinic side shares a PDF to sign and an image."""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile

import pytest
from pypdf import PdfReader

from ortho_app.demo.documents import document_pdf, image_jpeg
from tests.e2e.conftest import PHONE, new_page, screenshot
from tests.e2e.login.test_sign_in import sign_in_staff
from tests.support import signin

pytestmark = pytest.mark.e2e
SOPHIE = signin.CAMILLE["phone_e164"]


def patient_page(browser, server):
    cookie = signin.patient_cookie(server, **signin.CAMILLE)
    page = new_page(browser, PHONE, lang=None)
    name, value = cookie.split("=", 1)
    page.context.add_cookies([{"name": name, "value": value, "url": server.url,
                               "httpOnly": True}])
    return page


def test_parent_signs_the_pending_document_with_the_sms_code(app_server, browser):
    page = patient_page(browser, app_server)
    page.goto(f"{app_server.url}/patient/documents")
    page.get_by_role("tab", name=re.compile("À signer")).wait_for()
    card = page.locator(".rt-Card").filter(has_text="Consentement éclairé")
    card.wait_for()
    screenshot(page, "patient-documents-to-sign-phone")
    card.get_by_role("button", name="Signer").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Un code à 6 chiffres a été envoyé au").wait_for()
    code = signin.latest_sms_code(app_server, SOPHIE)
    dialog.get_by_label("Code reçu par SMS").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    dialog.get_by_role("button", name="Confirmer la signature").click()
    dialog.get_by_role("alert").get_by_text("Ce code n'est pas correct.").wait_for()
    screenshot(page, "patient-documents-code-phone")
    dialog.get_by_label("Code reçu par SMS").fill(code)
    dialog.get_by_role("button", name="Confirmer la signature").click()
    page.get_by_role("status").get_by_text("Consentement éclairé").wait_for()
    signed = page.locator(".rt-Card").filter(has_text="Consentement éclairé")
    signed.get_by_text("Signé par Sophie Martin").wait_for()
    screenshot(page, "patient-documents-signed-phone")
    link = signed.get_by_role("link", name="Télécharger le PDF signé")
    with page.expect_download() as download:
        link.click()
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    last = reader.pages[-1].extract_text()
    assert "Page de signature" in last and "Sophie Martin" in last
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (sha,) = db.execute("SELECT sha256 FROM shareddocument WHERE title = "
                            "'Consentement éclairé'").fetchone()
    assert sha in last.replace("\n", "")
    page.get_by_role("tab", name="Sans signature").click()
    page.get_by_text("Conseils d'hygiène pendant le traitement").wait_for()
    page.context.close()


def test_patient_browses_shared_images_and_downloads_the_zip(app_server, browser):
    page = patient_page(browser, app_server)
    page.goto(f"{app_server.url}/patient/imaging")
    page.get_by_role("heading", name="Début de traitement").wait_for()
    page.get_by_role("heading", name="En cours de traitement").wait_for()
    page.wait_for_function("[...document.images].filter(i => i.src.includes('/files/'))"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    assert page.get_by_role("button", name=re.compile("Radio panoramique")).count() == 0
    screenshot(page, "patient-imaging-phone")
    page.get_by_role("button", name=re.compile("^Visage face")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Visage face").wait_for()
    dialog.get_by_text(re.compile("1 / 5")).wait_for()
    dialog.get_by_role("button", name="Image suivante").click()
    dialog.get_by_role("heading", name="Visage sourire").wait_for()
    dialog.get_by_role("button", name="Image suivante").click()
    dialog.get_by_role("heading", name="Photo intra-buccale").wait_for()
    dialog.get_by_text(re.compile("3 / 5")).wait_for()
    screenshot(page, "patient-imaging-viewer-phone")
    dialog.get_by_role("button", name="Image précédente").click()
    dialog.get_by_role("heading", name="Visage sourire").wait_for()
    with page.expect_download() as one:
        dialog.get_by_role("link", name="Télécharger l'image").click()
    assert open(one.value.path(), "rb").read()[:3] == b"\xff\xd8\xff"
    dialog.get_by_role("button", name="Fermer").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tout télécharger (zip)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
    assert len(names) == 5 and not any("Radio" in n or "Profil" in n for n in names)
    page.context.close()


def test_clinic_shares_a_pdf_to_sign_and_an_image(app_server, browser, tmp_path):
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        (pid,) = db.execute("SELECT id FROM patient WHERE last_name='Martin' AND "
                            "first_name='Lucas'").fetchone()
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "manager@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    page.goto(f"{app_server.url}/clinic/patients/{pid}/documents")
    page.get_by_role("heading", name=re.compile("Martin Lucas")).wait_for()
    pdf = tmp_path / "consent.pdf"
    pdf.write_bytes(document_pdf("Consentement Lucas", "Texte."))
    page.get_by_label("Title").fill("Consentement Lucas")
    page.locator("#document-pdf input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Share the document").click()
    row = page.get_by_role("row").filter(has_text="Consentement Lucas")
    row.get_by_text("To sign").wait_for()
    screenshot(page, "clinic-documents-desktop")
    page.goto(f"{app_server.url}/clinic/patients/{pid}/imaging")
    page.get_by_role("heading", name=re.compile("Martin Lucas")).wait_for()
    jpeg = tmp_path / "smile.jpg"
    jpeg.write_bytes(image_jpeg(1, "Visage sourire"))
    page.get_by_label("Image type").select_option("Visage sourire")
    page.locator("#patient-images input[type=file]").set_input_files(str(jpeg))
    page.get_by_role("button", name="Add the images").click()
    row = page.get_by_role("row").filter(has_text="Visage sourire")
    row.wait_for()
    switch = row.get_by_role("switch", name="Shared with the patient")
    assert switch.get_attribute("aria-checked") == "false"
    switch.click()
    page.wait_for_function("document.querySelector('[role=switch]')"
                           ".getAttribute('aria-checked') === 'true'")
    screenshot(page, "clinic-imaging-desktop")
    with sqlite3.connect(app_server.data_dir / "app.db") as db:
        assert db.execute("SELECT shared_with_patient FROM patientimage WHERE patient_id = ?",
                          (pid,)).fetchone() == (1,)
    page.context.close()
