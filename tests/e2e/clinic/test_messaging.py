"""Messagerie in the browser: the demo patient (Camille Martin, signed in with the SMS code of
the dev mailbox) sends a photo on a phone; the practice sees it unread in /clinic/messages,
answers with a predefined message and files the photo into the record; the patient reads the
answer. Text that looks like HTML stays text."""

from __future__ import annotations

import io
import re
import sqlite3

import httpx
import pytest
from PIL import Image

from tests.e2e.conftest import PHONE, new_page, screenshot
from tests.e2e.login.test_sign_in import sign_in_staff
from tests.support import signin
from tests.support.server import ROOT

pytestmark = pytest.mark.e2e
HOSTILE = '<img src=x onerror="window.__xss=1">Bonjour, voici ma photo'
TEMPLATE = "Merci pour votre photo, nous l'avons bien reçue"


@pytest.fixture(scope="module")
def record_imaging(app_server):
    """The record's imaging table (its migration belongs to the imaging work; a no-op once
    that migration is in the chain)."""
    from sqlmodel import SQLModel, create_engine

    import ortho_app.models  # noqa: F401

    engine = create_engine(f"sqlite:///{app_server.data_dir / 'app.db'}")
    SQLModel.metadata.tables["patientimage"].create(engine, checkfirst=True)
    engine.dispose()


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (60, 160, 90)).save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture(scope="module")
def cookies(app_server):
    """One sign-in per demo patient (codes are throttled per phone): SMS code read from the
    dev mailbox's outbox."""
    return {"camille": signin.patient_cookie(app_server, **signin.CAMILLE),
            "thomas": signin.patient_cookie(app_server, **signin.THOMAS)}


def patient_page(browser, server, cookie: str):
    page = new_page(browser, PHONE, lang=None)
    page.context.add_cookies([{"name": "ortho_session", "value": cookie.split("=", 1)[1],
                               "url": server.url}])
    return page


def query(server, sql: str, *args):
    with sqlite3.connect(server.data_dir / "app.db") as db:
        return db.execute(sql, args).fetchall()


