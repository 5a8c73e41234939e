from datetime import date

import pytest

from ortho_app.models import ContactRelation
from ortho_app.services.patient_app.login import (
    NoSingleMatch,
    identify,
    normalize_name,
    patients_reachable_by,
)
from tests import factories

PARENT = "+33612345678"


@pytest.fixture
def family(session):
    practice = factories.institution(session)
    camille = factories.patient(session, practice, last="Martin", first="Camille",
                                born=date(2011, 3, 14),
                                contacts=[(ContactRelation.PARENT1, PARENT)])
    lucas = factories.patient(session, practice, last="Martin", first="Lucas",
                              born=date(2013, 9, 2), contacts=[(ContactRelation.PARENT1, PARENT)])
    factories.patient(session, practice, last="Other", first="Person", born=date(2000, 1, 1),
                      phone="+33611111111")
    session.commit()
    return camille, lucas


def test_identify_through_parent_phone_national_form(session, family):
    found = identify(session, phone_raw="06 12 34 56 78", last_name="martin",
                     first_name="CAMILLE", birth=date(2011, 3, 14))
    assert found.patient.id == family[0].id and found.phone == PARENT


def test_identify_accepts_e164_and_accents(session, family):
    found = identify(session, phone_raw="+33 6 12 34 56 78", last_name="Martin",
                     first_name="Lucas", birth=date(2013, 9, 2))
    assert found.patient.id == family[1].id
    assert normalize_name("Lefèvre-Dupré ") == normalize_name("lefevre dupre")


@pytest.mark.parametrize("phone,birth", [
    ("06 00 00 00 00", date(2011, 3, 14)),  # unknown phone
    ("06 12 34 56 78", date(2011, 3, 15)),  # wrong birth date
    ("not a phone", date(2011, 3, 14)),
    ("06 12 34 56 78", None),
])
def test_no_match_same_answer(session, family, phone, birth):
    with pytest.raises(NoSingleMatch):
        identify(session, phone_raw=phone, last_name="Martin", first_name="Camille",
                 birth=birth)


def test_ambiguous_match_refused(session, family):
    practice_id = family[0].institution_id
    from ortho_app.models import Institution

    twin_practice = session.get(Institution, practice_id)
    factories.patient(session, twin_practice, last="Martin", first="Camille",
                      born=date(2011, 3, 14), contacts=[(ContactRelation.PARENT2, PARENT)])
    session.commit()
    with pytest.raises(NoSingleMatch):
        identify(session, phone_raw=PARENT, last_name="Martin", first_name="Camille",
                 birth=date(2011, 3, 14))


def test_reachable_patients_are_those_linked_to_phone(session, family):
    ids = {p.id for p in patients_reachable_by(session, PARENT)}
    assert ids == {family[0].id, family[1].id}
