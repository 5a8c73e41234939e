"""The clinician's patient list: "Monitored Patients" / "Not Monitored", filtered and paged
in SQL (indexed), within the caller's record scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from ortho_app.core.security.sessions import Principal
from ortho_app.models import MonitoringPlan, MonitoringState, Patient
from ortho_app.services.patients.directory import PAGE_SIZE, visible_patients_query

TABS = ("monitored", "not_monitored")
STATE_FILTERS = ("", "active", "paused", "awaiting_review")


@dataclass(frozen=True)
class ListedPatient:
    patient: Patient
    plan: MonitoringPlan | None


@dataclass(frozen=True)
class MonitoringPage:
    rows: list[ListedPatient]
    total: int


def monitoring_page(session: Session, principal: Principal, *, tab: str = "monitored",
                    search: str = "", state: str = "", treatment: str = "",
                    page: int = 0, page_size: int = PAGE_SIZE) -> MonitoringPage:
    visible = visible_patients_query(principal).subquery()
    query = select(Patient, MonitoringPlan).join(visible, visible.c.id == Patient.id).join(
        MonitoringPlan, MonitoringPlan.patient_id == Patient.id, isouter=True)
    monitored = col(MonitoringPlan.state).in_([MonitoringState.ACTIVE, MonitoringState.PAUSED])
    if tab == "monitored":
        query = query.where(monitored)
        if state in ("active", "paused"):
            query = query.where(MonitoringPlan.state == MonitoringState(state))
        elif state == "awaiting_review":
            query = query.where(MonitoringPlan.awaiting_review)
    else:
        query = query.where(or_(col(MonitoringPlan.id).is_(None),
                                MonitoringPlan.state == MonitoringState.STOPPED))
    if treatment:
        query = query.where(Patient.treatment == treatment)
    for word in search.strip().split()[:4]:
        like = f"%{word[:50].lower()}%"
        query = query.where(or_(func.lower(Patient.last_name).like(like),
                                func.lower(Patient.first_name).like(like)))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = ([col(MonitoringPlan.next_due).asc().nulls_last()] if tab == "monitored" else [])
    rows = session.exec(query.order_by(*order, Patient.last_name, Patient.first_name, Patient.id)
                        .offset(max(page, 0) * page_size).limit(page_size)).all()
    return MonitoringPage([ListedPatient(p, plan) for p, plan in rows], total)


def due_label(plan: MonitoringPlan | None, today: date) -> str:
    if plan is None or plan.next_due is None:
        return ""
    return plan.next_due.strftime("%d/%m/%Y") + (" (overdue)" if plan.next_due < today else "")
