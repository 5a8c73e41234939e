"""Demo data: a practice, its lab, staff and 45 patients; a neighbouring practice with 3.

Idempotent (existing rows are found by natural keys: institution name, staff e-mail, patient
name + date of birth) and deterministic (random.Random(2026), ages fixed to 2026-11-23).
Run with `python -m ortho_app.demo.seed` (the database of DATABASE_URL); it does nothing
when DEMO_MODE is off, so `make run` never puts demo accounts into a real practice's data.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ortho_app.core.security.passwords import hash_password
from ortho_app.demo.accounts import DEMO_PASSWORD
from ortho_app.demo.appointments import seed_appointments
from ortho_app.demo.documents import seed_documents
from ortho_app.demo.lab_cases import seed_lab_cases
from ortho_app.demo.messaging import seed_messaging
from ortho_app.demo.models3d import seed_models3d
from ortho_app.demo.monitoring import seed_monitoring
from ortho_app.demo.payments import seed_payments
from ortho_app.demo.people import (
    DemoPatient,
    fixed_patients,
    generated_patients,
    neighbour_patients,
)
from ortho_app.models import (
    ContactPerson,
    ContactRelation,
    Gender,
    Institution,
    InstitutionKind,
    LabService,
    Membership,
    Patient,
    PatientClinician,
    Role,
    StaffUser,
)

PRACTICE = "Demo Orthodontics"
LAB = "Demo Lab"
NEIGHBOUR = "Cabinet Voisin"
STAFF = [  # e-mail, name, institution, role, sees all patients
    ("manager@demo.clinic", "Dr. Claire Lefèvre", PRACTICE, Role.CLINICIAN, True),
    ("clinician@demo.clinic", "Dr. Antoine Girard", PRACTICE, Role.CLINICIAN, False),
    ("assistant@demo.clinic", "Julie Moreau", PRACTICE, Role.ASSISTANT, False),
    ("admin@demo.clinic", "Nathalie Roux", PRACTICE, Role.PRACTICE_ADMIN, False),
    ("coordinator@demo.lab", "Marc Petit", LAB, Role.LAB_COORDINATOR, False),
    ("voisin@other.clinic", "Dr. Paul Chevalier", NEIGHBOUR, Role.CLINICIAN, True),
]


def _institution(session: Session, name: str, kind: InstitutionKind, **details) -> Institution:
    row = session.exec(select(Institution).where(Institution.name == name)).first()
    if row is None:
        row = Institution(name=name, kind=kind, **details)
        session.add(row)
        session.flush()
    return row


def _staff(session: Session, institutions: dict[str, Institution]) -> dict[str, StaffUser]:
    users: dict[str, StaffUser] = {}
    password_hash: str | None = None
    for email, name, institution, role, sees_all in STAFF:
        user = session.exec(select(StaffUser).where(StaffUser.email == email)).first()
        if user is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)  # hashed once
            user = StaffUser(email=email, full_name=name, password_hash=password_hash)
            session.add(user)
            session.flush()
        institution_id = institutions[institution].id
        if session.exec(select(Membership.id).where(
                Membership.user_id == user.id,
                Membership.institution_id == institution_id)).first() is None:
            session.add(Membership(user_id=user.id, institution_id=institution_id, role=role,
                                   sees_all_patients=sees_all))
        users[email] = user
    return users


def _patient(session: Session, practice: Institution, spec: DemoPatient,
             clinicians: list[StaffUser]) -> None:
    exists = session.exec(select(Patient.id).where(
        Patient.last_name == spec.last_name, Patient.first_name == spec.first_name,
        Patient.date_of_birth == spec.born)).first()
    if exists:
        return
    row = Patient(institution_id=practice.id, last_name=spec.last_name,
                  first_name=spec.first_name, gender=Gender(spec.gender),
                  date_of_birth=spec.born, phone=spec.phone, email=spec.email,
                  address=spec.address, treatment=spec.treatment, note=spec.note,
                  past_medical_history=spec.history, oral_habits=spec.habits,
                  allergies=spec.allergies,
                  id_number=spec.id_number, insurance_number=spec.insurance_number)
    session.add(row)
    session.flush()
    for relation, name, phone in spec.contacts:
        session.add(ContactPerson(patient_id=row.id, relation=ContactRelation(relation),
                                  full_name=name, phone=phone))
    for clinician in clinicians:
        session.add(PatientClinician(patient_id=row.id, user_id=clinician.id))


def seed(session: Session) -> None:
    practice = _institution(session, PRACTICE, InstitutionKind.PRACTICE,
                            address="24 avenue Maréchal Foch, 69006 Lyon",
                            email="contact@demo.clinic", phone="+33478000000")
    lab = _institution(session, LAB, InstitutionKind.LAB, address="8 rue de Bonnel, 69003 Lyon",
                       email="cases@demo.lab", phone="+33478111111")
    neighbour = _institution(session, NEIGHBOUR, InstitutionKind.PRACTICE,
                             address="3 place Lazare Goujon, 69100 Villeurbanne",
                             email="accueil@cabinet-voisin.fr", phone="+33472650000")
    if not session.exec(select(LabService).where(LabService.lab_id == lab.id,
                                                 LabService.practice_id == practice.id)).first():
        session.add(LabService(lab_id=lab.id, practice_id=practice.id))
    users = _staff(session, {PRACTICE: practice, LAB: lab, NEIGHBOUR: neighbour})
    manager, clinician = users["manager@demo.clinic"], users["clinician@demo.clinic"]
    for spec in [*fixed_patients(), *generated_patients()]:
        assigned = [manager, clinician] if spec.assigned_to_clinician else [manager]
        _patient(session, practice, spec, assigned)
    session.flush()
    seed_monitoring(session, practice.id)
    seed_models3d(session, practice.id)
    seed_lab_cases(session, practice.id, lab.id)
    seed_appointments(session, practice.id)
    seed_payments(session, practice.id)
    seed_messaging(session, practice.id)
    seed_documents(session, practice.id)
    for spec in neighbour_patients():
        _patient(session, neighbour, spec, [users["voisin@other.clinic"]])
    session.flush()


def main() -> None:
    from ortho_app.core.db import db_session
    from ortho_app.core.settings import get_settings

    if not get_settings().demo_mode:
        print("DEMO_MODE is off: no demo data (see README, Running it for a real practice)")
        return
    with db_session() as session:
        seed(session)
        session.commit()
    print("demo data ready")


if __name__ == "__main__":
    main()
