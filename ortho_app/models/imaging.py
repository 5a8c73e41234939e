"""Patient imaging: photos and X-rays filed in the record, by treatment stage and image type.

Filed by staff (upload, a chat photo, a monitoring photo); shown in the patient app's "Mon
imagerie" only when `shared_with_patient` is set.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field


class PatientImage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    stored_file_id: int = Field(foreign_key="storedfile.id")
    stage: str = Field(max_length=80)  # treatment stage, e.g. "Début de traitement"
    kind: str = Field(max_length=80)  # image type, e.g. "Photo intra-buccale"
    taken_on: date
    source: str = Field(default="upload", max_length=20)  # upload | message | monitoring
    shared_with_patient: bool = Field(default=False, index=True)
    filed_by: str = Field(default="", max_length=100)
    created_at: datetime = created_at_field()
