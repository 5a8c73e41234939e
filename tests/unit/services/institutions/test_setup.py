"""A real practice's first run: institutions, the lab's service, staff accounts (and the
`manage` command that drives them); the demo seed does nothing outside demo mode."""

from __future__ import annotations

import io

import pytest
from sqlmodel import func, select

from ortho_app import manage
from ortho_app.core.security.passwords import verify_password
from ortho_app.demo import seed as demo_seed
from ortho_app.models import InstitutionKind, LabService, Membership, Role, StaffUser
from ortho_app.services.institutions import setup

PASSWORD = "correct horse battery"


def test_staff_accounts_are_checked(session):
    practice = setup.create_institution(session, InstitutionKind.PRACTICE, name=" Cabinet  X ")
    assert practice.name == "Cabinet X"
    user = setup.create_staff(session, practice, Role.PRACTICE_ADMIN, email=" Admin@X.example ",
                              full_name="Admin", password=PASSWORD)
    assert user.email == "admin@x.example" and verify_password(PASSWORD, user.password_hash)
    for bad in [dict(email="admin@x.example"), dict(email="not an address"),
                dict(password="short12345"), dict(role=Role.LAB_COORDINATOR)]:
        arguments = {"email": "b@x.example", "password": PASSWORD, "role": Role.CLINICIAN} | bad
        with pytest.raises(setup.SetupError):
            setup.create_staff(session, practice, arguments.pop("role"), full_name="B",
                               **arguments)


def test_manage_sets_up_a_practice_and_its_lab(session, monkeypatch, capsys):
    def run(*argv, stdin=""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = manage.main(list(argv))
        return code, capsys.readouterr().out.strip()

    code, practice = run("create-practice", "--name", "Cabinet Dupont")
    assert code == 0
    assert run("create-admin", "--practice", practice, "--email", "a@dupont.example",
               "--name", "A", "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    code, lab = run("create-lab", "--name", "Labo", "--serves", practice)
    assert code == 0
    assert run("create-staff", "--institution", lab, "--role", "lab_coordinator", "--email",
               "c@labo.example", "--name", "C", stdin=PASSWORD + "\n")[0] == 0
    assert run("create-staff", "--institution", practice, "--role", "lab_coordinator",
               "--email", "d@labo.example", "--name", "D", stdin=PASSWORD + "\n")[0] == 2
    session.expire_all()
    roles = dict(session.exec(select(StaffUser.email, Membership.role).join(
        Membership, Membership.user_id == StaffUser.id)).all())
    assert roles == {"a@dupont.example": Role.PRACTICE_ADMIN,
                     "c@labo.example": Role.LAB_COORDINATOR}
    assert session.exec(select(LabService.lab_id, LabService.practice_id)).all() == \
        [(int(lab), int(practice))]


def test_the_demo_seed_does_nothing_outside_demo_mode(session, settings_env, capsys):
    settings_env(demo_mode="false", secret_key="x" * 40)
    demo_seed.main()
    assert "DEMO_MODE is off" in capsys.readouterr().out
    assert session.exec(select(func.count()).select_from(StaffUser)).one() == 0
