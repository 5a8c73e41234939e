"""The demo's fixed accounts (shown on the sign-in pages in demo mode, used by tests)."""

DEMO_PASSWORD = "demo1234"  # noqa: S105 - public demo password, printed in the README

STAFF_ACCOUNTS = [  # (e-mail, role, description)
    ("manager@demo.clinic", "clinician", "clinician, sees all patients"),
    ("clinician@demo.clinic", "clinician", "clinician, assigned patients only"),
    ("assistant@demo.clinic", "assistant", "assistant"),
    ("admin@demo.clinic", "practice_admin", "practice admin"),
    ("coordinator@demo.lab", "lab_coordinator", "lab coordinator, Demo Lab"),
]

PATIENT_LOGINS = [
    {"phone": "+33 6 12 34 56 78", "last_name": "Martin", "first_name": "Camille",
     "birth": "14/03/2011", "note": "Sophie Martin's phone: Camille and Lucas"},
    {"phone": "+33 6 98 76 54 32", "last_name": "Dubois", "first_name": "Thomas",
     "birth": "21/06/1990", "note": "adult in fixed braces"},
]
