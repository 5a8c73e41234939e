import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlmodel import select

from ortho_app.core import storage
from ortho_app.core.security.sessions import Principal
from ortho_app.models import OutboxMessage, Role, SessionKind, StoredFile
from ortho_app.models.imaging import PatientImage
from ortho_app.services.messaging import templates
from ortho_app.services.messaging import threads as messaging
from ortho_app.services.messaging.threads import MessagingError
from ortho_app.services.patient_app import modules as patient_modules
from tests import factories

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
STAFF = "staff:1"
PATIENT = "patient-session:1"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 80, 80))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def practice(session):
    return factories.institution(session)


@pytest.fixture
def patient(session, practice):
    row = factories.patient(session, practice)
    row.email = "parent@example.fr"
    session.commit()
    return row


def staff_principal(practice, user, *, role=Role.CLINICIAN, sees_all=True):
    return Principal(session_id=1, kind=SessionKind.STAFF, user_id=user.id,
                     institution_id=practice.id, role=role, sees_all_patients=sees_all)


def test_unread_counts_on_both_sides_and_mark_read(session, patient):
    messaging.post_from_patient(session, patient, actor=PATIENT, body="Bonjour", now=at(0))
    messaging.post_from_patient(session, patient, actor=PATIENT, body="Une question", now=at(1))
    assert messaging.unread_for_practice(session, patient.id) == 2
    assert messaging.unread_for_patient(session, patient.id) == 0
    messaging.post_from_practice(session, patient, actor=STAFF, author_name="Dr. L",
                                 body="Bonjour Alice", now=at(2))
    assert messaging.unread_for_patient(session, patient.id) == 1
    assert messaging.unread_for_practice(session, patient.id) == 2  # answering is not reading
    assert messaging.mark_read_by_practice(session, patient.id, now=at(3)) == 2
    assert messaging.unread_for_practice(session, patient.id) == 0
    assert messaging.mark_read_by_patient(session, patient.id, now=at(4)) == 1
    assert messaging.unread_for_patient(session, patient.id) == 0
    assert messaging.mark_read_by_patient(session, patient.id, now=at(5)) == 0


def test_staff_answer_notifies_patient_without_the_content(session, patient):
    messaging.post_from_practice(session, patient, actor=STAFF, author_name="Dr. L",
                                 body="Vos résultats sont prêts", now=at(0))
    (notice,) = session.exec(select(OutboxMessage)).all()
    assert notice.recipient == "parent@example.fr"
    assert notice.subject == "Vous avez un nouveau message"
    assert "résultats" not in notice.body


def test_patient_message_sends_no_notice(session, patient):
    messaging.post_from_patient(session, patient, actor=PATIENT, body="Bonjour", now=at(0))
    assert session.exec(select(OutboxMessage)).all() == []


def test_thread_pages_newest_first_shown_oldest_first(session, patient):
    for i in range(7):
        messaging.post_from_patient(session, patient, actor=PATIENT, body=f"m{i}", now=at(i))
    first = messaging.thread(session, patient.id, limit=3)
    assert [m.body for m in first.messages] == ["m4", "m5", "m6"] and first.has_older
    older = messaging.thread(session, patient.id, before_id=first.messages[0].id, limit=3)
    assert [m.body for m in older.messages] == ["m1", "m2", "m3"] and older.has_older
    last = messaging.thread(session, patient.id, before_id=older.messages[0].id, limit=3)
    assert [m.body for m in last.messages] == ["m0"] and not last.has_older


def test_body_is_plain_text_kept_as_typed(session, patient):
    hostile = '<img src=x onerror="alert(1)">'
    message = messaging.post_from_patient(session, patient, actor=PATIENT, body=hostile)
    assert message.body == hostile


@pytest.mark.parametrize("body", ["", "   ", "x" * 4001])
def test_empty_or_too_long_body_refused(session, patient, body):
    with pytest.raises(MessagingError):
        messaging.post_from_patient(session, patient, actor=PATIENT, body=body)


def test_messaging_turned_off_refuses_both_sides(session, patient):
    patient_modules.save_options(session, patient.institution_id, messaging=False)
    with pytest.raises(messaging.Refused):
        messaging.post_from_patient(session, patient, actor=PATIENT, body="Bonjour")
    with pytest.raises(messaging.Refused):
        messaging.post_from_practice(session, patient, actor=STAFF, author_name="", body="x")


def test_attachment_is_checked_stripped_and_owned_by_the_patient(session, practice, patient):
    stored = messaging.save_attachment(session, patient, [jpeg_with_exif()],
                                       original_name="../photo.jpg", actor=PATIENT)
    assert stored.patient_id == patient.id and stored.content_type == "image/jpeg"
    assert b"SecretCam" not in storage.read_bytes(stored)
    message = messaging.post_from_patient(session, patient, actor=PATIENT, body="",
                                          attachment=stored)
    assert message.attachment_id == stored.id
    with pytest.raises(storage.UnsupportedFileType):
        messaging.save_attachment(session, patient, [b"<html><img onerror=x></html>"],
                                  original_name="x.jpg", actor=PATIENT)
    other = factories.patient(session, practice, first="Bob")
    with pytest.raises(MessagingError):
        messaging.post_from_patient(session, other, actor=PATIENT, body="x", attachment=stored)


