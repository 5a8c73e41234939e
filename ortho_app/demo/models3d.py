"""Demo 3D models: two monitored patients get upper and lower arch models at two dates, the
later ones slightly moved and with one tooth region pushed outwards (for the heat map)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from sqlmodel import Session, col, select

from ortho_app.models import ArchModel, MonitoringPlan, Patient
from ortho_app.services.models3d import arch_models, meshes

FACES = 20_000  # small enough to seed fast
UPLOADER = "staff:demo"
PUSH_MM = 0.4


OCCLUSION_MM = 8.5  # the upper arch raised so that the cusps of both arches meet


def arch_stl(seed: int, upper: bool, later: bool) -> bytes:
    """One demo arch as binary STL; `later`: the second scan (moved, two teeth pushed)."""
    vertices, faces = meshes.generate_arch(FACES, seed=seed, upper=upper)
    if upper:
        vertices[:, 2] += OCCLUSION_MM
    if later:
        vertices = _moved(vertices.astype(np.float64), seed)
    return meshes.to_binary_stl(vertices, faces, header=b"ortho_app demo arch")


def _moved(vertices: np.ndarray, seed: int) -> np.ndarray:
    """One lateral incisor pushed outwards by up to PUSH_MM and the other inwards by 0.3 mm,
    then the whole scan rotated and shifted a little (as a new intra-oral scan would be)."""
    radial = vertices[:, :2] / np.linalg.norm(vertices[:, :2], axis=1, keepdims=True)
    side = 1.0 if seed % 2 else -1.0
    for x0, push in ((6.0 * side, PUSH_MM), (-6.0 * side, -0.3)):
        weight = np.exp(-((vertices[:, 0] - x0) ** 2) / (2 * 2.5**2)) * (vertices[:, 1] > 18)
        vertices[:, :2] += radial * (push * weight)[:, None]
    angle = np.radians(2.0)
    rotation = np.array([[np.cos(angle), -np.sin(angle), 0.0],
                         [np.sin(angle), np.cos(angle), 0.0], [0.0, 0.0, 1.0]])
    return vertices @ rotation.T + np.array([0.6, -0.4, 0.3])


def _patients(session: Session, practice_id: int) -> list[Patient]:
    monitored = list(session.exec(
        select(Patient).join(MonitoringPlan, col(MonitoringPlan.patient_id) == Patient.id)
        .where(Patient.institution_id == practice_id)
        .order_by(Patient.last_name, Patient.first_name)))
    camille = [p for p in monitored if (p.last_name, p.first_name) == ("Martin", "Camille")]
    others = [p for p in monitored if p not in camille]
    return camille + others[:1]


def seed_models3d(session: Session, practice_id: int, today: date | None = None) -> None:
    today = today or date.today()
    if session.exec(select(ArchModel.id).where(
            ArchModel.institution_id == practice_id)).first():
        return
    dates = (today - timedelta(weeks=8), today - timedelta(weeks=1))
    for patient in _patients(session, practice_id):
        for later, taken_on in enumerate(dates):
            for upper in (True, False):
                seed = patient.id * 2 + int(upper)
                arch_models.add_arch_model(
                    session, patient, arch="upper" if upper else "lower", taken_on=taken_on,
                    stl_bytes=arch_stl(seed, upper, bool(later)), uploaded_by=UPLOADER)
    session.flush()
