"""3D models of a patient's dental arches: the uploaded STL and its processed web mesh."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from ortho_app.models._base import created_at_field

ARCHES = ("upper", "lower")


class ArchModel(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    institution_id: int = Field(foreign_key="institution.id")
    arch: str = Field(max_length=10)  # "upper" or "lower"
    taken_on: date
    original_file_id: int = Field(foreign_key="storedfile.id")
    web_mesh_file_id: int = Field(foreign_key="storedfile.id")  # the .npz web mesh
    created_at: datetime = created_at_field()
