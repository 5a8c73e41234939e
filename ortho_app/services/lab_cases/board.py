"""The lab coordinators' board on top of the lab case services (framework-free).

- `input_needed`: what a drop or a "Move to…" choice must ask before it moves the case (a
  hold reason for "Missing CBCT/Models", carrier and tracking number for "Shipped", a free
  planning block for "Planning Scheduled");
- `apply_lab_move`: the one entry point of a coordinator's move; it routes to the service that
  owns the move's side effects (shipping, booking, closing the planning session as done or
  "No Show") and otherwise to `moves.move_case`. Every route checks the pipeline first, so a
  forbidden move raises `MoveRefused(reason)` before anything is written;
- `board_columns`: the board, one column per status in spec order, each with its count and
  its first cards (ship date first, on-hold cases last), filtered and paged in SQL;
- `lab_slots`: the lab's planning blocks with the case booked in each;
- `stl_figure`: the 3D preview of a case's STL file (mesh pipeline of services/meshes).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from threading import Lock
from zoneinfo import ZoneInfo

import plotly.graph_objects as go
from sqlalchemy import func
from sqlmodel import Session, col, select

from ortho_app.core import storage
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Institution, LabService, Patient, Role, StaffUser, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.lab_cases import CaseFileKind, LabCase, LabCaseFile, PlanningSlot
from ortho_app.services.lab_cases import listing, moves, planning, shipping
from ortho_app.services.lab_cases.cases import case_ref
from ortho_app.services.lab_cases.pipeline import (
    BOARD_ORDER,
    Actor,
    CaseStatus,
    HoldReason,
    as_status,
    check_move,
)
from ortho_app.services.models3d import meshes

LAB = Actor.LAB_COORDINATOR
COLUMN_PAGE = 20  # cards first shown per column; "Show more" adds as many
MAX_COLUMN = 500
LAB_TIMEZONE = ZoneInfo("Europe/Paris")  # the lab's wall clock for planning blocks


class MoveInput(StrEnum):
    """What a move asks before it is made."""

    NONE = ""
    HOLD = "hold"  # hold reason (+ detail) → "Missing CBCT/Models"
    SHIP = "ship"  # carrier + tracking number → "Shipped"
    SLOT = "slot"  # a free planning block → "Planning Scheduled"


def input_needed(target: CaseStatus | str) -> MoveInput:
    target = as_status(target)
    if target is CaseStatus.MISSING_CBCT_MODELS:
        return MoveInput.HOLD
    if target is CaseStatus.SHIPPED:
        return MoveInput.SHIP
    if target is CaseStatus.PLANNING_SCHEDULED:
        return MoveInput.SLOT
    return MoveInput.NONE


def precheck(case: LabCase, target: CaseStatus | str) -> None:
    """`MoveRefused(reason)` if the pipeline forbids the move (before asking for input)."""
    target = as_status(target)
    hold = HoldReason.OTHER if target is CaseStatus.MISSING_CBCT_MODELS else None
    check_move(case.status, target, LAB, hold_reason=hold)


def apply_lab_move(session: Session, case: LabCase, target: CaseStatus | str, *, actor: str,
                   today: date, hold_reason: HoldReason | str | None = None,
                   hold_detail: str = "", carrier: str = "", tracking_number: str = "",
                   slot_id: int | None = None, now: datetime | None = None) -> LabCase:
    """Move an authorized case as the lab coordinator (flushed; the caller commits).

    Raises `MoveRefused` (pipeline), `planning.SlotUnavailable` (block taken or not this
    lab's) or `ValueError` (missing carrier/tracking/block); nothing is written then.
    """
    target = as_status(target)
    current = as_status(case.status)
    check_move(current, target, LAB, hold_reason=hold_reason)
    if target is CaseStatus.SHIPPED:
        shipping.record_shipment(session, case, carrier=carrier,
                                 tracking_number=tracking_number, actor=actor, today=today)
    elif target is CaseStatus.PLANNING_SCHEDULED:
        if slot_id is None:
            raise ValueError("Choose a free planning block")
        planning.book_slot(session, case, slot_id, actor=actor, role=LAB, today=today,
                           now=now)
    elif target in _CLOSING and current is CaseStatus.PLANNING_SCHEDULED \
            and _open_session(session, case):
        _CLOSING[target](session, case, actor=actor, today=today)
    else:
        moves.move_case(session, case, target, actor=actor, role=LAB, today=today,
                        hold_reason=hold_reason, hold_detail=hold_detail)
    return case


# Leaving "Planning Scheduled" closes the booked session: done, or the doctor did not show.
_CLOSING = {CaseStatus.MANUFACTURING: planning.mark_done,
            CaseStatus.PLANNING_NO_SHOW: planning.mark_no_show}


def _open_session(session: Session, case: LabCase) -> bool:
    booked = planning.session_of(session, case.id)
    return booked is not None and not booked.outcome


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


@dataclass(frozen=True)
class SlotRow:
    slot_id: int
    start_at: datetime  # in LAB_TIMEZONE
    end_at: datetime
    case_id: int | None
    case_ref: str
    patient_name: str
    practice: str
    case_status: str
    outcome: str


def lab_slots(session: Session, *, lab_id: int, now: datetime | None = None,
              days_back: int = 14, limit: int = 200) -> list[SlotRow]:
    """The lab's blocks from `days_back` days ago on, with the case booked in each (only
    cases of practices the lab serves are named)."""
    since = (now or utcnow()) - timedelta(days=days_back)
    served = select(LabService.practice_id).where(LabService.lab_id == lab_id)
    rows = session.exec(
        select(PlanningSlot, LabCase, Patient, Institution).select_from(PlanningSlot)
        .outerjoin(LabCase, (col(LabCase.id) == PlanningSlot.case_id)
                   & (col(LabCase.lab_id) == lab_id) & col(LabCase.practice_id).in_(served))
        .outerjoin(Patient, col(Patient.id) == LabCase.patient_id)
        .outerjoin(Institution, col(Institution.id) == LabCase.practice_id)
        .where(PlanningSlot.lab_id == lab_id, col(PlanningSlot.end_at) >= since)
        .order_by(col(PlanningSlot.start_at)).limit(limit))
    out = []
    for slot, case, patient, practice in rows:
        view = planning.view_of(slot)
        out.append(SlotRow(
            slot.id, view.start_at.astimezone(LAB_TIMEZONE),
            view.end_at.astimezone(LAB_TIMEZONE), case.id if case else None,
            case_ref(case.id) if case else "",
            f"{patient.last_name.upper()} {patient.first_name}" if patient else "",
            practice.name if practice else "", case.status if case else "", view.outcome))
    return out


_MESHES: OrderedDict[str, meshes.WebMesh] = OrderedDict()
_MESHES_LOCK = Lock()
_CACHE_SIZE = 4
PREVIEW_FACES = 50_000


class PreviewError(ValueError):
    """The file cannot be previewed; the message is safe to show."""


def case_stl(session: Session, case_id: int, file_id: int) -> StoredFile:
    """The STL file `file_id` if it is attached to case `case_id` (PreviewError otherwise)."""
    stored = session.exec(select(StoredFile).join(
        LabCaseFile, col(LabCaseFile.stored_file_id) == StoredFile.id).where(
        LabCaseFile.case_id == case_id, LabCaseFile.stored_file_id == file_id,
        LabCaseFile.kind == CaseFileKind.STL.value)).first()
    if stored is None:
        raise PreviewError("This file is not an STL model of the case")
    return stored


def stl_figure(stored: StoredFile) -> go.Figure:
    """The STL as a web mesh in the 3D view (processed once per content, kept in a small
    in-process cache)."""
    with _MESHES_LOCK:
        mesh = _MESHES.get(stored.sha256)
    if mesh is None:
        try:
            mesh = meshes.to_web_mesh(storage.read_bytes(stored), PREVIEW_FACES)
        except FileNotFoundError:
            raise PreviewError("The file is missing from storage") from None
        except meshes.MeshError as exc:
            raise PreviewError(f"This STL cannot be shown: {exc}") from None
        with _MESHES_LOCK:
            _MESHES[stored.sha256] = mesh
            while len(_MESHES) > _CACHE_SIZE:
                _MESHES.popitem(last=False)
    figure = meshes.arch_figure(mesh, None)
    figure.data[0].update(name=stored.original_name, showlegend=False)
    return figure


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