def test_conversations_newest_first_with_unread_and_scope(session, practice):
    manager = factories.staff(session, practice, Role.CLINICIAN, sees_all=True)
    ordinary = factories.staff(session, practice, Role.CLINICIAN)
    alice = factories.patient(session, practice, first="Alice", clinician=ordinary)
    bob = factories.patient(session, practice, first="Bob")
    elsewhere = factories.patient(session, factories.institution(session), first="Eve")
    messaging.post_from_patient(session, alice, actor=PATIENT, body="a1", now=at(0))
    messaging.post_from_patient(session, bob, actor=PATIENT, body="b1", now=at(1))
    messaging.post_from_patient(session, bob, actor=PATIENT, body="b2", now=at(2))
    messaging.post_from_patient(session, elsewhere, actor=PATIENT, body="e1", now=at(3))
    messaging.post_from_practice(session, alice, actor=STAFF, author_name="", body="r",
                                 now=at(4))
    page = messaging.conversations(session, staff_principal(practice, manager))
    assert page.total == 2
    assert [(c.patient.first_name, c.last.body, c.unread) for c in page.rows] == [
        ("Alice", "r", 1), ("Bob", "b2", 2)]
    mine = messaging.conversations(session, staff_principal(practice, ordinary, sees_all=False))
    assert [c.patient.first_name for c in mine.rows] == ["Alice"]
    messaging.mark_read_by_practice(session, alice.id)
    unread = messaging.conversations(session, staff_principal(practice, manager),
                                     unread_only=True)
    assert [c.patient.first_name for c in unread.rows] == ["Bob"] and unread.total == 1
    assert messaging.unread_for_staff(session, staff_principal(practice, manager)) == 2
    second = messaging.conversations(session, staff_principal(practice, manager), page=1,
                                     page_size=1)
    assert [c.patient.first_name for c in second.rows] == ["Bob"]
    carol = factories.patient(session, practice, first="Carol")  # written later, dated earlier
    messaging.post_from_patient(session, carol, actor=PATIENT, body="c1", now=at(-60))
    page = messaging.conversations(session, staff_principal(practice, manager))
    assert [c.patient.first_name for c in page.rows] == ["Alice", "Bob", "Carol"]


def test_templates_crud_and_scope(session, practice, patient):
    other = factories.institution(session)
    template = templates.create_template(session, practice.id, actor=STAFF)
    assert template.body == "Nouveau modèle"
    templates.update_template(session, template, body="Merci pour votre photo.")
    templates.create_template(session, other.id, body="Ailleurs")
    assert [t.body for t in templates.templates(session, practice.id)] == [
        "Merci pour votre photo."]
    with pytest.raises(MessagingError):
        templates.template_of(session, practice.id, templates.templates(session, other.id)[0].id)
    templates.attach_to_template(session, template, [b"%PDF-1.4\n%%EOF\n"],
                                 original_name="consignes.pdf", actor=STAFF)
    copy = templates.template_copy_for(session, template, patient, actor=STAFF)
    assert copy.patient_id == patient.id and copy.id != template.attachment_id
    assert storage.read_bytes(copy).startswith(b"%PDF")
    templates.set_template_file(session, template, None)
    assert template.attachment_id is None
    assert templates.template_copy_for(session, template, patient, actor=STAFF) is None
    templates.delete_template(session, template)
    assert templates.templates(session, practice.id) == []
    with pytest.raises(MessagingError):
        templates.update_template(session, templates.create_template(session, practice.id),
                                  body=" ")


def test_file_patient_photo_into_record_once(session, patient):
    stored = messaging.save_attachment(session, patient, [jpeg_with_exif()],
                                       original_name="sourire.jpg", actor=PATIENT)
    message = messaging.post_from_patient(session, patient, actor=PATIENT, body="Ma photo",
                                          attachment=stored, now=at(0))
    image = messaging.file_into_record(session, message, stage="En cours de traitement",
                                       kind="Visage sourire", actor=STAFF)
    assert (image.patient_id, image.stored_file_id, image.source) == (
        patient.id, stored.id, "message")
    assert image.taken_on == T0.date() and not image.shared_with_patient
    assert message.filed_image_id == image.id
    with pytest.raises(MessagingError):
        messaging.file_into_record(session, message, stage="En cours de traitement",
                                   kind="Visage sourire", actor=STAFF)
    assert len(session.exec(select(PatientImage)).all()) == 1


def test_filing_refuses_unknown_stage_staff_files_and_pdfs(session, patient):
    pdf = messaging.save_attachment(session, patient, [b"%PDF-1.4\n%%EOF\n"],
                                    original_name="a.pdf", actor=PATIENT)
    from_patient = messaging.post_from_patient(session, patient, actor=PATIENT, body="",
                                               attachment=pdf)
    photo = messaging.save_attachment(session, patient, [jpeg_with_exif()],
                                      original_name="a.jpg", actor=STAFF)
    from_staff = messaging.post_from_practice(session, patient, actor=STAFF, author_name="",
                                              body="", attachment=photo)
    for message, stage in ((from_patient, "Contention"), (from_staff, "Contention"),
                           (from_patient, "<b>nope</b>")):
        with pytest.raises(MessagingError):
            messaging.file_into_record(session, message, stage=stage, kind="Profil",
                                       actor=STAFF)
    assert session.exec(select(PatientImage)).all() == []
    assert session.exec(select(StoredFile)).all()  # the attachments themselves stay
