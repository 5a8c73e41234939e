"""Patient images: by stage and type, shared ones only for the patient, the zip of all."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.demo.documents import image_jpeg
from ortho_app.services.imaging import images as imaging
from tests import factories

START, DURING = "Début de traitement", "En cours de traitement"


@pytest.fixture
def world(session):
    storage.reset()
    practice = factories.institution(session)
    patient = factories.patient(session, practice)
    other = factories.patient(session, practice, first="Bob")
    images = {}
    for n, (stage, kind, day, shared) in enumerate([
            (DURING, "Visage sourire", date(2026, 6, 1), True),
            (START, "Radio panoramique", date(2025, 9, 1), False),
            (START, "Photo intra-buccale", date(2025, 9, 1), True),
            (START, "Visage face", date(2025, 9, 1), True)]):
        stored = storage.save_stream([image_jpeg(n, kind)], original_name="x.jpg",
                                     session=session, institution_id=practice.id,
                                     patient_id=patient.id)
        images[kind] = imaging.file_image(session, patient=patient, stored=stored, stage=stage,
                                          kind=kind, taken_on=day, shared=shared)
    session.commit()
    return patient, other, images


def test_shared_images_by_stage_in_treatment_order_and_type_order(session, world):
    patient, _, _ = world
    groups = imaging.by_stage(imaging.images_of(session, patient, shared_only=True))
    assert [(g.stage, [i.kind for i in g.images]) for g in groups] == [
        (START, ["Visage face", "Photo intra-buccale"]), (DURING, ["Visage sourire"])]
    assert len(imaging.images_of(session, patient, shared_only=False)) == 4


def test_zip_contains_only_shared_images(session, world):
    patient, _, images = world
    out = io.BytesIO()
    assert imaging.write_shared_zip(session, patient, out) == 3
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        names = archive.namelist()
        assert all(archive.read(n)[:3] == b"\xff\xd8\xff" for n in names)
    assert len(names) == 3 and not any("Radio" in n for n in names)
    assert all(".." not in n and not n.startswith("/") for n in names)
    assert any(n.startswith(f"{START}/2025-09-01 Visage face") for n in names)


def test_sharing_toggles_and_is_bound_to_the_patient(session, world):
    patient, other, images = world
    radio = images["Radio panoramique"]
    assert imaging.share(session, patient, radio.id, True).shared_with_patient
    assert imaging.shared_image(session, patient, radio.id).id == radio.id
    with pytest.raises(Refused):
        imaging.share(session, other, radio.id, False)
    with pytest.raises(Refused):
        imaging.shared_image(session, other, radio.id)


def test_only_images_of_the_patient_are_filed(session, world):
    patient, other, _ = world
    stored = storage.save_stream([image_jpeg(9, "Profil")], original_name="p.jpg",
                                 session=session, patient_id=other.id)
    with pytest.raises(Refused):
        imaging.file_image(session, patient=patient, stored=stored, stage=START,
                           kind="Profil", taken_on=date(2025, 9, 1))
