"""Demo Messagerie: the practice's message templates and a few threads — Camille Martin's
ends with a message the practice has not read yet; Thomas Dubois has an answer he has not
read. Idempotent (nothing is added once the practice has messages or templates)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from ortho_app.demo.photos import scan_photo
from ortho_app.models import Patient
from ortho_app.models._base import utcnow
from ortho_app.models.messaging import Message, MessageTemplate
from ortho_app.services.messaging import templates
from ortho_app.services.messaging import threads as messaging

STAFF = "staff:demo"
DOCTOR = "Dr. Claire Lefèvre"
ASSISTANT = "Julie Moreau"
PATIENT = "patient-app:demo"
TEMPLATES = [
    "Merci pour votre message, nous revenons vers vous très rapidement.",
    "Merci pour votre photo, nous l'avons bien reçue et l'ajoutons à votre dossier.",
    "Une légère gêne est normale les deux ou trois premiers jours avec une nouvelle "
    "gouttière. Si la douleur persiste au-delà, appelez le cabinet.",
    "Pensez à porter vos gouttières 22 heures par jour et à les retirer pour manger et boire "
    "autre chose que de l'eau.",
    "Vous trouverez ci-joint les consignes d'hygiène pendant le traitement.",
]
# (who, minutes before now, text); "p" = the patient writes, "s" = staff answer.
THREADS = {
    ("Martin", "Camille"): [
        ("p", 3 * 24 * 60, "Bonjour, la gouttière n°8 me fait un peu mal depuis hier, "
                           "est-ce normal ?"),
        ("s", 3 * 24 * 60 - 40, TEMPLATES[2]),
        ("photo", 2 * 24 * 60, "Voici une photo de mes dents avec la gouttière."),
        ("s", 2 * 24 * 60 - 30, TEMPLATES[1]),
        ("p", 95, "Merci ! Est-ce que je peux garder ma gouttière pendant le sport ?"),
    ],
    ("Dubois", "Thomas"): [
        ("p", 6 * 24 * 60, "Bonjour, puis-je décaler mon prochain rendez-vous d'une semaine ?"),
        ("s", 5 * 24 * 60, "Bonjour Monsieur Dubois, c'est noté : nous vous proposons le "
                           "mardi suivant à la même heure."),
    ],
}
OTHERS = [  # a short thread for a few more patients, so the list has pages of its own
    "Bonjour, j'ai perdu ma gouttière du haut, que dois-je faire ?",
    "Bonjour, une attache s'est décollée ce matin.",
    "Merci pour le rendez-vous d'hier !",
    "Bonjour, pouvez-vous m'envoyer la facture du dernier trimestre ?",
]


def _hygiene_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.cell(0, 10, "Demo Orthodontics - Consignes d'hygiene", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in ("Brossez vos dents apres chaque repas.",
                 "Nettoyez vos gouttieres matin et soir a l'eau froide.",
                 "Rangez-les dans leur etui lorsque vous ne les portez pas."):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _templates(session: Session, practice_id: int) -> None:
    for n, body in enumerate(TEMPLATES):
        template = templates.create_template(session, practice_id, body=body, actor=STAFF)
        if n == len(TEMPLATES) - 1:
            templates.attach_to_template(session, template, [_hygiene_pdf()],
                                         original_name="consignes-hygiene.pdf", actor=STAFF)


def _thread(session: Session, patient: Patient, lines: list, now: datetime) -> None:
    for who, minutes, text in lines:
        at = now - timedelta(minutes=minutes)
        if who == "s":
            name = DOCTOR if minutes % 2 else ASSISTANT
            message = messaging.post_from_practice(session, patient, actor=STAFF,
                                                   author_name=name, body=text, now=at,
                                                   notify=False)
            message.read_by_patient_at = at + timedelta(minutes=20)
            continue
        photo = None
        if who == "photo":
            photo = messaging.save_attachment(session, patient, [scan_photo(patient.id, "Front")],
                                              original_name="photo.jpg", actor=PATIENT)
        message = messaging.post_from_patient(session, patient, actor=PATIENT, body=text,
                                              attachment=photo, now=at)
        message.read_by_practice_at = at + timedelta(minutes=10)
    session.flush()


def seed_messaging(session: Session, practice_id: int, now: datetime | None = None) -> None:
    if session.exec(select(MessageTemplate.id).where(
            MessageTemplate.institution_id == practice_id)).first() is None:
        _templates(session, practice_id)
    if session.exec(select(Message.id).where(Message.institution_id == practice_id)).first():
        return
    now = now or utcnow()
    patients = {(p.last_name, p.first_name): p for p in session.exec(select(Patient).where(
        Patient.institution_id == practice_id,
        Patient.last_name.in_([last for last, _ in THREADS]))).all()}
    for key, lines in THREADS.items():
        if key in patients:
            _thread(session, patients[key], lines, now)
    others = session.exec(select(Patient).where(
        Patient.institution_id == practice_id, Patient.last_name.not_in(
            [last for last, _ in THREADS])).order_by(Patient.id).limit(len(OTHERS))).all()
    for n, (patient, text) in enumerate(zip(others, OTHERS, strict=False)):
        _thread(session, patient, [("p", (n + 1) * 24 * 60 + 7 * n, text),
                                   ("s", (n + 1) * 24 * 60 - 60, TEMPLATES[0])], now)
    camille = patients.get(("Martin", "Camille"))
    if camille is not None:  # the latest message waits for the practice
        last = session.exec(select(Message).where(Message.patient_id == camille.id)
                            .order_by(Message.id.desc())).first()
        last.read_by_practice_at = None
    thomas = patients.get(("Dubois", "Thomas"))
    if thomas is not None:  # the answer waits for Thomas
        last = session.exec(select(Message).where(Message.patient_id == thomas.id)
                            .order_by(Message.id.desc())).first()
        last.read_by_patient_at = None
    session.flush()
