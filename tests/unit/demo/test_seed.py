from datetime import date

from sqlmodel import Session, SQLModel, func, select

from ortho_app.core.db import make_engine
from ortho_app.core.security.passwords import verify_password
from ortho_app.core.security.sessions import Principal
from ortho_app.demo import seed as seed_module
from ortho_app.demo.accounts import DEMO_PASSWORD, PATIENT_LOGINS, STAFF_ACCOUNTS
from ortho_app.demo.people import age_on_reference_day
from ortho_app.demo.seed import seed
from ortho_app.models import (
    ContactPerson,
    ContactRelation,
    Gender,
    Institution,
    InstitutionKind,
    LabService,
    Membership,
    MonitoringPlan,
    Patient,
    PatientClinician,
    Role,
    SessionKind,
    StaffUser,
)
from ortho_app.services.patients import directory
from ortho_app.services.patients.phones import display, to_e164

TABLES = (Institution, LabService, StaffUser, Membership, Patient, ContactPerson,
          PatientClinician, MonitoringPlan)


def seeded(session):
    seed(session)
    session.commit()
    return session


def counts(session):
    return [session.exec(select(func.count()).select_from(t)).one() for t in TABLES]


def one(session, model, *where):
    return session.exec(select(model).where(*where)).one()


def practice_named(session, name):
    return one(session, Institution, Institution.name == name)


def principal_of(session, email):
    user = one(session, StaffUser, StaffUser.email == email)
    membership = one(session, Membership, Membership.user_id == user.id)
    return Principal(session_id=0, kind=SessionKind.STAFF, user_id=user.id,
                     institution_id=membership.institution_id, role=membership.role,
                     sees_all_patients=membership.sees_all_patients)


def contacts_of(session, patient):
    rows = session.exec(select(ContactPerson).where(ContactPerson.patient_id == patient.id))
    return {(c.relation, c.full_name, c.phone) for c in rows}


def clinician_ids(session, patient):
    return set(session.exec(select(PatientClinician.user_id).where(
        PatientClinician.patient_id == patient.id)))


def patient_rows(session):
    return sorted((p.last_name, p.first_name, p.date_of_birth, p.gender, p.treatment, p.phone,
                   p.email, p.address, p.id_number, p.insurance_number, p.note)
                  for p in session.exec(select(Patient)))


def test_seed_is_idempotent(session):
    first = counts(seeded(session))
    assert all(first)
    seeded(session)
    assert counts(session) == first


def test_seed_is_deterministic(session, tmp_path):
    seeded(session)
    other = make_engine(f"sqlite:///{tmp_path}/other.db")
    SQLModel.metadata.create_all(other)
    with Session(other) as again:
        assert patient_rows(seeded(again)) == patient_rows(session)
    other.dispose()


def test_institutions_and_lab_service(session):
    seeded(session)
    demo, lab = practice_named(session, "Demo Orthodontics"), practice_named(session, "Demo Lab")
    voisin = practice_named(session, "Cabinet Voisin")
    assert (demo.kind, lab.kind, voisin.kind) == (InstitutionKind.PRACTICE, InstitutionKind.LAB,
                                                 InstitutionKind.PRACTICE)
    assert "Lyon" in demo.address and "Villeurbanne" in voisin.address
    assert demo.email == "contact@demo.clinic" and display(demo.phone) == "+33 4 78 00 00 00"
    served = session.exec(select(LabService.practice_id).where(LabService.lab_id == lab.id))
    assert list(served) == [demo.id]


def test_staff_accounts_and_roles(session):
    seeded(session)
    expected = {
        "manager@demo.clinic": ("Dr. Claire Lefèvre", "Demo Orthodontics", Role.CLINICIAN, True),
        "clinician@demo.clinic": ("Dr. Antoine Girard", "Demo Orthodontics", Role.CLINICIAN,
                                  False),
        "assistant@demo.clinic": ("Julie Moreau", "Demo Orthodontics", Role.ASSISTANT, False),
        "admin@demo.clinic": ("Nathalie Roux", "Demo Orthodontics", Role.PRACTICE_ADMIN, False),
        "coordinator@demo.lab": ("Marc Petit", "Demo Lab", Role.LAB_COORDINATOR, False),
    }
    assert {email for email, _, _ in STAFF_ACCOUNTS} == set(expected)
    for email, (name, institution, role, sees_all) in expected.items():
        user = one(session, StaffUser, StaffUser.email == email)
        membership = one(session, Membership, Membership.user_id == user.id)
        assert user.full_name == name and user.is_active
        assert session.get(Institution, membership.institution_id).name == institution
        assert (membership.role, membership.sees_all_patients) == (role, sees_all)
    voisin = principal_of(session, "voisin@other.clinic")
    assert voisin.role == Role.CLINICIAN
    assert voisin.institution_id == practice_named(session, "Cabinet Voisin").id


def test_demo_password_verifies_and_is_hashed_once(session):
    seeded(session)
    assert DEMO_PASSWORD == "demo1234"
    hashes = set(session.exec(select(StaffUser.password_hash)))
    assert len(hashes) == 1
    assert verify_password("demo1234", hashes.pop())


