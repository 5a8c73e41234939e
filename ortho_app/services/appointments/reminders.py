"""Appointment reminders (spec "Notifications").

A reminder is "N days before the appointment at HH:MM"; a patient may set several. Without
any setting a patient has the default: one day before at 12:00. A reminder is sent 10 minutes
after its set time, through the outbox (SMS or e-mail), by the periodic job
(`send_due_reminders`), and never twice: each sending is a `ReminderDelivery` row with a
unique key, written in the same transaction as the outbox message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, and_, col, or_, select

from ortho_app.core import outbox
from ortho_app.models import ContactPerson, ContactRelation, Institution, Patient
from ortho_app.models.appointments import (
    Appointment,
    ReminderChannel,
    ReminderDelivery,
    ReminderPreference,
)
from ortho_app.services.appointments.appointments import PRACTICE_TZ, local
from ortho_app.services.patient_app import modules as patient_modules

SEND_DELAY = timedelta(minutes=10)  # "envoyée 10 min après l'heure paramétrée"
DEFAULT = (1, time(12, 0), ReminderChannel.SMS)  # "1 jour avant le rendez-vous à 12h"
MAX_DAYS = 30
MAX_REMINDERS = 10
# A reminder whose time passed longer ago than this (worker stopped, reminder added late) is
# not sent any more: a late reminder is worse than none.
GRACE = timedelta(hours=6)


class ReminderError(ValueError):
    """The reminder cannot be set (message safe to show)."""


@dataclass(frozen=True)
class Reminder:
    days_before: int
    at_time: time
    channel: ReminderChannel

    @property
    def label(self) -> str:
        return f"J-{self.days_before} {self.at_time:%H:%M}"


def _effective(rows: list[ReminderPreference]) -> list[Reminder]:
    if not rows:
        return [Reminder(*DEFAULT)]
    found = {Reminder(r.days_before, r.at_time, r.channel) for r in rows if r.active}
    return sorted(found, key=lambda r: (-r.days_before, r.at_time, r.channel.value))


def reminders_of(session: Session, patient_id: int) -> list[Reminder]:
    """The patient's reminders (the default when they never set any), soonest first."""
    return _effective(list(session.exec(select(ReminderPreference).where(
        ReminderPreference.patient_id == patient_id))))


def _materialize_default(session: Session, patient_id: int) -> list[ReminderPreference]:
    rows = list(session.exec(select(ReminderPreference).where(
        ReminderPreference.patient_id == patient_id)))
    if not rows:
        days, at, channel = DEFAULT
        row = ReminderPreference(patient_id=patient_id, days_before=days, at_time=at,
                                 channel=channel)
        session.add(row)
        session.flush()
        rows = [row]
    return rows


def add_reminder(session: Session, patient_id: int, *, days_before: int, at_time: time,
                 channel: ReminderChannel = ReminderChannel.SMS) -> Reminder:
    if not 0 <= days_before <= MAX_DAYS:
        raise ReminderError(f"between 0 and {MAX_DAYS} days")
    at_time = at_time.replace(second=0, microsecond=0, tzinfo=None)
    rows = _materialize_default(session, patient_id)
    same = next((r for r in rows if (r.days_before, r.at_time, r.channel)
                 == (days_before, at_time, channel)), None)
    if same is None and sum(r.active for r in rows) >= MAX_REMINDERS:
        raise ReminderError(f"at most {MAX_REMINDERS} reminders")
    if same is None:
        same = ReminderPreference(patient_id=patient_id, days_before=days_before,
                                  at_time=at_time, channel=channel)
    same.active = True
    session.add(same)
    session.flush()
    return Reminder(days_before, at_time, channel)


def remove_reminder(session: Session, patient_id: int, reminder: Reminder) -> None:
    """Turn one reminder off (the default too: the patient then has none)."""
    for row in _materialize_default(session, patient_id):
        if (row.days_before, row.at_time, row.channel) == (
                reminder.days_before, reminder.at_time, reminder.channel):
            row.active = False
            session.add(row)
    session.flush()


def due_at(appointment_start: datetime, reminder: Reminder) -> datetime:
    """When the reminder goes out (UTC): the set time, N days before, + 10 minutes."""
    day = local(appointment_start).date() - timedelta(days=reminder.days_before)
    wall = datetime.combine(day, reminder.at_time, tzinfo=PRACTICE_TZ)
    return (wall + SEND_DELAY).astimezone(UTC)


def _recipient(session: Session, patient: Patient, channel: ReminderChannel) -> str:
    if channel == ReminderChannel.EMAIL:
        return patient.email or ""
    if patient.phone:
        return patient.phone
    contacts = session.exec(select(ContactPerson).where(
        ContactPerson.patient_id == patient.id).order_by(ContactPerson.id)).all()
    preferred = [c for c in contacts if c.relation == ContactRelation.PARENT1] or list(contacts)
    return preferred[0].phone if preferred else ""


