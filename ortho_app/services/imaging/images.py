"""A patient's images by treatment stage and image type, and what the patient app may show.

Spec "Mon Imagerie": the practice chooses which images its patients see, by treatment stage
(start, end…) and image type (smiling face, panoramic X-ray…); the patient sees them by stage,
can move from one to the next and download one or all of them. Framework-free.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.models import Patient, StoredFile
from ortho_app.models.imaging import PatientImage

STAGES = ("Début de traitement", "En cours de traitement", "Fin de traitement", "Contention")
KINDS = ("Visage face", "Visage sourire", "Profil", "Photo intra-buccale",
         "Radio panoramique", "Téléradiographie de profil")
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class StageGroup:
    stage: str
    images: list[PatientImage]


def file_image(session: Session, *, patient: Patient, stored: StoredFile, stage: str,
               kind: str, taken_on: date, shared: bool = False, actor: str = "",
               source: str = "upload") -> PatientImage:
    """File an image in the patient's record (stored already through core.storage)."""
    if stored.content_type not in IMAGE_TYPES or stored.patient_id != patient.id:
        raise Refused("Only photos and X-rays of this patient (JPEG or PNG) are filed here")
    row = PatientImage(patient_id=patient.id, institution_id=patient.institution_id,
                       stored_file_id=stored.id, stage=stage.strip()[:80],
                       kind=kind.strip()[:80], taken_on=taken_on, source=source[:20],
                       shared_with_patient=shared, filed_by=actor[:100])
    session.add(row)
    session.flush()
    return row


def images_of(session: Session, patient: Patient, *, shared_only: bool) -> list[PatientImage]:
    query = select(PatientImage).where(PatientImage.patient_id == patient.id)
    if shared_only:
        query = query.where(col(PatientImage.shared_with_patient).is_(True))
    return list(session.exec(query.order_by(col(PatientImage.taken_on), col(PatientImage.id))))


def by_stage(images: list[PatientImage]) -> list[StageGroup]:
    """Groups in treatment order (the date of each stage's first image), types in order."""
    groups: dict[str, list[PatientImage]] = {}
    for image in images:  # already by date
        groups.setdefault(image.stage, []).append(image)
    return [StageGroup(stage, sorted(rows, key=lambda i: (kind_rank(i.kind), i.taken_on,
                                                            i.id)))
            for stage, rows in groups.items()]


def kind_rank(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)


def share(session: Session, patient: Patient, image_id: int, shared: bool) -> PatientImage:
    image = session.get(PatientImage, image_id)
    if image is None or image.patient_id != patient.id:
        raise Refused("This image is not available")
    image.shared_with_patient = shared
    session.add(image)
    session.flush()
    return image


def shared_image(session: Session, patient: Patient, image_id: int) -> PatientImage:
    image = session.get(PatientImage, image_id)
    if image is None or image.patient_id != patient.id or not image.shared_with_patient:
        raise Refused("This image is not available")
    return image


def _entry_name(image: PatientImage, content_type: str) -> str:
    clean = lambda text: re.sub(r"[^\w .-]+", "_", text).strip(" ._") or "image"  # noqa: E731
    return (f"{clean(image.stage)}/{image.taken_on.isoformat()} {clean(image.kind)} "
            f"{image.id}.{EXTENSIONS.get(content_type, 'bin')}")


def write_shared_zip(session: Session, patient: Patient, out: BinaryIO) -> int:
    """Write every shared image of the patient into a zip (folders by stage); returns the
    number of images. Images are already compressed: stored, not deflated."""
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for image in images_of(session, patient, shared_only=True):
            stored = session.get(StoredFile, image.stored_file_id)
            try:
                data = storage.read_bytes(stored)
            except FileNotFoundError:
                continue
            archive.writestr(_entry_name(image, stored.content_type), data)
            count += 1
    return count

