from sqlmodel import func, select

from ortho_app.core.security.passwords import verify_password
from ortho_app.core.security.sessions import Principal
from ortho_app.demo.seed import seed
from ortho_app.models import (
    ContactPerson,
    Institution,
    Membership,
    Patient,
    SessionKind,
    StaffUser,
)
from ortho_app.services import directory
from ortho_app.services.phones import to_e164


def counts(session):
    return [session.exec(select(func.count()).select_from(t)).one()
            for t in (Institution, StaffUser, Membership, Patient, ContactPerson)]


def principal_of(session, email):
    user = session.exec(select(StaffUser).where(StaffUser.email == email)).one()
    membership = session.exec(select(Membership).where(Membership.user_id == user.id)).one()
    return Principal(session_id=0, kind=SessionKind.STAFF, user_id=user.id,
                     institution_id=membership.institution_id, role=membership.role,
                     sees_all_patients=membership.sees_all_patients)


def test_seed_is_idempotent(session):
    seed(session)
    session.commit()
    first = counts(session)
    seed(session)
    session.commit()
    assert counts(session) == first


def test_demo_practice_has_forty_patients_and_fixed_logins(session):
    seed(session)
    session.commit()
    practice = session.exec(select(Institution).where(
        Institution.name == "Demo Orthodontics")).one()
    total = session.exec(select(func.count()).select_from(Patient).where(
        Patient.institution_id == practice.id)).one()
    assert total >= 40
    camille = session.exec(select(Patient).where(Patient.first_name == "Camille",
                                                 Patient.last_name == "Martin")).one()
    assert camille.date_of_birth.isoformat() == "2011-03-14"
    linked = session.exec(select(ContactPerson.patient_id).where(
        ContactPerson.phone == "+33612345678")).all()
    assert len(set(linked)) == 2
    thomas = session.exec(select(Patient).where(Patient.last_name == "Dubois")).one()
    assert thomas.phone == "+33698765432"


def test_manager_sees_all_ordinary_clinician_only_assigned(session):
    seed(session)
    session.commit()
    manager = directory.search_patients(session, principal_of(session, "manager@demo.clinic"),
                                        page_size=1000)
    ordinary = directory.search_patients(session,
                                         principal_of(session, "clinician@demo.clinic"),
                                         page_size=1000)
    names = {f"{p.last_name} {p.first_name}" for p in ordinary.rows}
    assert manager.total >= 40 and 0 < ordinary.total < manager.total
    assert "Martin Camille" in names and "Dubois Thomas" not in names
    assert not any("Voisin" in p.last_name for p in manager.rows)


def test_phones_are_e164_and_some_shared(session):
    seed(session)
    session.commit()
    phones = session.exec(select(ContactPerson.phone, ContactPerson.patient_id)).all()
    assert all(to_e164(phone) == phone for phone, _ in phones)
    by_phone = {}
    for phone, patient_id in phones:
        by_phone.setdefault(phone, set()).add(patient_id)
    assert sum(1 for ids in by_phone.values() if len(ids) > 1) >= 3


def test_demo_password_verifies(session):
    seed(session)
    session.commit()
    user = session.exec(select(StaffUser).where(StaffUser.email == "admin@demo.clinic")).one()
    assert verify_password("demo1234", user.password_hash)
