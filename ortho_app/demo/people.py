"""Deterministic, realistic French patients for the demo practices (random.Random(2026))."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortho_app.services.patients.phones import InvalidPhoneError, to_e164

REFERENCE_DAY = date(2026, 11, 23)  # ages are computed against this day, never today()
SEED = 2026
SOPHIE_PHONE = "+33612345678"
THOMAS_PHONE = "+33698765432"
FIXED_PHONES = {SOPHIE_PHONE, THOMAS_PHONE, "+33687654321"}
LAST_NAMES = ["Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
              "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont",
              "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure",
              "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
              "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine"]
GIRLS = ["Léa", "Chloé", "Emma", "Inès", "Manon", "Jade", "Louise", "Zoé", "Lina", "Sarah",
         "Anaïs", "Clara", "Juliette", "Maëlys", "Eva", "Alice", "Romane", "Lou"]
BOYS = ["Hugo", "Nathan", "Louis", "Enzo", "Jules", "Gabriel", "Arthur", "Raphaël", "Adam",
        "Noah", "Théo", "Mathis", "Paul", "Maxime", "Léo", "Sacha", "Timéo", "Evan"]
WOMEN = ["Isabelle", "Nathalie", "Sandrine", "Céline", "Aurélie", "Émilie", "Julie", "Marion",
         "Caroline", "Stéphanie", "Laure", "Virginie"]
MEN = ["Nicolas", "Julien", "Sébastien", "Olivier", "Stéphane", "Christophe", "Guillaume",
       "Frédéric", "Laurent", "Mathieu", "Romain"]
GRANDPARENTS = ["Monique", "Françoise", "Jacqueline", "Michel", "Bernard", "Gérard"]
STREETS = ["rue de la République", "cours Lafayette", "avenue Jean Jaurès", "rue Garibaldi",
           "boulevard des Belges", "rue Victor Hugo", "quai Saint-Antoine", "rue Duguesclin",
           "rue Paul Bert", "avenue Berthelot", "montée de la Grande Côte", "rue Vendôme"]
TOWNS = ["69002 Lyon", "69003 Lyon", "69004 Lyon", "69006 Lyon", "69007 Lyon", "69008 Lyon",
         "69100 Villeurbanne", "69300 Caluire-et-Cuire", "69500 Bron", "69130 Écully",
         "69160 Tassin-la-Demi-Lune"]
CHILD_TREATMENTS = ["Aligners", "Aligners", "Fixed braces", "Fixed braces", "Palatal expander",
                    "Observation", "Retention"]
ADULT_TREATMENTS = ["Aligners", "Aligners", "Fixed braces", "Retention"]
HABITS = ["", "", "", "", "Thumb sucking until age 8", "Mouth breathing", "Nail biting",
          "Tongue thrust", "Pen chewing"]
ALLERGIES = ["", "", "", "", "", "", "Penicillin", "Latex", "Nickel", "Pollen (seasonal)"]
CHILD_HISTORY = ["", "", "", "", "", "Asthma (inhaler as needed)", "Adenoidectomy in 2019",
                 "Type 1 diabetes", "Seasonal allergic rhinitis", "Speech therapy 2020-2022"]
ADULT_HISTORY = ["", "", "", "", "", "Hypertension, treated", "Hypothyroidism (levothyroxine)",
                 "Periodontitis treated in 2021", "Bruxism, night guard", "Asthma"]
CHILD_NOTES = ["", "", "", "", "Anxious at appointments; allow extra time.",
               "Plays the clarinet; check comfort of the appliance.",
               "Plays rugby: wears a mouthguard.",
               "Shared custody: send reminders to both parents.",
               "Prefers Wednesday afternoon appointments."]
ADULT_NOTES = ["", "", "", "", "Works shifts; prefers early morning appointments.",
               "Wedding in June: wants aligners finished by then.",
               "Pays in three instalments.", "Referred by Dr. Mercier (general dentist).",
               "Travels often; remote monitoring preferred."]


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
    id_number: str = ""
    insurance_number: str = ""


def _mobile(rng: random.Random, used: set[str]) -> str:
    """A fresh, valid French mobile number (+336… or +337…) in E.164."""
    while True:
        number = f"+33{rng.choice('67')}{rng.randrange(10_000_000, 100_000_000):08d}"
        try:
            valid = to_e164(number) == number
        except InvalidPhoneError:
            valid = False
        if valid and number not in used:
            used.add(number)
            return number


def _birth(rng: random.Random, min_age: int, max_age: int) -> date:
    """A birth date giving an age in [min_age, max_age] on REFERENCE_DAY."""
    age = rng.randint(min_age, max_age)
    latest = REFERENCE_DAY.replace(year=REFERENCE_DAY.year - age)
    earliest = REFERENCE_DAY.replace(year=REFERENCE_DAY.year - age - 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def age_on_reference_day(born: date) -> int:
    before = (REFERENCE_DAY.month, REFERENCE_DAY.day) < (born.month, born.day)
    return REFERENCE_DAY.year - born.year - before


def _email(first: str, last: str) -> str:
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "").replace("'", "") + "@example.fr"


def _insurance(rng: random.Random, gender: str, born: date) -> str:
    """A French social-security-like number: sex, YYMM, département, commune, order, key."""
    sex = "2" if gender == "female" else "1"
    body = f"{sex}{born:%y%m}69{rng.randrange(1, 400):03d}{rng.randrange(1, 1000):03d}"
    return f"{body}{97 - int(body) % 97:02d}"


def _clinical(rng: random.Random, adult: bool) -> dict:
    return dict(history=rng.choice(ADULT_HISTORY if adult else CHILD_HISTORY),
                habits=rng.choice(HABITS), allergies=rng.choice(ALLERGIES),
                note=rng.choice(ADULT_NOTES if adult else CHILD_NOTES))


def fixed_patients() -> list[DemoPatient]:
    """The documented sign-ins (accounts.PATIENT_LOGINS): exact, relied upon by tests."""
    sophie = ("parent1", "Sophie Martin", SOPHIE_PHONE)
    home = "12 rue Garibaldi, 69006 Lyon"
    return [
        DemoPatient("Martin", "Camille", "female", date(2011, 3, 14), "Aligners",
                    email="sophie.martin@example.fr", address=home,
                    contacts=[sophie, ("parent2", "Marc Martin", "+33687654321")],
                    assigned_to_clinician=True, habits="Mouth breathing",
                    note="Monitored with aligners; prefers SMS reminders.",
                    id_number="DO-00001", insurance_number="211036912303430"),
        DemoPatient("Martin", "Lucas", "male", date(2013, 9, 2), "Observation",
                    email="sophie.martin@example.fr", address=home, contacts=[sophie],
                    assigned_to_clinician=True, history="Asthma (inhaler as needed)",
                    note="Re-evaluate at 12-month visit (erupting canines).",
                    id_number="DO-00002", insurance_number="113096912303577"),
        DemoPatient("Dubois", "Thomas", "male", date(1990, 6, 21), "Fixed braces",
                    phone=THOMAS_PHONE, email="thomas.dubois@example.fr",
                    address="5 cours Lafayette, 69003 Lyon",
                    contacts=[("patient", "Thomas Dubois", THOMAS_PHONE)],
                    allergies="Nickel", note="Fees due; one payment overdue.",
                    id_number="DO-00003", insurance_number="190066938112368"),
    ]


def _household(rng: random.Random, last: str, used: set[str], start: int) -> list[DemoPatient]:
    """A family: one parent (sometimes two, sometimes a financial responsible), 1-2 children."""
    address = f"{rng.randrange(1, 180)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
    mother = rng.random() < 0.7
    parent = rng.choice(WOMEN if mother else MEN)
    contacts = [("parent1", f"{parent} {last}", _mobile(rng, used))]
    if rng.random() < 0.35:
        other = rng.choice(MEN if mother else WOMEN)
        contacts.append(("parent2", f"{other} {last}", _mobile(rng, used)))
    if rng.random() < 0.15:  # e.g. a grandparent paying the fees
        grand = rng.choice(GRANDPARENTS)
        contacts.append(("financial_responsible", f"{grand} {last}", _mobile(rng, used)))
    children, firsts = [], set()
    for _ in range(2 if rng.random() < 0.3 else 1):
        girl = rng.random() < 0.5
        first = rng.choice([n for n in (GIRLS if girl else BOYS) if n not in firsts])
        firsts.add(first)
        gender = "female" if girl else "male"
        born = _birth(rng, 9, 17)
        children.append(DemoPatient(
            last, first, gender, born, rng.choice(CHILD_TREATMENTS),
            email=_email(parent, last), address=address, contacts=list(contacts),
            assigned_to_clinician=rng.random() < 0.5,
            id_number=f"DO-{start + len(children):05d}",
            insurance_number=_insurance(rng, gender, born), **_clinical(rng, adult=False)))
    return children


def _adult(rng: random.Random, last: str, used: set[str], number: int) -> DemoPatient:
    woman = rng.random() < 0.6
    first = rng.choice(WOMEN if woman else MEN)
    gender = "female" if woman else "male"
    born, phone = _birth(rng, 18, 60), _mobile(rng, used)
    return DemoPatient(
        last, first, gender, born, rng.choice(ADULT_TREATMENTS), phone=phone,
        email=_email(first, last),
        address=f"{rng.randrange(1, 180)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}",
        contacts=[("patient", f"{first} {last}", phone)],
        assigned_to_clinician=rng.random() < 0.5, id_number=f"DO-{number:05d}",
        insurance_number=_insurance(rng, gender, born), **_clinical(rng, adult=True))


def generated_patients(count: int = 42) -> list[DemoPatient]:
    """`count` more Demo Orthodontics patients; every household has its own surname."""
    rng = random.Random(SEED)
    used = set(FIXED_PHONES)
    surnames = rng.sample(LAST_NAMES, len(LAST_NAMES))
    patients: list[DemoPatient] = []
    while len(patients) < count:
        last, number = surnames.pop(), len(patients) + 4
        if rng.random() < 0.65:
            patients.extend(_household(rng, last, used, number))
        else:
            patients.append(_adult(rng, last, used, number))
    return patients[:count]


def neighbour_patients() -> list[DemoPatient]:
    """Cabinet Voisin's own three patients (names and phones used nowhere else)."""
    rng = random.Random(SEED + 1)
    used = set(FIXED_PHONES) | {p for s in generated_patients() for _, _, p in s.contacts}
    mother, adult = _mobile(rng, used), _mobile(rng, used)
    home = "7 rue Francis de Pressensé, 69100 Villeurbanne"
    kids = [("Lemoine", "Margaux", "female", date(2012, 2, 9), "Aligners"),
            ("Lemoine", "Baptiste", "male", date(2014, 7, 27), "Palatal expander")]
    patients = [DemoPatient(last, first, gender, born, treatment, email="helene.lemoine@example.fr",
                            address=home, contacts=[("parent1", "Hélène Lemoine", mother)],
                            id_number=f"CV-{n:05d}",
                            insurance_number=_insurance(rng, gender, born))
                for n, (last, first, gender, born, treatment) in enumerate(kids, start=1)]
    patients.append(DemoPatient(
        "Barbier", "Vincent", "male", date(1985, 11, 2), "Fixed braces", phone=adult,
        email="vincent.barbier@example.fr", address="41 cours Émile Zola, 69100 Villeurbanne",
        contacts=[("patient", "Vincent Barbier", adult)], id_number="CV-00003",
        insurance_number=_insurance(rng, "male", date(1985, 11, 2))))
    return patients
