"""'Add a new 3D model' in the browser: from the card's New action menu to the 3D models page,
two STL files uploaded (bad files refused with clear messages), processed as a job with a
progress bar, and the 3D view showing both arches when it is done."""

from __future__ import annotations

import re

import pytest

from ortho_app.services.models3d import meshes
from tests.e2e.clinic.test_models3d import LEGEND, wait_figure
from tests.e2e.conftest import new_page, screenshot, search_and_open
from tests.e2e.login.test_sign_in import sign_in_staff
from tests.support.files import binary_stl, image_bytes

pytestmark = pytest.mark.e2e
PATIENT = "Dubois Thomas"  # no 3D model in the demo


def stl(upper: bool) -> bytes:
    vertices, faces = meshes.generate_arch(4_000, seed=5, upper=upper)
    return meshes.to_binary_stl(vertices, faces)


def send(page, arch: str, name: str, data: bytes) -> None:
    page.locator(f".stl-{arch} input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "model/stl", "buffer": data}])


def test_add_a_new_3d_model_from_the_card(app_server, browser):
    page = new_page(browser)
    sign_in_staff(page, app_server.url, "manager@demo.clinic")
    page.wait_for_url(re.compile(r"/clinic/?$"))
    page.get_by_role("tab", name="Not Monitored").click()
    search_and_open(page, PATIENT)
    card = page.url.rstrip("/")
    pid = card.rsplit("/", 1)[1]
    for label, href in (("3D models", f"/clinic/patients/{pid}/models"),
                        ("Messages", f"/clinic/messages/{pid}"),
                        ("Documents", f"/clinic/patients/{pid}/documents"),
                        ("Imaging", f"/clinic/patients/{pid}/imaging"),
                        ("Payments", f"/clinic/patients/{pid}/payments")):
        link = page.get_by_role("navigation", name="Patient card").get_by_role("link",
                                                                                name=label)
        assert link.get_attribute("href") == href
    page.get_by_role("button", name="New action").click()
    page.get_by_role("menuitem", name="Add a new 3D model").click()
    page.wait_for_url(re.compile(r"/clinic/patients/\d+/models/?$"))
    page.get_by_role("heading", name="Add a new 3D model").wait_for()
    page.get_by_text("No 3D model yet.").wait_for()
    add = page.get_by_role("button", name="Add the 3D model")
    assert add.is_disabled()

    send(page, "upper", "photo.stl", image_bytes())
    page.get_by_role("alert").filter(
        has_text="Upper arch: This is not an STL file (it is a PNG file)").wait_for()
    send(page, "lower", "broken.stl", binary_stl(10, declared=12))
    page.get_by_role("alert").filter(has_text="declares 12 triangles").wait_for()
    screenshot(page, "models3d-upload-error-desktop")

    send(page, "upper", "upper.stl", stl(True))
    page.locator(".stl-upper-name").filter(has_text="upper.stl").wait_for()
    send(page, "lower", "lower.stl", stl(False))
    page.locator(".stl-lower-name").filter(has_text="lower.stl").wait_for()
    assert page.get_by_role("alert").count() == 0
    add.click()
    page.get_by_role("progressbar", name="Processing the 3D model").wait_for()
    page.get_by_text("3D model ready").wait_for()
    wait_figure(page)
    page.locator(LEGEND).filter(has_text="Upper arch").wait_for()
    page.locator(LEGEND).filter(has_text="Lower arch").wait_for()
    rows = page.get_by_role("row").filter(has_text=re.compile("(Upper|Lower) arch"))
    rows.nth(1).wait_for()
    assert rows.count() == 2
    page.wait_for_timeout(1500)  # let WebGL draw before the picture
    screenshot(page, "models3d-upload-done-desktop")

    page.get_by_role("button", name="Français").click()  # the 3D page is translated
    page.get_by_role("button", name="Réinitialiser la vue").click()
    page.locator(LEGEND).filter(has_text="Arcade supérieure").wait_for()
    page.get_by_role("row").filter(has_text="Arcade inférieure").wait_for()
    page.get_by_role("heading", name="Ajouter un nouveau modèle 3D").wait_for()
    page.wait_for_timeout(1000)
    screenshot(page, "models3d-french-desktop")
    page.context.close()
