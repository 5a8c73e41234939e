"""The lab coordinators' board: one column per status in spec order, each with its count and
its first cards (ship date first, on-hold cases last), filtered and paged in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from ortho_app.core.security.sessions import Principal
from ortho_app.models import LabService, Role
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases import listing
from ortho_app.services.lab_cases.pipeline import BOARD_ORDER, CaseStatus

COLUMN_PAGE = 20  # cards first shown per column; "Show more" adds as many
MAX_COLUMN = 500


@dataclass(frozen=True)
class BoardFilters:
    practice_id: int | None = None
    case_type: str = ""
    ship_by: date | None = None


@dataclass(frozen=True)
class Column:
    status: CaseStatus
    total: int
    rows: list[listing.CaseRow] = field(default_factory=list)


def _filtered(query, filters: BoardFilters):
    if filters.practice_id is not None:
        query = query.where(LabCase.practice_id == filters.practice_id)
    if filters.case_type:
        query = query.where(LabCase.case_type == filters.case_type)
    if filters.ship_by is not None:
        query = query.where(col(LabCase.ship_date) <= filters.ship_by)
    return query


def _board_cases(principal: Principal):
    """SELECT (status, count) over the board's cases without the patient join of
    `listing.scoped_cases` (same scope: the coordinator's lab, practices it serves)."""
    query = select(col(LabCase.status), func.count())
    if principal.role != Role.LAB_COORDINATOR:
        return query.where(col(LabCase.id) == -1)
    served = select(LabService.practice_id).where(LabService.lab_id == principal.institution_id)
    return query.where(LabCase.lab_id == principal.institution_id,
                       col(LabCase.practice_id).in_(served))


def board_columns(session: Session, principal: Principal, filters: BoardFilters,
                  limits: dict[str, int] | None = None) -> list[Column]:
    """Every column in board order: its count under `filters` and its first cards (ship
    date first, cases without one last).

    `limits` gives the cards shown per column (default `COLUMN_PAGE`, at most `MAX_COLUMN`).
    The lab sees every case of the practices it serves (`listing.scoped_cases`), archived by
    the doctor or not (archiving only tidies the doctor's list). One GROUP BY for the counts,
    then one query per non-empty column walking the index (lab_id, status, ship_date).
    """
    scoped = _filtered(listing.scoped_cases(principal), filters)
    counted = _filtered(_board_cases(principal), filters).group_by(col(LabCase.status))
    counts = dict(session.exec(counted).all())
    # Within a column every case has a ship date, or none does (red statuses): ordering by
    # (ship_date, id) walks the index and stops at the limit.
    order = (col(LabCase.ship_date), col(LabCase.id))
    columns = []
    for status in BOARD_ORDER:
        total = counts.get(status.value, 0)
        limit = max(1, min((limits or {}).get(status.value, COLUMN_PAGE), MAX_COLUMN))
        rows = session.exec(scoped.where(LabCase.status == status.value).order_by(*order)
                            .limit(limit)).all() if total else []
        columns.append(Column(status, total, [listing.row_of(c, p) for c, p in rows]))
    return columns
