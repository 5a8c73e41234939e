"""A patient's appointments (spec "Mes Rendez-vous"): next one, upcoming, the whole history in
ascending order, "Ajouter à mon agenda" (.ics) and "Me rendre au cabinet" (maps).

Framework-free: plain values and a DB session. Times are stored in UTC and shown in the
practice's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ortho_app.core.timezone import PRACTICE_TZ
from ortho_app.models import Institution
from ortho_app.models.appointments import Appointment, CalendarAddition
from ortho_app.services.appointments.ics import CalendarEvent, ics_filename, to_ics

MAPS_SEARCH_URL = "https://www.google.com/maps/search/?api=1&query="
HISTORY_LIMIT = 200


def local(value: datetime) -> datetime:
    """A stored (UTC) time in the practice's time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PRACTICE_TZ)


def at_practice_time(day, hour: int, minute: int = 0) -> datetime:
    """The UTC instant of a wall-clock time at the practice."""
    return datetime(day.year, day.month, day.day, hour, minute,
                    tzinfo=PRACTICE_TZ).astimezone(UTC)


def upcoming(session: Session, patient_id: int, *, now: datetime,
             limit: int = 50) -> list[Appointment]:
    """Appointments not yet over, soonest first."""
    rows = session.exec(select(Appointment).where(
        Appointment.patient_id == patient_id,
        col(Appointment.starts_at) >= now - timedelta(hours=8))
        .order_by(Appointment.starts_at, Appointment.id).limit(limit * 2)).all()
    return [a for a in rows if _ends(a) > now][:limit]


def next_appointment(session: Session, patient_id: int, *, now: datetime) -> Appointment | None:
    found = upcoming(session, patient_id, now=now, limit=1)
    return found[0] if found else None


def history(session: Session, patient_id: int, *, limit: int = HISTORY_LIMIT) -> list[Appointment]:
    """"Tout afficher": every appointment, in ascending chronological order."""
    return list(session.exec(select(Appointment).where(Appointment.patient_id == patient_id)
                             .order_by(Appointment.starts_at, Appointment.id).limit(limit)))


def _ends(appointment: Appointment) -> datetime:
    start = appointment.starts_at
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    return start + timedelta(minutes=appointment.duration_minutes)


def place_of(appointment: Appointment, practice: Institution) -> str:
    return appointment.place or practice.address


def maps_url(address: str) -> str:
    """Opens the phone's maps (or the browser's) on the address."""
    return MAPS_SEARCH_URL + quote(address, safe="")


def calendar_event(appointment: Appointment, practice: Institution) -> CalendarEvent:
    start = local(appointment.starts_at)
    title = f"RDV {practice.name}" + (f" – {appointment.reason}" if appointment.reason else "")
    lines = [f"Praticien : {appointment.practitioner}"]
    if appointment.carte_vitale:
        lines.append("Carte Vitale ! Pensez à présenter votre Carte Vitale.")
    if practice.phone:
        lines.append(f"Cabinet : {practice.phone}")
    return CalendarEvent(
        uid=f"appointment-{appointment.id}@ortho_app", title=title, start=start,
        end=start + timedelta(minutes=appointment.duration_minutes),
        location=place_of(appointment, practice), description="\n".join(lines))


@dataclass(frozen=True)
class IcsFile:
    filename: str
    content: str


def ics_for(appointment: Appointment, practice: Institution, *, now: datetime) -> IcsFile:
    event = calendar_event(appointment, practice)
    return IcsFile(ics_filename(event.title, event.start),
                   to_ics([event], calendar_name=practice.name, now=now, reminder_minutes=60))


def record_calendar_addition(session: Session, appointment_id: int, phone: str) -> bool:
    """Remember that this phone added the appointment; True when it had already done so."""
    if is_added(session, appointment_id, phone):
        return True
    try:
        with session.begin_nested():
            session.add(CalendarAddition(appointment_id=appointment_id, phone=phone))
    except IntegrityError:  # added at the same moment by another request
        return True
    return False


def is_added(session: Session, appointment_id: int, phone: str) -> bool:
    return session.exec(select(CalendarAddition.id).where(
        CalendarAddition.appointment_id == appointment_id,
        CalendarAddition.phone == phone)).first() is not None


def added_ids(session: Session, appointment_ids: list[int], phone: str) -> set[int]:
    if not appointment_ids:
        return set()
    return set(session.exec(select(CalendarAddition.appointment_id).where(
        col(CalendarAddition.appointment_id).in_(appointment_ids),
        CalendarAddition.phone == phone)).all())
