"""Shipping a finished case: carrier and tracking number, shown to the doctor."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.moves import enter_status
from ortho_app.services.lab_cases.pipeline import Actor, CaseStatus, check_move


def record_shipment(session: Session, case: LabCase, *, carrier: str, tracking_number: str,
                    actor: str, today: date) -> LabCase:
    """Move a "Finished" case to "Shipped" with its carrier and tracking number.

    `MoveRefused` unless the case is Finished; `ValueError` for a blank carrier or tracking.
    """
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not carrier or not tracking_number:
        raise ValueError("Enter the carrier and the tracking number")
    if len(carrier) > 80 or len(tracking_number) > 100:
        raise ValueError("Carrier (80) or tracking number (100 characters) too long")
    check_move(case.status, CaseStatus.SHIPPED, Actor.LAB_COORDINATOR)
    case.carrier, case.tracking_number = carrier, tracking_number
    enter_status(session, case, CaseStatus.SHIPPED, actor=actor, role=Actor.LAB_COORDINATOR,
                 today=today, reason=f"Shipped with {carrier}, tracking {tracking_number}")
    return case
