"""Demo appointments: Camille's next one needs the Carte Vitale, everyone has past ones and
the default reminder; seeding twice adds nothing."""

from datetime import UTC, datetime

from sqlmodel import func, select

from ortho_app.demo.appointments import seed_appointments
from ortho_app.demo.seed import seed
from ortho_app.models import Institution, Patient
from ortho_app.models.appointments import Appointment, ReminderPreference
from ortho_app.services.appointments import appointments, reminders


def patient(session, first, last):
    return session.exec(select(Patient).where(Patient.first_name == first,
                                              Patient.last_name == last)).one()


def test_demo_appointments(session):
    seed(session)
    session.commit()
    now = datetime.now(UTC)
    camille, thomas = patient(session, "Camille", "Martin"), patient(session, "Thomas", "Dubois")
    assert appointments.next_appointment(session, camille.id, now=now).carte_vitale
    assert not appointments.next_appointment(session, thomas.id, now=now).carte_vitale
    for who in (camille, thomas):
        shown = appointments.history(session, who.id)
        assert any(a.starts_at < now for a in shown) and any(a.starts_at > now for a in shown)
        assert all(appointments.local(a.starts_at).weekday() < 5 for a in shown)
        assert reminders.reminders_of(session, who.id) == [reminders.Reminder(*reminders.DEFAULT)]
    count = session.exec(select(func.count()).select_from(Appointment)).one()
    practice = session.exec(select(Institution).where(
        Institution.name == "Demo Orthodontics")).one()
    seed_appointments(session, practice.id)
    assert session.exec(select(func.count()).select_from(Appointment)).one() == count
    assert session.exec(select(func.count()).select_from(ReminderPreference)).one() == 3
