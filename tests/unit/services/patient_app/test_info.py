"""Mes infos: a patient's edit is a proposal; the record changes only when staff accept it."""

from __future__ import annotations

from datetime import date

import pytest

from ortho_app.models.appointments import ChangeStatus
from ortho_app.services.patient_app import info as patient_info
from ortho_app.services.patient_app.login import NoSingleMatch
from ortho_app.services.patient_app.patients import AlreadyShown, add_patient
from ortho_app.services.patients import directory
from tests import factories as f


@pytest.fixture
def patient(session):
    practice = f.institution(session)
    row = f.patient(session, practice, phone="+33612345678")
    row.email = "old@example.fr"
    return row


def propose(session, patient, **values):
    return patient_info.propose_change(session, patient, actor="patient-session:1", **values)


def test_proposal_leaves_record_untouched(session, patient):
    change = propose(session, patient, email="new@example.fr", address="1 rue Neuve")
    assert patient.email == "old@example.fr" and patient.address == ""
    assert change.status == ChangeStatus.PENDING
    assert patient_info.differences(change, patient) == [
        ("email", "old@example.fr", "new@example.fr"), ("address", "", "1 rue Neuve")]


def test_new_proposal_replaces_pending_one(session, patient):
    first = propose(session, patient, email="a@example.fr")
    second = propose(session, patient, email="b@example.fr")
    assert first.id == second.id and second.email == "b@example.fr"
    assert propose(session, patient, email="old@example.fr") is None  # back to the record
    assert patient_info.pending_change(session, patient.id) is None


def test_accept_applies_and_reject_keeps_record(session, patient):
    change = propose(session, patient, email="new@example.fr", first_name="Alicia")
    patient_info.decide(session, change, patient, accept=True, actor="staff:1")
    assert (patient.email, patient.first_name) == ("new@example.fr", "Alicia")
    assert change.status == ChangeStatus.ACCEPTED and change.decided_by == "staff:1"
    with pytest.raises(patient_info.ChangeError):
        patient_info.decide(session, change, patient, accept=False, actor="staff:1")
    other = propose(session, patient, email="x@example.fr")
    patient_info.decide(session, other, patient, accept=False, actor="staff:1")
    assert patient.email == "new@example.fr" and other.status == ChangeStatus.REJECTED


def test_decide_refuses_change_of_another_patient(session, patient):
    change = propose(session, patient, email="new@example.fr")
    other = f.patient(session, f.institution(session), first="Bob")
    with pytest.raises(patient_info.ChangeError):
        patient_info.decide(session, change, other, accept=True, actor="staff:1")


def test_pending_changes_only_in_callers_scope(session, patient):
    propose(session, patient, email="new@example.fr")
    elsewhere = f.patient(session, f.institution(session), first="Bob")
    propose(session, elsewhere, email="bob@example.fr")
    from ortho_app.core.security.sessions import Principal
    from ortho_app.models import Role, SessionKind

    staff = Principal(session_id=1, kind=SessionKind.STAFF, user_id=1,
                      institution_id=patient.institution_id, role=Role.ASSISTANT)
    rows = patient_info.pending_changes(session, directory.visible_patients_query(staff))
    assert [p.id for _, p in rows] == [patient.id]


def test_add_patient_reachable_by_same_phone(session):
    from ortho_app.models import AuthSession, ContactRelation, SessionKind

    practice = f.institution(session)
    phone = "+33612345678"
    camille = f.patient(session, practice, last="Martin", first="Camille",
                        born=date(2011, 3, 14), contacts=[(ContactRelation.PARENT1, phone)])
    lucas = f.patient(session, practice, last="Martin", first="Lucas", born=date(2013, 9, 2),
                      contacts=[(ContactRelation.PARENT1, phone)])
    stranger = f.patient(session, practice, last="Martin", first="Zoé", born=date(2012, 1, 1),
                         phone="+33698765432")
    row = AuthSession(secret_hash="x" * 64, kind=SessionKind.PATIENT, phone=phone,
                      patient_ids=str(camille.id))
    session.add(row)
    session.flush()
    kwargs = dict(session_id=row.id, phone=phone, last_name="martin")
    added = add_patient(session, first_name="Lucas", birth=date(2013, 9, 2), **kwargs)
    assert added.id == lucas.id and row.patient_ids == f"{camille.id},{lucas.id}"
    with pytest.raises(AlreadyShown):
        add_patient(session, first_name="Lucas", birth=date(2013, 9, 2), **kwargs)
    with pytest.raises(NoSingleMatch):  # wrong birth date
        add_patient(session, first_name="Lucas", birth=date(2013, 9, 3), **kwargs)
    with pytest.raises(NoSingleMatch):  # not reachable by this phone
        add_patient(session, first_name="Zoé", birth=stranger.date_of_birth, **kwargs)
    with pytest.raises(NoSingleMatch):  # another session's phone
        add_patient(session, session_id=row.id, phone="+33698765432", last_name="Martin",
                    first_name="Zoé", birth=stranger.date_of_birth)