def test_demo_practice_patients_are_realistic(session):
    seeded(session)
    demo = practice_named(session, "Demo Orthodontics")
    patients = session.exec(select(Patient).where(Patient.institution_id == demo.id)).all()
    assert len(patients) >= 40
    keys = [(p.last_name, p.first_name, p.date_of_birth) for p in patients]
    assert len(set(keys)) == len(keys)
    ages = [age_on_reference_day(p.date_of_birth) for p in patients]
    assert all(9 <= age <= 60 for age in ages)
    assert sum(age < 18 for age in ages) >= 15 and sum(age >= 18 for age in ages) >= 10
    assert {p.gender for p in patients} == {Gender.FEMALE, Gender.MALE}
    assert {"Aligners", "Fixed braces", "Retention", "Palatal expander", "Observation"} <= {
        p.treatment for p in patients}
    assert all(p.email and p.address and p.id_number and p.insurance_number for p in patients)
    assert len({p.id_number for p in patients}) == len(patients)
    assert sum(bool(p.note) for p in patients) >= 5
    assert sum(bool(p.allergies) for p in patients) >= 3
    for patient, age in zip(patients, ages, strict=True):
        relations = {relation for relation, _, _ in contacts_of(session, patient)}
        if age < 18:
            assert ContactRelation.PARENT1 in relations and patient.phone is None
        else:
            assert relations == {ContactRelation.PATIENT}
            assert contacts_of(session, patient) == {
                (ContactRelation.PATIENT, f"{patient.first_name} {patient.last_name}",
                 patient.phone)}
    assert session.exec(select(func.count()).select_from(ContactPerson).where(
        ContactPerson.relation == ContactRelation.FINANCIAL)).one() >= 1


def test_fixed_patient_logins(session):
    seeded(session)
    sophie = (ContactRelation.PARENT1, "Sophie Martin", "+33612345678")
    camille = one(session, Patient, Patient.last_name == "Martin", Patient.first_name == "Camille")
    lucas = one(session, Patient, Patient.last_name == "Martin", Patient.first_name == "Lucas")
    thomas = one(session, Patient, Patient.last_name == "Dubois", Patient.first_name == "Thomas")
    assert (camille.gender, camille.date_of_birth, camille.treatment) == (
        Gender.FEMALE, date(2011, 3, 14), "Aligners")
    assert (lucas.gender, lucas.date_of_birth) == (Gender.MALE, date(2013, 9, 2))
    assert lucas.treatment in {"Observation", "Fixed braces"}
    assert sophie in contacts_of(session, camille) and sophie in contacts_of(session, lucas)
    linked = session.exec(select(ContactPerson.patient_id).where(
        ContactPerson.phone == "+33612345678")).all()
    assert set(linked) == {camille.id, lucas.id}
    assert (thomas.gender, thomas.date_of_birth, thomas.treatment, thomas.phone) == (
        Gender.MALE, date(1990, 6, 21), "Fixed braces", "+33698765432")
    assert contacts_of(session, thomas) == {
        (ContactRelation.PATIENT, "Thomas Dubois", "+33698765432")}
    clinician = one(session, StaffUser, StaffUser.email == "clinician@demo.clinic")
    assert clinician.id in clinician_ids(session, camille)
    assert clinician.id not in clinician_ids(session, thomas)
    for login, patient in zip(PATIENT_LOGINS, (camille, thomas), strict=True):
        assert to_e164(login["phone"]) in {c[2] for c in contacts_of(session, patient)}
        assert (login["last_name"], login["first_name"]) == (patient.last_name,
                                                             patient.first_name)
        assert login["birth"] == f"{patient.date_of_birth:%d/%m/%Y}"


def test_manager_sees_all_ordinary_clinician_only_assigned(session):
    seeded(session)
    demo = practice_named(session, "Demo Orthodontics")
    manager = directory.search_patients(session, principal_of(session, "manager@demo.clinic"),
                                        page_size=1000)
    ordinary = directory.search_patients(session,
                                         principal_of(session, "clinician@demo.clinic"),
                                         page_size=1000)
    in_demo = session.exec(select(func.count()).select_from(Patient).where(
        Patient.institution_id == demo.id)).one()
    names = {f"{p.last_name} {p.first_name}" for p in ordinary.rows}
    assert manager.total == in_demo >= 40
    assert 0.3 * manager.total < ordinary.total < 0.7 * manager.total
    assert "Martin Camille" in names and "Dubois Thomas" not in names
    assert all(p.institution_id == demo.id for p in manager.rows)


def test_cabinet_voisin_has_its_own_patients(session):
    seeded(session)
    voisin = practice_named(session, "Cabinet Voisin")
    patients = session.exec(select(Patient).where(Patient.institution_id == voisin.id)).all()
    assert len(patients) == 3
    clinician = one(session, StaffUser, StaffUser.email == "voisin@other.clinic")
    assert all(clinician_ids(session, p) == {clinician.id} for p in patients)
    seen = directory.search_patients(session, principal_of(session, "voisin@other.clinic"),
                                     page_size=1000)
    assert {p.id for p in seen.rows} == {p.id for p in patients}
    voisin_phones = {c[2] for p in patients for c in contacts_of(session, p)}
    others = set(session.exec(select(ContactPerson.phone).join(Patient).where(
        Patient.institution_id != voisin.id)))
    assert voisin_phones and not voisin_phones & others


def test_phones_are_e164_mobiles_and_some_shared(session):
    seeded(session)
    phones = session.exec(select(ContactPerson.phone, ContactPerson.patient_id)).all()
    own = [p for p in session.exec(select(Patient.phone)) if p]
    assert all(to_e164(phone) == phone for phone in [*own, *(p for p, _ in phones)])
    assert all(phone[:4] in {"+336", "+337"} for phone, _ in phones)
    by_phone = {}
    for phone, patient_id in phones:
        by_phone.setdefault(phone, set()).add(patient_id)
    assert sum(1 for ids in by_phone.values() if len(ids) > 1) >= 3
    assert len(set(own)) == len(own)


def test_main_seeds_the_configured_database(engine):
    seed_module.main()
    with Session(engine) as session:
        assert counts(session)[TABLES.index(Patient)] >= 43
