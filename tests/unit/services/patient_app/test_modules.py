"""Patient-app modules: the spec's defaults, minors' access, refusals."""

from datetime import date

import pytest

from ortho_app.core.authz import Refused
from ortho_app.models import Institution, InstitutionKind, Patient
from ortho_app.services.patient_app import modules as pm

TODAY = date(2026, 12, 1)


def _practice_and_patient(session, born: date) -> Patient:
    practice = Institution(name="P", kind=InstitutionKind.PRACTICE)
    session.add(practice)
    session.flush()
    patient = Patient(institution_id=practice.id, last_name="A", first_name="B",
                      date_of_birth=born)
    session.add(patient)
    session.flush()
    return patient


def test_options_default_every_module_on_and_online_payment_off(session):
    patient = _practice_and_patient(session, date(1990, 1, 1))
    options = pm.options_for(session, patient.institution_id)
    assert all(pm.module_enabled(options, m, patient, today=TODAY) for m in pm.Module)
    assert options.online_payment is False and options.only_due_items is False


def test_require_module_refuses_when_practice_turned_it_off(session):
    patient = _practice_and_patient(session, date(1990, 1, 1))
    pm.save_options(session, patient.institution_id, messaging=False)
    with pytest.raises(Refused):
        pm.require_module(session, patient, pm.Module.MESSAGING, today=TODAY)
    pm.require_module(session, patient, pm.Module.DOCUMENTS, today=TODAY)


def test_minors_access_off_hides_module_for_minor_only(session):
    minor = _practice_and_patient(session, date(2010, 12, 2))  # 15 on TODAY
    pm.save_options(session, minor.institution_id, payments_minors=False)
    options = pm.options_for(session, minor.institution_id)
    assert not pm.module_enabled(options, pm.Module.PAYMENTS, minor, today=TODAY)
    adult = Patient(institution_id=minor.institution_id, last_name="C", first_name="D",
                    date_of_birth=date(2008, 12, 1))  # 18 today
    assert pm.module_enabled(options, pm.Module.PAYMENTS, adult, today=TODAY)


def test_save_options_refuses_unknown_names(session):
    patient = _practice_and_patient(session, date(1990, 1, 1))
    with pytest.raises(ValueError):
        pm.save_options(session, patient.institution_id, id=9)
    with pytest.raises(ValueError):
        pm.save_options(session, patient.institution_id, nonsense=True)
