"""Demo documents and imaging for Camille Martin (generated, never real patient data).

Documents: "Consentement éclairé" to sign, a signed "Devis de traitement orthodontique"
(signed by Sophie Martin, parent 1, with a real SMS-code check dated in the past) and
"Conseils d'hygiène" without signature. Images: face, smile, intra-oral and panoramic X-ray at
the start of treatment and during treatment; some are not shared with the patient.
"""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime

from fpdf import FPDF
from PIL import Image, ImageDraw
from sqlmodel import Session, select

from ortho_app.core import storage
from ortho_app.core.security import otp
from ortho_app.demo.people import SOPHIE_PHONE
from ortho_app.demo.photos import scan_photo
from ortho_app.models import CodePurpose, Patient
from ortho_app.models.documents import SharedDocument
from ortho_app.models.imaging import PatientImage
from ortho_app.services.documents import sharing as documents
from ortho_app.services.imaging import images as imaging

STAFF = "staff:demo"
FIXED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
DOCUMENTS = [  # title, kind, needs signature, signed on (None: not yet), text
    ("Consentement éclairé", "Consentement", True, None,
     "Je soussigné(e), représentant légal de la patiente, reconnais avoir reçu une "
     "information claire sur le traitement orthodontique par gouttières proposé, ses "
     "bénéfices, ses contraintes (port 22 h par jour) et ses risques, et y consens."),
    ("Devis de traitement orthodontique", "Devis", True, datetime(2026, 9, 8, 17, 12, tzinfo=UTC),
     "Traitement par gouttières, 6 semestres. Honoraires : 1 200,00 EUR par semestre. "
     "Base de remboursement : 193,50 EUR par semestre."),
    ("Conseils d'hygiène pendant le traitement", "Information", False, None,
     "Brossez-vous les dents après chaque repas, nettoyez vos gouttières matin et soir à "
     "l'eau froide, et retirez-les pour manger ou boire autre chose que de l'eau."),
]
IMAGES = [  # stage, kind, taken on, shared with the patient
    ("Début de traitement", "Visage face", date(2025, 9, 10), True),
    ("Début de traitement", "Visage sourire", date(2025, 9, 10), True),
    ("Début de traitement", "Photo intra-buccale", date(2025, 9, 10), True),
    ("Début de traitement", "Radio panoramique", date(2025, 9, 10), False),
    ("En cours de traitement", "Visage sourire", date(2026, 6, 15), True),
    ("En cours de traitement", "Photo intra-buccale", date(2026, 6, 15), True),
    ("En cours de traitement", "Profil", date(2026, 6, 15), False),
]


def document_pdf(title: str, text: str, *, practice: str = "Demo Orthodontics") -> bytes:
    """A one-page PDF (fixed creation date, so the same text gives the same bytes)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 8, practice, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_jpeg(seed: int, kind: str) -> bytes:
    """A small drawing standing for a photo or an X-ray of this type."""
    if kind == "Photo intra-buccale":
        return scan_photo(seed, "Front")
    rng = random.Random(seed)
    xray = kind.startswith(("Radio", "Téléradio"))
    image = Image.new("RGB", (360, 480) if not xray else (480, 280),
                      (20, 20, 24) if xray else (200 + rng.randrange(30), 215, 230))
    draw = ImageDraw.Draw(image)
    if xray:
        draw.arc((40, 40, 440, 300), 200, 340, fill=(210, 210, 210), width=26)
        draw.arc((40, 0, 440, 260), 20, 160, fill=(190, 190, 190), width=26)
    else:
        skin = (230, 190 + rng.randrange(20), 160)
        box = (60, 60, 300, 400) if kind != "Profil" else (100, 60, 300, 400)
        draw.ellipse(box, fill=skin)
        mouth = (130, 300, 230, 340)
        if kind == "Visage sourire":
            draw.chord(mouth, 0, 180, fill=(245, 245, 240), outline=(160, 60, 60), width=3)
        else:
            draw.line((140, 320, 220, 320), fill=(160, 60, 60), width=4)
    draw.text((10, 10), kind, fill=(255, 255, 255) if xray else (40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _camille(session: Session, practice_id: int) -> Patient | None:
    return session.exec(select(Patient).where(
        Patient.institution_id == practice_id, Patient.last_name == "Martin",
        Patient.first_name == "Camille")).first()


def _seed_documents(session: Session, patient: Patient) -> None:
    for title, kind, needs_signature, signed_on, text in DOCUMENTS:
        if session.exec(select(SharedDocument.id).where(
                SharedDocument.patient_id == patient.id,
                SharedDocument.title == title)).first():
            continue
        stored = storage.save_stream([document_pdf(title, text)], original_name=f"{title}.pdf",
                                     session=session, institution_id=patient.institution_id,
                                     patient_id=patient.id, uploaded_by=STAFF,
                                     allowed_kinds={"pdf"})
        document = documents.share_document(session, patient=patient, stored=stored,
                                            title=title, kind=kind,
                                            needs_signature=needs_signature, actor=STAFF)
        if signed_on is not None:
            _sign_in_the_past(session, document, patient, signed_on)


def _sign_in_the_past(session: Session, document: SharedDocument, patient: Patient,
                      signed_on: datetime) -> None:
    """A real code check, dated when it happened (so it does not count in today's quota)."""
    signer = documents.signer_for(session, patient, SOPHIE_PHONE)
    issued = otp.issue(session, purpose=CodePurpose.SIGN_DOCUMENT, phone=SOPHIE_PHONE,
                       patient_id=patient.id, subject=documents.signing_subject(document))
    issued.row.created_at = signed_on
    documents.sign_document(session, document=document, patient=patient, signer=signer,
                            attempt_secret=issued.attempt_secret, code=issued.code,
                            now=signed_on)


def _seed_images(session: Session, patient: Patient) -> None:
    for n, (stage, kind, taken_on, shared) in enumerate(IMAGES):
        if session.exec(select(PatientImage.id).where(
                PatientImage.patient_id == patient.id, PatientImage.stage == stage,
                PatientImage.kind == kind, PatientImage.taken_on == taken_on)).first():
            continue
        stored = storage.save_stream([image_jpeg(patient.id * 10 + n, kind)],
                                     original_name=f"{kind}.jpg", session=session,
                                     institution_id=patient.institution_id,
                                     patient_id=patient.id, uploaded_by=STAFF)
        imaging.file_image(session, patient=patient, stored=stored, stage=stage, kind=kind,
                           taken_on=taken_on, shared=shared, actor=STAFF)


def seed_documents(session: Session, practice_id: int) -> None:
    patient = _camille(session, practice_id)
    if patient is None:
        return
    _seed_documents(session, patient)
    _seed_images(session, patient)
    session.flush()
