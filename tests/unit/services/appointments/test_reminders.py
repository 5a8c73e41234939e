"""Appointment reminders: N days before at HH:MM, sent 10 minutes after, several, never twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select

from ortho_app.models import Channel, ContactRelation, Institution, OutboxMessage
from ortho_app.models.appointments import ReminderChannel, ReminderDelivery
from ortho_app.services.appointments import reminders
from ortho_app.services.appointments.appointments import PRACTICE_TZ
from ortho_app.services.appointments.reminders import Reminder
from ortho_app.services.patient_app import modules as patient_modules
from tests import factories as f
from tests.factories.appointments import appointment

DAY = date(2026, 12, 10)  # appointment day (winter: Paris = UTC+1)


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PRACTICE_TZ)


@pytest.fixture
def booked(session):
    practice = f.institution(session, name="Cabinet Test")
    patient = f.patient(session, practice, phone="+33612345678")
    patient.email = "alice@example.fr"
    appt = appointment(session, patient, DAY, 15, 30, carte_vitale=True)
    session.commit()
    return patient, appt


def sms(session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.channel == Channel.SMS)))


def test_default_is_one_day_before_at_noon(session, booked):
    patient, _ = booked
    assert reminders.reminders_of(session, patient.id) == [
        Reminder(1, time(12, 0), ReminderChannel.SMS)]


def test_due_at_is_set_time_plus_ten_minutes(booked):
    _, appt = booked
    due = reminders.due_at(appt.starts_at, Reminder(3, time(12, 0), ReminderChannel.SMS))
    assert due == paris(date(2026, 12, 7), 12, 10).astimezone(UTC)


def test_due_at_keeps_wall_clock_across_daylight_saving_change(session, booked):
    patient, _ = booked
    summer = appointment(session, patient, date(2027, 3, 29), 9)  # DST starts 28 March
    due = reminders.due_at(summer.starts_at, Reminder(2, time(18, 0), ReminderChannel.SMS))
    assert due.astimezone(PRACTICE_TZ).replace(tzinfo=None) == datetime(2027, 3, 27, 18, 10)


def test_not_sent_at_set_time_but_ten_minutes_later(session, booked):
    patient, appt = booked
    assert reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 9)) == 0
    assert sms(session) == []
    assert reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 10)) == 1
    session.commit()
    (message,) = sms(session)
    assert message.recipient == "+33612345678"
    assert "10/12/2026 à 15:30" in message.body and "Carte Vitale" in message.body
    (delivery,) = session.exec(select(ReminderDelivery)).all()
    assert delivery.appointment_id == appt.id and delivery.outbox_message_id == message.id


def test_never_sent_twice(session, booked):
    now = paris(date(2026, 12, 9), 12, 11)
    assert reminders.send_due_reminders(session, now=now) == 1
    session.commit()
    for minute in (12, 13, 30):
        assert reminders.send_due_reminders(session, now=now.replace(minute=minute)) == 0
    session.commit()
    assert len(sms(session)) == 1


def test_concurrent_insert_of_the_same_reminder_is_refused_by_the_unique_key(session, booked):
    patient, appt = booked
    reminder = Reminder(1, time(12, 0), ReminderChannel.SMS)
    when = reminders.due_at(appt.starts_at, reminder)
    practice = session.get(Institution, patient.institution_id)
    assert reminders._send_one(session, appt, patient, practice, reminder, when) is True
    assert reminders._send_one(session, appt, patient, practice, reminder, when) is False
    session.commit()
    assert len(sms(session)) == 1


def test_several_reminders_each_sent_at_its_time(session, booked):
    patient, _ = booked
    reminders.add_reminder(session, patient.id, days_before=3, at_time=time(9, 0))
    reminders.add_reminder(session, patient.id, days_before=0, at_time=time(8, 0),
                           channel=ReminderChannel.EMAIL)
    session.commit()
    assert [r.label for r in reminders.reminders_of(session, patient.id)] == [
        "J-3 09:00", "J-1 12:00", "J-0 08:00"]
    sent = [reminders.send_due_reminders(session, now=when) for when in (
        paris(date(2026, 12, 7), 9, 10), paris(date(2026, 12, 9), 12, 10),
        paris(DAY, 8, 10), paris(DAY, 8, 20))]
    session.commit()
    assert sent == [1, 1, 1, 0]
    emails = session.exec(select(OutboxMessage).where(OutboxMessage.channel == Channel.EMAIL))
    assert [m.recipient for m in emails] == ["alice@example.fr"]
    assert len(sms(session)) == 2


def test_removed_default_sends_nothing(session, booked):
    patient, _ = booked
    reminders.remove_reminder(session, patient.id, Reminder(*reminders.DEFAULT))
    session.commit()
    assert reminders.reminders_of(session, patient.id) == []
    assert reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 10)) == 0


def test_late_reminder_past_grace_and_past_appointment_not_sent(session, booked):
    assert reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 19, 0)) == 0
    assert reminders.send_due_reminders(session, now=paris(DAY, 16, 0)) == 0


def test_child_without_phone_reminded_on_parent1_phone(session):
    practice = f.institution(session)
    child = f.patient(session, practice, contacts=[
        (ContactRelation.PARENT2, "+33687654321"), (ContactRelation.PARENT1, "+33611111111")])
    appointment(session, child, DAY, 10)
    reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 10))
    session.commit()
    assert [m.recipient for m in sms(session)] == ["+33611111111"]


def test_practice_turned_appointments_off_sends_nothing(session, booked):
    patient, _ = booked
    patient_modules.save_options(session, patient.institution_id, appointments=False)
    assert reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 10)) == 0


def test_add_reminder_validates_and_reactivates(session, booked):
    patient, _ = booked
    with pytest.raises(reminders.ReminderError):
        reminders.add_reminder(session, patient.id, days_before=31, at_time=time(9, 0))
    default = Reminder(*reminders.DEFAULT)
    reminders.remove_reminder(session, patient.id, default)
    reminders.add_reminder(session, patient.id, days_before=1, at_time=time(12, 0))
    assert reminders.reminders_of(session, patient.id) == [default]


def test_sent_reminders_listed_for_the_app(session, booked):
    patient, appt = booked
    reminders.send_due_reminders(session, now=paris(date(2026, 12, 9), 12, 10) +
                                 timedelta(minutes=1))
    session.commit()
    ((delivery, shown),) = reminders.sent_reminders(session, patient.id)
    assert shown.id == appt.id and delivery.days_before == 1


def test_thirty_days_before_found_among_many_appointments(session, booked):
    patient, appt = booked
    for n in range(1, 20):  # other days: not read for this reminder
        appointment(session, patient, date(2026, 12, 10) + timedelta(days=n), 9)
    reminders.add_reminder(session, patient.id, days_before=30, at_time=time(18, 0))
    now = paris(date(2026, 11, 10), 18, 10)
    assert reminders._candidate_days(session, now) == [date(2026, 11, 11), date(2026, 12, 10)]
    assert reminders.send_due_reminders(session, now=now) == 1
    session.commit()
    (delivery,) = session.exec(select(ReminderDelivery)).all()
    assert (delivery.appointment_id, delivery.days_before) == (appt.id, 30)
