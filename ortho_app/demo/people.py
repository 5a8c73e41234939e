"""Deterministic, realistic French patients for the demo practice."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

REFERENCE_DAY = date(2026, 11, 23)
LAST_NAMES = ["Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
              "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont",
              "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
              "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin"]
GIRLS = ["Léa", "Chloé", "Emma", "Inès", "Manon", "Jade", "Louise", "Zoé", "Lina", "Sarah",
         "Anaïs", "Clara", "Juliette", "Maëlys", "Eva"]
BOYS = ["Hugo", "Nathan", "Louis", "Enzo", "Jules", "Gabriel", "Arthur", "Raphaël", "Adam",
        "Noah", "Théo", "Mathis", "Paul", "Maxime", "Léo"]
WOMEN = ["Isabelle", "Nathalie", "Sandrine", "Céline", "Aurélie", "Émilie", "Julie", "Marion"]
MEN = ["Nicolas", "Julien", "Sébastien", "Olivier", "Stéphane", "Christophe", "Guillaume"]
STREETS = ["rue de la République", "cours Lafayette", "avenue Jean Jaurès", "rue Garibaldi",
           "boulevard des Belges", "rue Victor Hugo", "quai Saint-Antoine", "rue Duguesclin"]
TOWNS = ["69003 Lyon", "69006 Lyon", "69007 Lyon", "69100 Villeurbanne", "69300 Caluire",
         "69500 Bron", "69130 Écully"]
CHILD_TREATMENTS = ["Aligners", "Fixed braces", "Palatal expander", "Observation", "Retention"]
ADULT_TREATMENTS = ["Aligners", "Fixed braces", "Retention"]
HABITS = ["", "", "", "Thumb sucking until age 8", "Mouth breathing", "Nail biting",
          "Tongue thrust"]
ALLERGIES = ["", "", "", "", "Penicillin", "Latex", "Nickel"]
HISTORY = ["", "", "", "Asthma (inhaler)", "Tonsillectomy in 2019", "Type 1 diabetes",
           "Epilepsy, controlled"]


@dataclass
class DemoPatient:
    last_name: str
    first_name: str
    gender: str
    born: date
    treatment: str
    phone: str | None = None  # the patient's own phone (adults)
    email: str | None = None
    address: str = ""
    contacts: list[tuple[str, str, str]] = field(default_factory=list)  # relation, name, phone
    assigned_to_clinician: bool = False
    note: str = ""
    history: str = ""
    habits: str = ""
    allergies: str = ""


def _mobile(rng: random.Random, used: set[str]) -> str:
    from ortho_app.services.phones import InvalidPhoneError, to_e164

    while True:
        number = f"+33{rng.choice('67')}{rng.randrange(10_000_000, 99_999_999):08d}"
        try:
            valid = to_e164(number) == number
        except InvalidPhoneError:
            valid = False
        if valid and number not in used and number not in {"+33612345678", "+33698765432"}:
            used.add(number)
            return number


def _birth(rng: random.Random, min_age: int, max_age: int) -> date:
    days = rng.randrange(min_age * 365 + 10, max_age * 365 + 300)
    return REFERENCE_DAY - timedelta(days=days)


def _email(first: str, last: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "") + "@example.fr"


def fixed_patients() -> list[DemoPatient]:
    sophie = ("parent1", "Sophie Martin", "+33612345678")
    return [
        DemoPatient("Martin", "Camille", "female", date(2011, 3, 14), "Aligners",
                    email="sophie.martin@example.fr", address="12 rue Garibaldi, 69006 Lyon",
                    contacts=[sophie, ("parent2", "Marc Martin", "+33687654321")],
                    assigned_to_clinician=True, habits="Mouth breathing",
                    note="Monitored with aligners; prefers SMS reminders."),
        DemoPatient("Martin", "Lucas", "male", date(2013, 9, 2), "Observation",
                    email="sophie.martin@example.fr", address="12 rue Garibaldi, 69006 Lyon",
                    contacts=[sophie], assigned_to_clinician=True),
        DemoPatient("Dubois", "Thomas", "male", date(1990, 6, 21), "Fixed braces",
                    phone="+33698765432", email="thomas.dubois@example.fr",
                    address="5 cours Lafayette, 69003 Lyon",
                    contacts=[("patient", "Thomas Dubois", "+33698765432")],
                    allergies="Nickel", note="Fees due; one payment overdue."),
    ]


def generated_patients(count: int = 42) -> list[DemoPatient]:
    rng = random.Random(2026)
    used: set[str] = {"+33687654321"}
    patients: list[DemoPatient] = []
    while len(patients) < count:
        last = rng.choice(LAST_NAMES)
        address = f"{rng.randrange(1, 180)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
        common = dict(address=address, history=rng.choice(HISTORY), habits=rng.choice(HABITS),
                      allergies=rng.choice(ALLERGIES))
        if rng.random() < 0.65:  # a family with one or two children in treatment
            parent_first, parent_gender = (rng.choice(WOMEN), "f") if rng.random() < 0.7 \
                else (rng.choice(MEN), "m")
            parent_phone = _mobile(rng, used)
            contacts = [("parent1", f"{parent_first} {last}", parent_phone)]
            if rng.random() < 0.3:
                other = rng.choice(MEN if parent_gender == "f" else WOMEN)
                contacts.append(("parent2", f"{other} {last}", _mobile(rng, used)))
            for _ in range(2 if rng.random() < 0.25 else 1):
                girl = rng.random() < 0.5
                patients.append(DemoPatient(
                    last, rng.choice(GIRLS if girl else BOYS), "female" if girl else "male",
                    _birth(rng, 9, 17), rng.choice(CHILD_TREATMENTS),
                    email=_email(parent_first, last), contacts=list(contacts),
                    assigned_to_clinician=rng.random() < 0.5, **common))
        else:
            woman = rng.random() < 0.6
            first = rng.choice(WOMEN if woman else MEN)
            phone = _mobile(rng, used)
            patients.append(DemoPatient(
                last, first, "female" if woman else "male", _birth(rng, 18, 60),
                rng.choice(ADULT_TREATMENTS), phone=phone, email=_email(first, last),
                contacts=[("patient", f"{first} {last}", phone)],
                assigned_to_clinician=rng.random() < 0.5, **common))
    return patients[:count]
