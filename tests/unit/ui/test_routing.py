"""`link_to` fills a page route's `[name]` segments with values or Reflex Vars."""

import pytest
import reflex as rx

from ortho_app.ui.routing import link_to

PATIENT_ID = rx.Var(_js_expr="row.patient_id", _var_type=int).guess_type()
SLUG = rx.Var(_js_expr="row.slug", _var_type=str).guess_type()


def test_plain_values_give_the_path_as_a_str():
    assert link_to("/clinic/patients/[patient_id]/models", patient_id=12) == \
        "/clinic/patients/12/models"
    assert link_to("/lab/cases/[case_id]", case_id=7) == "/lab/cases/7"
    assert link_to("/clinic/review") == "/clinic/review"


def test_a_var_gives_a_string_var_built_by_concatenation():
    link = link_to("/clinic/patients/[patient_id]/models", patient_id=PATIENT_ID)
    assert isinstance(link, rx.Var)
    assert str(link) == str("/clinic/patients/" + PATIENT_ID.to_string() + "/models")
    assert str(link_to("/clinic/patients/[patient_id]", patient_id=PATIENT_ID)) == \
        str("/clinic/patients/" + PATIENT_ID.to_string())
    # a string Var is used as it is (`to_string` would add JSON quotes)
    assert str(link_to("/x/[slug]", slug=SLUG)) == str("/x/" + SLUG)


def test_a_missing_or_unexpected_argument_raises():
    with pytest.raises(TypeError, match="patient_id"):
        link_to("/clinic/patients/[patient_id]")
    with pytest.raises(TypeError, match="case_id"):
        link_to("/clinic/review", case_id=3)
