"""The lab's internal notes on a case (shown to lab coordinators only, rendered as text)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ortho_app.models.lab_cases import LabCaseNote

NOTE_MAX = 4000


def add_note(session: Session, case_id: int, *, author: str, body: str) -> LabCaseNote:
    body = body.strip()
    if not body:
        raise ValueError("The note is empty")
    if len(body) > NOTE_MAX:
        raise ValueError(f"A note is limited to {NOTE_MAX} characters")
    note = LabCaseNote(case_id=case_id, author=author[:100], body=body)
    session.add(note)
    session.flush()
    return note


def notes_of(session: Session, case_id: int) -> list[LabCaseNote]:
    """Notes of a case, newest first."""
    return list(session.exec(select(LabCaseNote).where(LabCaseNote.case_id == case_id)
                             .order_by(col(LabCaseNote.created_at).desc(),
                                       col(LabCaseNote.id).desc())))