def test_patient_photo_to_clinic_answer_and_filing(app_server, browser, record_imaging,
                                                   cookies):
    page = patient_page(browser, app_server, cookies["camille"])
    page.goto(f"{app_server.url}/patient/messages")
    page.get_by_role("heading", name=re.compile("Messagerie · Camille Martin")).wait_for()
    page.locator(".chat-body").filter(has_text="gouttière n°8").wait_for()
    screenshot(page, "patient-messages-phone")
    page.get_by_label("Votre message").fill("Fausse photo")
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "fausse.jpg", "mimeType": "image/jpeg",
        "buffer": b"<html><img src=x onerror=alert(1)></html>"}])
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Photos (JPEG, PNG) ou PDF uniquement").wait_for()
    assert query(app_server, "SELECT count(*) FROM message WHERE body = 'Fausse photo'") == [
        (0,)]
    page.get_by_label("Votre message").fill(HOSTILE)
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "sourire.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}])
    page.locator(".chat-selected").filter(has_text="sourire.jpg").wait_for()
    page.get_by_role("button", name="Envoyer").click()
    sent = page.locator(".chat-message").filter(has_text="voici ma photo")
    sent.wait_for()
    assert sent.locator(".chat-body").inner_text() == HOSTILE  # shown as text
    shown = sent.get_by_role("img", name="sourire.jpg")
    page.wait_for_function("img => img.complete && img.naturalWidth === 320",
                           arg=shown.element_handle())
    assert page.evaluate("window.__xss") is None
    assert re.match(r"/files/\d+$", shown.get_attribute("src"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not [p for p in (ROOT / "uploaded_files").rglob("*") if p.is_file()]
    screenshot(page, "patient-messages-sent-phone")
    page.context.close()
    (file_id, size), = query(app_server, "SELECT attachment_id, length(body) FROM message "
                                         "WHERE body = ?", HOSTILE)
    assert file_id and size == len(HOSTILE)

    staff = new_page(browser)
    sign_in_staff(staff, app_server.url, "clinician@demo.clinic")
    staff.wait_for_url(re.compile(r"/clinic/?$"))
    staff.get_by_role("link", name="Messages").click()
    row = staff.get_by_role("row").filter(has_text="Martin Camille")
    assert row.locator(".unread-count").inner_text() == "2"  # the demo's unread + the photo
    assert "voici ma photo" in row.inner_text()
    screenshot(staff, "clinic-messages-desktop")
    row.get_by_role("link", name="Martin Camille").click()
    staff.get_by_role("heading", name="Martin Camille").wait_for()
    photo = staff.locator(".chat-message").filter(has_text="voici ma photo")
    photo.get_by_role("img", name="sourire.jpg").wait_for()
    staff.get_by_label("Predefined message").select_option(index=2)
    staff.wait_for_function(
        "text => document.getElementById('clinic_chat_upload-draft').value.startsWith(text)",
        arg=TEMPLATE)
    staff.get_by_role("button", name="Send", exact=True).click()
    staff.locator(".chat-message").filter(has_text="Dr. Antoine Girard").filter(
        has_text=TEMPLATE).wait_for()
    photo.get_by_role("button", name="File into record").click()
    dialog = staff.get_by_role("dialog")
    dialog.get_by_label("Treatment stage").select_option("En cours de traitement")
    dialog.get_by_label("Image type").select_option("Visage sourire")
    dialog.get_by_label(re.compile("Share with the patient")).check()
    dialog.get_by_role("button", name="File", exact=True).click()
    dialog.wait_for(state="hidden")
    photo.get_by_text("In the record").wait_for()
    assert photo.get_by_role("button", name="File into record").count() == 0
    screenshot(staff, "clinic-thread-desktop")
    staff.get_by_role("link", name="All conversations").click()
    staff.get_by_role("row").filter(has_text="Martin Camille").locator(
        ".unread-count").wait_for(state="detached")  # read once the thread was opened
    staff.context.close()
    assert query(app_server, "SELECT stage, kind, source, shared_with_patient FROM patientimage "
                             "WHERE stored_file_id = ?", file_id) == [
        ("En cours de traitement", "Visage sourire", "message", 1)]
    notices = query(app_server, "SELECT body FROM outboxmessage WHERE recipient = ? AND "
                                "subject = 'Vous avez un nouveau message'",
                    "sophie.martin@example.fr")
    assert notices and all(TEMPLATE not in body for (body,) in notices)

    page = patient_page(browser, app_server, cookies["camille"])
    page.goto(f"{app_server.url}/patient/messages")
    page.locator("#chat-new-count").filter(has_text="1").wait_for()
    answer = page.locator(".chat-message").filter(has_text=TEMPLATE).last
    answer.get_by_text("Nouveau").wait_for()
    answer.get_by_text("Dr. Antoine Girard").wait_for()
    screenshot(page, "patient-messages-answer-phone")
    page.context.close()


def test_staff_attachment_reaches_the_patient_download(app_server, browser, cookies):
    staff = new_page(browser)
    sign_in_staff(staff, app_server.url, "manager@demo.clinic")
    staff.wait_for_url(re.compile(r"/clinic/?$"))
    (thomas,), = query(app_server, "SELECT id FROM patient WHERE first_name = 'Thomas' "
                                   "AND last_name = 'Dubois'")
    staff.goto(f"{app_server.url}/clinic/messages/{thomas}")
    staff.get_by_role("heading", name="Dubois Thomas").wait_for()
    staff.get_by_label("Predefined message").select_option(index=5)  # has the hygiene PDF
    staff.get_by_text("consignes-hygiene.pdf").wait_for()
    staff.get_by_role("button", name="Send", exact=True).click()
    sent = staff.locator(".chat-message").filter(has_text="consignes d'hygiène").last
    sent.get_by_role("link", name=re.compile("consignes-hygiene.pdf")).wait_for()
    staff.context.close()
    (file_id, owner), = query(app_server, "SELECT f.id, f.patient_id FROM message m JOIN "
                                          "storedfile f ON f.id = m.attachment_id WHERE "
                                          "m.patient_id = ? ORDER BY m.id DESC LIMIT 1", thomas)
    assert owner == thomas  # a copy of the practice's file, owned by the patient's record

    got = httpx.get(f"{app_server.url}/files/{file_id}", headers={"Cookie": cookies["thomas"]})
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert httpx.get(f"{app_server.url}/files/{file_id}",
                     headers={"Cookie": cookies["camille"]}).status_code == 404


def test_message_templates_add_edit_attach_remove_delete(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "assistant@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    page.goto(f"{app_server.url}/clinic/messages")
    page.get_by_role("link", name="Message templates").click()
    page.wait_for_url(re.compile(r"/clinic/messages/templates/?$"))
    cards = page.locator(".template-card")
    cards.first.wait_for()
    count = cards.count()
    page.get_by_role("button", name="New template").click()
    page.wait_for_function("n => document.querySelectorAll('.template-card').length === n",
                           arg=count + 1)
    card = cards.last
    assert card.get_by_label("Message").input_value() == "Nouveau modèle"
    card.get_by_label("Message").fill("Bonne fin de traitement ! Pensez à vos contentions.")
    page.get_by_role("heading", name="Message templates").click()  # blur saves
    card.get_by_role("button", name="Attach a file").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("input[type=file]").set_input_files(files=[{
        "name": "contentions.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n%%EOF\n"}])
    dialog.get_by_text("contentions.pdf").wait_for()
    dialog.get_by_role("button", name="Save").click()
    dialog.wait_for(state="hidden")
    card.get_by_role("link", name="contentions.pdf").wait_for()
    screenshot(page, "clinic-message-templates-desktop")
    page.reload()
    card = cards.last
    card.get_by_role("link", name="contentions.pdf").wait_for()
    assert card.get_by_label("Message").input_value().startswith("Bonne fin de traitement")
    card.get_by_role("button", name="Remove the attachment").click()
    card.get_by_role("link", name="contentions.pdf").wait_for(state="detached")
    card.get_by_role("button", name="Delete").click()
    page.wait_for_function("n => document.querySelectorAll('.template-card').length === n",
                           arg=count)
    page.context.close()
    assert query(app_server, "SELECT count(*) FROM messagetemplate WHERE body LIKE ?",
                 "Bonne fin%") == [(0,)]
