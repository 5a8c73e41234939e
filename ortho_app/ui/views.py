"""Small shared view rows (what state vars hold: never table rows) and table helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from ortho_app.models import Patient
from ortho_app.services.patients.names import list_name
from ortho_app.services.patients.phones import display


@dataclass
class PatientRow:
    id: int
    name: str
    birth: str
    treatment: str
    phone: str


def patient_row(patient: Patient) -> PatientRow:
    return PatientRow(id=patient.id, name=list_name(patient),
                      birth=format_date(patient.date_of_birth), treatment=patient.treatment,
                      phone=display(patient.phone) if patient.phone else "")


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def data_table(headers: list[rx.Var | str], rows: rx.Var, row_fn) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
            rx.table.body(rx.foreach(rows, row_fn)),
            width="100%", variant="surface",
        ),
        width="100%", overflow_x="auto",
    )
