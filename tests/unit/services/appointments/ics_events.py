"""The calendar event the .ics tests share: a consultation in Paris with a long,
accented description."""

from datetime import datetime
from zoneinfo import ZoneInfo

from ortho_app.services.appointments.ics import CalendarEvent

PARIS = ZoneInfo("Europe/Paris")

LONG_DESCRIPTION = (
    "Séance de planification virtuelle du cas n°1234 : vérification des dents 11, 12 et 21; "
    "révision de la prescription (RX) et des fichiers STL/CBCT reçus. "
    "Merci d'être connecté·e cinq minutes à l'avance — l'équipe du laboratoire « Sourire »."
)


def consultation(**changes) -> CalendarEvent:
    values = dict(
        uid="rdv-42@ortho-app",
        title="Contrôle orthodontique – Dr Élodie Müller",
        start=datetime(2026, 3, 10, 14, 30, tzinfo=PARIS),
        end=datetime(2026, 3, 10, 15, 0, tzinfo=PARIS),
        location="Cabinet d'orthodontie, 12 rue de la Paix, 75002 Paris",
        description=LONG_DESCRIPTION,
        url="https://ortho.example.fr/patient/rdv/42",
    )
    values.update(changes)
    return CalendarEvent(**values)