def _message(appointment: Appointment, practice: Institution, patient: Patient) -> str:
    start = local(appointment.starts_at)
    text = (f"{practice.name} : rappel du rendez-vous de {patient.first_name} le "
            f"{start:%d/%m/%Y} à {start:%H:%M} avec {appointment.practitioner}.")
    if appointment.carte_vitale:
        text += " Carte Vitale ! Pensez à l'apporter."
    return text


def _send_one(session: Session, appointment: Appointment, patient: Patient,
              practice: Institution, reminder: Reminder, when: datetime) -> bool:
    recipient = _recipient(session, patient, reminder.channel)
    try:
        with session.begin_nested():
            delivery = ReminderDelivery(
                appointment_id=appointment.id, patient_id=patient.id,
                days_before=reminder.days_before, at_time=reminder.at_time,
                channel=reminder.channel.value, due_at=when, recipient=recipient)
            session.add(delivery)
            session.flush()
            if recipient:
                body = _message(appointment, practice, patient)
                if reminder.channel == ReminderChannel.EMAIL:
                    message = outbox.enqueue_email(
                        session, to=recipient, subject=f"Rappel de rendez-vous – {practice.name}",
                        body=body, institution_id=practice.id)
                else:
                    message = outbox.enqueue_sms(session, to=recipient, body=body,
                                                 institution_id=practice.id)
                delivery.outbox_message_id = message.id
                session.add(delivery)
    except IntegrityError:  # already sent (by this job earlier, or another worker now)
        return False
    return bool(recipient)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=PRACTICE_TZ).astimezone(UTC)


def _candidate_days(session: Session, now: datetime) -> list[date]:
    """The appointment days (practice time) for which some reminder can be due at `now`:
    a reminder set on day D is due between D at its time + 10 min and GRACE later."""
    first = local(now - GRACE - SEND_DELAY).date()
    last = local(now - SEND_DELAY).date()
    used = set(session.exec(select(ReminderPreference.days_before).where(
        ReminderPreference.active).distinct())) | {DEFAULT[0]}
    set_days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return sorted({day + timedelta(days=d) for day in set_days for d in used})


def _key(appointment_id: int, reminder: Reminder) -> tuple:
    return (appointment_id, reminder.days_before, reminder.at_time, reminder.channel.value)


def send_due_reminders(session: Session, *, now: datetime) -> int:
    """Queue every reminder due at `now` and not sent yet; returns how many were queued.
    The caller commits (then asks the outbox to deliver). Only the appointments on days for
    which a reminder can be due now are read, with a handful of queries in all."""
    days = _candidate_days(session, now)
    appointments = list(session.exec(select(Appointment).where(
        col(Appointment.starts_at) > now,
        or_(*(and_(col(Appointment.starts_at) >= _midnight(day),
                   col(Appointment.starts_at) < _midnight(day + timedelta(days=1)))
              for day in days)))
        .order_by(Appointment.starts_at, Appointment.id)))
    if not appointments:
        return 0
    patient_ids = sorted({a.patient_id for a in appointments})
    patients = {p.id: p for p in session.exec(select(Patient).where(
        col(Patient.id).in_(patient_ids)))}
    settings: dict[int, list[ReminderPreference]] = {}
    for row in session.exec(select(ReminderPreference).where(
            col(ReminderPreference.patient_id).in_(patient_ids))):
        settings.setdefault(row.patient_id, []).append(row)
    sent_keys = {tuple(k) for k in session.exec(select(
        ReminderDelivery.appointment_id, ReminderDelivery.days_before, ReminderDelivery.at_time,
        ReminderDelivery.channel).where(col(ReminderDelivery.appointment_id).in_(
            [a.id for a in appointments])))}
    practices: dict[int, Institution | None] = {}
    sent = 0
    for appointment in appointments:
        patient = patients.get(appointment.patient_id)
        if patient is None or patient.do_not_sync:
            continue
        if appointment.institution_id not in practices:
            options = patient_modules.options_for(session, appointment.institution_id)
            practices[appointment.institution_id] = session.get(
                Institution, appointment.institution_id) if patient_modules.module_enabled(
                options, patient_modules.Module.APPOINTMENTS) else None
        practice = practices[appointment.institution_id]
        if practice is None:  # the practice turned the appointments module off
            continue
        for reminder in _effective(settings.get(patient.id, [])):
            when = due_at(appointment.starts_at, reminder)
            if when <= now < when + GRACE and _key(appointment.id, reminder) not in sent_keys:
                sent += _send_one(session, appointment, patient, practice, reminder, when)
    return sent


def sent_reminders(session: Session, patient_id: int, *, limit: int = 20
                   ) -> list[tuple[ReminderDelivery, Appointment]]:
    """The reminders already sent for the patient, newest first (shown in the app)."""
    return list(session.exec(select(ReminderDelivery, Appointment).join(
        Appointment, col(Appointment.id) == ReminderDelivery.appointment_id).where(
        ReminderDelivery.patient_id == patient_id)
        .order_by(col(ReminderDelivery.sent_at).desc()).limit(limit)).all())
