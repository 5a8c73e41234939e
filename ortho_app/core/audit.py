"""The audit log: every read or write of patient data by staff, and every refusal."""

from __future__ import annotations

from sqlmodel import Session

from ortho_app.models import AuditEvent


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    target: str = "",
    patient_id: int | None = None,
    outcome: str = "ok",
    detail: str = "",
) -> AuditEvent:
    """Append one audit record (committed with the caller's unit of work)."""
    event = AuditEvent(actor=actor[:100], action=action[:100], target=target[:200],
                       patient_id=patient_id, outcome=outcome, detail=detail[:1000])
    session.add(event)
    return event


def record_now(**kwargs) -> None:
    """Append and commit at once (for refusals, which have no unit of work of their own)."""
    from ortho_app.core.db import db_session

    with db_session() as session:
        record(session, **kwargs)
        session.commit()
