"""The builders of `core/urls.py` give the paths the `api` routes are mounted at."""

import pytest
from starlette.routing import Route

from ortho_app.core import urls


def _matches(pattern: str, path: str) -> bool:
    return Route(pattern, lambda request: None).path_regex.fullmatch(path) is not None


@pytest.mark.parametrize(("pattern", "path"), [
    (urls.FILE, urls.file_url(12)),
    (urls.DOCUMENT_VIEW, urls.document_view_url(3)),
    (urls.IMAGES_ZIP, urls.images_zip_url(7)),
    (urls.PATIENT_ACTIVATE, urls.activation_path("tok-EN_1")),
    (urls.APPOINTMENT_ICS, urls.appointment_ics_path(5)),
    (urls.PLANNING_ICS, urls.planning_ics_path(9)),
])
def test_each_builder_gives_a_path_its_route_serves(pattern, path):
    assert _matches(pattern, path)


def test_builders_give_plain_paths():
    assert urls.file_url(12) == "/files/12"
    assert urls.document_view_url(3) == "/documents/3/view"
    assert urls.images_zip_url(7) == "/imaging/7/images.zip"
    assert urls.build(urls.CLINIC_CASE, case_id=4) == "/clinic/cases/4"


def test_a_missing_argument_raises():
    with pytest.raises(TypeError, match="file_id"):
        urls.build(urls.FILE)
