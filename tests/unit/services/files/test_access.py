"""The file rule by kind: which records use a file, and whom each use admits (deny by
default). The routes' behaviour is in tests/integration/test_patient_media.py."""

from __future__ import annotations

from datetime import date

import pytest

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.core.security.sessions import Principal
from ortho_app.models import InstitutionKind, Role, SessionKind
from ortho_app.services.files import access
from ortho_app.services.files.access import FileKind
from ortho_app.services.imaging import images as imaging
from ortho_app.services.messaging import templates
from tests import factories
from tests.support import files as samples

PHONE = "+33611111111"


@pytest.fixture
def world(session):
    storage.reset()
    practice = factories.institution(session)
    lab = factories.institution(session, InstitutionKind.LAB)
    factories.lab_serves(session, lab, practice)
    patient = factories.patient(session, practice, phone=PHONE)

    def stored(patient_id=None):
        return storage.save_stream([samples.image_bytes()], original_name="x.png",
                                   session=session, institution_id=practice.id,
                                   patient_id=patient_id)

    image = stored(patient.id)
    imaging.file_image(session, patient=patient, stored=image, stage="Début de traitement",
                       kind="Profil", taken_on=date(2025, 1, 2), shared=True)
    template_file = stored()
    templates.set_template_file(session, templates.create_template(session, practice.id),
                                template_file)
    session.commit()
    staff = {role: Principal(session_id=1, kind=SessionKind.STAFF, user_id=1,
                             institution_id=(lab if role == Role.LAB_COORDINATOR
                                             else practice).id, role=role,
                             sees_all_patients=True)
             for role in Role}
    phone = Principal(session_id=2, kind=SessionKind.PATIENT, phone=PHONE,
                      patient_ids=frozenset({patient.id}))
    return {"image": image, "template": template_file, "loose": stored(patient.id),
            "staff": staff, "phone": phone}


def test_uses_name_each_record_by_kind(world, session):
    assert [u.kind for u in access.uses_of(session, world["image"].id)] == [FileKind.IMAGE]
    assert [u.kind for u in access.uses_of(session, world["template"].id)] == \
        [FileKind.TEMPLATE_ATTACHMENT]
    assert access.uses_of(session, world["loose"].id) == []


def test_each_use_admits_only_its_callers(world, session):
    staff = world["staff"]
    allowed = {
        "image": {staff[Role.CLINICIAN], staff[Role.ASSISTANT], world["phone"]},
        "template": {staff[Role.CLINICIAN], staff[Role.ASSISTANT]},
        "loose": set(),
    }
    for name, callers in allowed.items():
        for caller in [*staff.values(), world["phone"]]:
            granted = True
            try:
                access.authorize_file(session, caller, world[name].id, action="test")
            except Refused:
                granted = False
            session.rollback()  # the grant's audit row: not kept (each call stands alone)
            assert granted == (caller in callers), (name, caller.role or caller.kind)


@pytest.mark.parametrize("bad", ["1", 1.0, None, [1], {}])
def test_file_ids_are_validated(world, session, bad):
    with pytest.raises(Refused):
        access.authorize_file(session, world["staff"][Role.CLINICIAN], bad, action="test")
