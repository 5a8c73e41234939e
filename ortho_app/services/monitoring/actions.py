"""The patient card's "New action" menu, as domain operations (framework-free).

Every action appends to the patient's history (MonitoringEvent), recomputes the plan from the
scan schedule (`schedule.fold`) and, where the spec says the patient is told, queues a
message in the outbox. Callers pass an authorized Patient row, the actor and today's date, and
commit.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from ortho_app.core import outbox
from ortho_app.models import (
    ContactPerson,
    MonitoringEvent,
    MonitoringPlan,
    MonitoringState,
    Patient,
    PauseReason,
    ToDoItem,
)
from ortho_app.models._base import utcnow
from ortho_app.services.monitoring import schedule as sched

SCHEDULE_KINDS = {"started", "stopped", "scan", "immediate_scan", "immediate_request", "paused",
                  "pause_changed", "resumed", "frequency"}
MAX_TEXT = 2000


class ActionError(ValueError):
    """A refused action; the message is safe to show."""


def _to_schedule_event(e: MonitoringEvent) -> sched.Event:
    match e.kind:
        case "started":
            return sched.Started(e.day, e.frequency_days or 7)
        case "stopped":
            return sched.Stopped(e.day)
        case "scan" | "immediate_scan":
            return sched.ScanTaken(e.day, immediate=e.kind == "immediate_scan")
        case "immediate_request":
            return sched.ImmediateScanRequested(e.day)
        case "paused":
            return sched.Paused(e.day, e.until)
        case "pause_changed":
            return sched.PauseChanged(e.day, e.until)
        case "resumed":
            return sched.Resumed(e.day)
        case "frequency":
            return sched.FrequencyChanged(e.day, e.frequency_days or 7)
    raise ValueError(e.kind)


def history(session: Session, patient_id: int, limit: int = 200) -> list[MonitoringEvent]:
    return list(session.exec(select(MonitoringEvent).where(
        MonitoringEvent.patient_id == patient_id).order_by(
        col(MonitoringEvent.id).desc()).limit(limit)))


def schedule_of(session: Session, patient_id: int) -> sched.Schedule:
    events = session.exec(select(MonitoringEvent).where(
        MonitoringEvent.patient_id == patient_id,
        col(MonitoringEvent.kind).in_(SCHEDULE_KINDS)).order_by(MonitoringEvent.id)).all()
    return sched.fold([_to_schedule_event(e) for e in events])


def find_plan(session: Session, patient_id: int) -> MonitoringPlan | None:
    return session.exec(select(MonitoringPlan).where(
        MonitoringPlan.patient_id == patient_id)).first()


def plan_of(session: Session, patient: Patient) -> MonitoringPlan:
    plan = find_plan(session, patient.id)
    if plan is None:
        plan = MonitoringPlan(patient_id=patient.id, institution_id=patient.institution_id)
        session.add(plan)
    return plan


def _record(session: Session, patient: Patient, *, actor: str, today: date, kind: str,
            text: str = "", until: date | None = None,
            frequency_days: int | None = None) -> MonitoringEvent:
    event = MonitoringEvent(patient_id=patient.id, day=today, actor=actor, kind=kind,
                            text=text[:4000], until=until, frequency_days=frequency_days)
    if kind in SCHEDULE_KINDS:  # refuse before anything is written
        try:
            sched.apply(schedule_of(session, patient.id), _to_schedule_event(event))
        except sched.ScheduleError as exc:
            raise ActionError(str(exc)) from None
    session.add(event)
    session.flush()
    _refresh_plan(session, patient, today)
    return event


def _refresh_plan(session: Session, patient: Patient, today: date) -> MonitoringPlan:
    schedule = schedule_of(session, patient.id)
    plan = plan_of(session, patient)
    plan.state = MonitoringState(schedule.state(today))
    plan.frequency_days = schedule.frequency_days
    plan.next_due = schedule.next_due(today)
    plan.last_scan = schedule.last_scan
    plan.paused_until = schedule.paused_until if schedule.is_paused(today) else None
    plan.immediate_requested = schedule.immediate_requested
    if not schedule.is_paused(today):
        plan.pause_reason, plan.pause_note = None, ""
    plan.updated_at = utcnow()
    session.add(plan)
    return plan


def _text(value: str, what: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ActionError(f"{what} is required")
    if len(value) > MAX_TEXT:
        raise ActionError(f"{what} is too long ({MAX_TEXT} characters at most)")
    return value


def notify_patient(session: Session, patient: Patient, subject: str, body: str) -> None:
    """Tell the patient (e-mail when known, otherwise SMS to the patient or a parent)."""
    if patient.email:
        outbox.enqueue_email(session, to=patient.email, subject=subject, body=body,
                             institution_id=patient.institution_id)
        return
    phone = patient.phone or session.exec(select(ContactPerson.phone).where(
        ContactPerson.patient_id == patient.id).order_by(ContactPerson.id)).first()
    if phone:
        outbox.enqueue_sms(session, to=phone, body=f"{subject}: {body}",
                           institution_id=patient.institution_id)


def start_monitoring(session: Session, patient: Patient, *, actor: str, today: date,
                     frequency_days: int) -> MonitoringPlan:
    _record(session, patient, actor=actor, today=today, kind="started",
            frequency_days=frequency_days)
    return plan_of(session, patient)


def stop_monitoring(session: Session, patient: Patient, *, actor: str,
                    today: date) -> MonitoringPlan:
    _record(session, patient, actor=actor, today=today, kind="stopped")
    return plan_of(session, patient)


def pause_monitoring(session: Session, patient: Patient, *, actor: str, today: date,
                     reason: PauseReason, until: date | None, note: str = "",
                     message: str = "") -> MonitoringPlan:
    note = _text(note, "The reason", required=reason == PauseReason.OTHER)
    message = _text(message, "The message", required=False)
    kind = "pause_changed" if schedule_of(session, patient.id).is_paused(today) else "paused"
    _record(session, patient, actor=actor, today=today, kind=kind, until=until,
            text=f"{reason.value}: {note}".rstrip(": "))
    plan = plan_of(session, patient)
    plan.pause_reason, plan.pause_note, plan.patient_message = reason, note, message
    if message:
        resume = f" Monitoring resumes on {until:%d/%m/%Y}." if until else ""
        notify_patient(session, patient, "Monitoring paused", message + resume)
    return plan


def resume_monitoring(session: Session, patient: Patient, *, actor: str,
                      today: date) -> MonitoringPlan:
    _record(session, patient, actor=actor, today=today, kind="resumed")
    return plan_of(session, patient)


def ask_immediate_scan(session: Session, patient: Patient, *, actor: str, today: date,
                       instructions: str = "") -> MonitoringPlan:
    instructions = _text(instructions, "The instructions", required=False)
    _record(session, patient, actor=actor, today=today, kind="immediate_request",
            text=instructions)
    plan = plan_of(session, patient)
    plan.immediate_instructions = instructions
    notify_patient(session, patient, "Please take a scan now",
                   "Your practice asks you for an immediate scan in the app."
                   + (f"\n\n{instructions}" if instructions else ""))
    return plan


def record_scan(session: Session, patient: Patient, *, actor: str, today: date) -> MonitoringPlan:
    """A scan arrived (from the patient app); an open immediate-scan request is answered."""
    immediate = schedule_of(session, patient.id).immediate_requested
    _record(session, patient, actor=actor, today=today,
            kind="immediate_scan" if immediate else "scan")
    plan = plan_of(session, patient)
    plan.awaiting_review = True
    plan.immediate_instructions = ""
    return plan


def send_message(session: Session, patient: Patient, *, actor: str, today: date,
                 text: str) -> MonitoringEvent:
    text = _text(text, "The message")
    event = _record(session, patient, actor=actor, today=today, kind="message", text=text)
    notify_patient(session, patient, "New message from your practice", text)
    return event


def send_clinical_instruction(session: Session, patient: Patient, *, actor: str, today: date,
                              text: str, objectives: list[str], go_live: bool) -> MonitoringEvent:
    text = _text(text, "The instruction")
    goals = [_text(o, "An objective") for o in objectives[:10] if o.strip()]
    detail = text + "".join(f"\n• {g}" for g in goals) + (
        "\nGo-Live: override “please remain on the current aligner”" if go_live else "")
    return _record(session, patient, actor=actor, today=today, kind="instruction",
                   text=detail)


def add_todo(session: Session, patient: Patient, *, actor: str, today: date,
             note: str = "") -> ToDoItem:
    note = _text(note, "The note", required=False)
    item = ToDoItem(patient_id=patient.id, institution_id=patient.institution_id, note=note,
                    created_by=actor)
    session.add(item)
    _record(session, patient, actor=actor, today=today, kind="todo", text=note)
    return item


def set_todo_done(session: Session, item: ToDoItem, *, actor: str, done: bool) -> ToDoItem:
    item.done_at, item.done_by = (utcnow(), actor) if done else (None, "")
    session.add(item)
    return item
