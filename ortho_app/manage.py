"""First run of a real practice, from the command line (the database of DATABASE_URL):

    python -m ortho_app.manage create-practice --name "Cabinet Dupont" [--address … --email …]
    python -m ortho_app.manage create-admin --practice 1 --email admin@… --name "…"
    python -m ortho_app.manage create-staff --institution 1 --role clinician --email … --name …
    python -m ortho_app.manage create-lab --name "Labo Dupont" --serves 1

The password is asked twice on a terminal, or read from the first line of standard input
(`--password-stdin`, for scripts); it is never an argument (it would show in `ps`).
Each command prints the id it created.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from ortho_app.core.db import db_session
from ortho_app.models import InstitutionKind, Role
from ortho_app.services.institutions import setup


def _password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise setup.SetupError("The two passwords differ")
    return first


def _create_practice(args, session) -> int:
    return setup.create_institution(session, InstitutionKind.PRACTICE, name=args.name,
                                    address=args.address, email=args.email,
                                    phone=args.phone).id


def _create_lab(args, session) -> int:
    lab = setup.create_institution(session, InstitutionKind.LAB, name=args.name,
                                   address=args.address, email=args.email, phone=args.phone)
    for practice_id in args.serves:
        setup.serve(session, lab, setup.institution(session, practice_id,
                                                    InstitutionKind.PRACTICE))
    return lab.id


def _create_staff(args, session) -> int:
    role = Role(args.role)
    institution = setup.institution(session, args.institution, setup.KIND_OF_ROLE[role])
    return setup.create_staff(session, institution, role, email=args.email,
                              full_name=args.name, password=_password(args.password_stdin),
                              sees_all_patients=args.sees_all_patients).id


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ortho_app.manage",
                                     description="First run of a real practice.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run, help_text in (("create-practice", _create_practice, "a practice"),
                                 ("create-lab", _create_lab, "a lab, and whom it serves")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--name", required=True)
        for field in ("address", "email", "phone"):
            command.add_argument(f"--{field}", default="")
        if name == "create-lab":
            command.add_argument("--serves", type=int, action="append", default=[],
                                 metavar="PRACTICE_ID")
        command.set_defaults(run=run)
    admin = commands.add_parser("create-admin", help="the practice admin of a practice")
    admin.add_argument("--practice", dest="institution", type=int, required=True)
    admin.set_defaults(run=_create_staff, role=Role.PRACTICE_ADMIN.value,
                       sees_all_patients=False)
    staff = commands.add_parser("create-staff", help="a clinician, assistant or lab coordinator")
    staff.add_argument("--institution", type=int, required=True)
    staff.add_argument("--role", required=True, choices=[r.value for r in Role])
    staff.add_argument("--sees-all-patients", action="store_true",
                       help="a clinician who sees every patient of the practice")
    staff.set_defaults(run=_create_staff)
    for command in (admin, staff):
        command.add_argument("--email", required=True)
        command.add_argument("--name", required=True)
        command.add_argument("--password-stdin", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with db_session() as session:
            created = args.run(args, session)
            session.commit()
    except setup.SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(created)
    return 0


if __name__ == "__main__":
    sys.exit(main())
