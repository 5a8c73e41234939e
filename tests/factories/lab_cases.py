"""A practice served by a lab, a neighbouring practice, another lab, their staff and
patients, and helpers to store case files (shared by the lab case tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ortho_app.core import storage
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Institution, InstitutionKind, Patient, Role, SessionKind, StaffUser
from ortho_app.services.lab_cases.cases import Prescription, create_case
from tests import factories
from tests.support.files import DICOM, PDF, binary_stl, image_bytes

TODAY = date(2026, 12, 1)  # a Tuesday
SAMPLES = {"stl": binary_stl(4), "cbct": DICOM, "photo": image_bytes(), "pdf": PDF}


@dataclass
class World:
    practice: Institution
    lab: Institution
    neighbour: Institution
    other_lab: Institution
    manager: StaffUser
    clinician: StaffUser
    patient: Patient
    unassigned: Patient
    neighbour_patient: Patient

    def principal(self, user_or_role, institution=None, *, sees_all=False) -> Principal:
        if isinstance(user_or_role, StaffUser):
            user = user_or_role
            role, inst = Role.CLINICIAN, self.practice
            sees_all = user is self.manager
        else:
            role, inst, user = user_or_role, institution, None
        return Principal(session_id=1, kind=SessionKind.STAFF,
                         user_id=user.id if user else 999, institution_id=inst.id, role=role,
                         sees_all_patients=sees_all)


def build_world(session: Session) -> World:
    practice = factories.institution(session, name="Practice")
    neighbour = factories.institution(session, name="Neighbour")
    lab = factories.institution(session, InstitutionKind.LAB, name="Lab")
    other_lab = factories.institution(session, InstitutionKind.LAB, name="Other lab")
    factories.lab_serves(session, lab, practice)
    factories.lab_serves(session, other_lab, neighbour)
    manager = factories.staff(session, practice, Role.CLINICIAN, sees_all=True,
                              email="manager@practice.test")
    clinician = factories.staff(session, practice, Role.CLINICIAN)
    patient = factories.patient(session, practice, last="Martin", first="Camille",
                                clinician=clinician)
    unassigned = factories.patient(session, practice, last="Zola", first="Emile")
    neighbour_patient = factories.patient(session, neighbour, last="Voisin", first="Paul")
    session.commit()
    return World(practice, lab, neighbour, other_lab, manager, clinician, patient, unassigned,
                 neighbour_patient)


def stored(session: Session, *kinds: str):
    return [storage.save_stream([SAMPLES[k]], original_name=f"{k}.bin", session=session)
            for k in kinds]


def rx(case_type="Aligners", teeth=(11, 21), text="Close the spaces") -> Prescription:
    return Prescription(case_type=case_type, teeth=list(teeth), rx_description=text)


def new_case(session: Session, world: World, *, patient=None, files=("stl",), today=TODAY,
             **rx_fields):
    case = create_case(session, patient=patient or world.patient, rx=rx(**rx_fields),
                       files=stored(session, *files), actor=f"staff:{world.manager.id}",
                       today=today)
    session.commit()
    return case
