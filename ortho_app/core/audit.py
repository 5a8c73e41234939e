"""The audit log: every read or write of patient data by staff, and every refusal."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ortho_app.models import AuditEvent, StaffUser


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


def actor_names(session: Session, actors: list[str]) -> dict[str, str]:
    """Staff names for audit-form actors ("staff:3" → "Marc Petit"); others unchanged."""
    ids: dict[str, int] = {}
    for actor in actors:
        kind, _, number = actor.partition(":")
        if kind == "staff" and number.isdigit():
            ids[actor] = int(number)
    rows = session.exec(select(StaffUser.id, StaffUser.full_name)
                        .where(col(StaffUser.id).in_(sorted(set(ids.values()))))).all() \
        if ids else []
    names = {user_id: name for user_id, name in rows}
    return {actor: names.get(ids.get(actor, 0), actor) for actor in actors}
