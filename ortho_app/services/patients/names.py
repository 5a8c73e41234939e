"""How a patient's name is written, in the three forms the product uses."""

from __future__ import annotations

from typing import Protocol


class Named(Protocol):
    first_name: str
    last_name: str


def full_name(patient: Named) -> str:
    """"Camille Martin": how a message, a document or a calendar entry addresses the patient."""
    return f"{patient.first_name} {patient.last_name}"


def list_name(patient: Named) -> str:
    """"Martin Camille": how the practice's lists sort and show patients."""
    return f"{patient.last_name} {patient.first_name}"


def formal_name(patient: Named) -> str:
    """"MARTIN Camille": the lab's and the prescription's form (surname in capitals)."""
    return f"{patient.last_name.upper()} {patient.first_name}"
