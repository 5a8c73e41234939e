"""Route paths that `core` and `ortho_app/api` need, in one place.

- the HTTP routes served by `ortho_app/api`: the pattern each route is mounted at, and the
  builders pages link with;
- the workspaces' entry points (where a role lands after sign-in, the sign-in pages, the
  pages `api` redirects to). Each workspace's `routes.py` holds its page routes and re-uses
  these constants for the pages named here (workspaces may not import each other, so a link
  from one workspace to another goes through this module).

Builders take ids as plain values, or as Reflex Vars when a page builds the link from its
state: the result is then a string Var made by concatenation (`"/files/" + id.to_string()`).
core does not import Reflex: a Var is recognised by its `to_string`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

# Workspace entry points and the pages `api` redirects to (Reflex page routes).
STAFF_LOGIN = "/login"
PATIENT_LOGIN = "/patient/login"
PATIENT_LOGIN_CODE = "/patient/login/code"
PATIENT_LOGIN_SELECT = "/patient/login/select"
CLINIC_HOME = "/clinic"
LAB_HOME = "/lab"
ADMIN_HOME = "/admin"
PATIENT_HOME = "/patient"
CLINIC_CASE = "/clinic/cases/[case_id]"  # the link in a planning session's .ics

# HTTP routes (ortho_app/api).
ROOT = "/"
AUTH_LOGIN = "/auth/login"
AUTH_LOGOUT = "/auth/logout"
AUTH_PATIENT_START = "/auth/patient/start"
AUTH_PATIENT_RESEND = "/auth/patient/resend"
AUTH_PATIENT_VERIFY = "/auth/patient/verify"
AUTH_PATIENT_SELECT = "/auth/patient/select"
AUTH_HOME = "/auth/home"
PATIENT_ACTIVATE = "/patient/activate/{token}"
FILE = "/files/{file_id:int}"
DOCUMENT_VIEW = "/documents/{document_id:int}/view"
IMAGES_ZIP = "/imaging/{patient_id:int}/images.zip"
APPOINTMENT_ICS = "/calendar/appointments/{appointment_id:int}.ics"
PLANNING_ICS = "/calendar/cases/{case_id:int}/planning.ics"
STRIPE_WEBHOOK = "/webhooks/stripe"

# A route's parameters: Starlette's `{name}` / `{name:int}`, Reflex's `[name]`.
_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}|\[(\w+)\]")


def _text(value: Any) -> Any:
    """A path segment: a plain value as text, a Reflex Var (of an id) as a string Var."""
    if isinstance(value, (str, int)):
        return str(value)
    return value.to_string()


def fill(pattern: str, args: Mapping[str, Any], text: Callable[[Any], Any] = _text) -> Any:
    """`pattern` with each parameter replaced by `text(args[name])`, the pieces joined with
    `+`: a str when every argument is a plain value, a string Var when one is a Var.
    A missing or an unexpected argument raises `TypeError`."""
    pieces: list[Any] = []
    used: set[str] = set()
    position = 0
    for match in _PARAMETER.finditer(pattern):
        name = match.group(1) or match.group(2)
        if name not in args:
            raise TypeError(f"route {pattern!r}: missing argument {name!r}")
        pieces += [pattern[position:match.start()], text(args[name])]
        used.add(name)
        position = match.end()
    pieces.append(pattern[position:])
    if unexpected := sorted(set(args) - used):
        raise TypeError(f"route {pattern!r}: unexpected arguments {unexpected}")
    pieces = [p for p in pieces if not (isinstance(p, str) and p == "")]
    if not pieces:
        return ""
    result = pieces[0]
    for piece in pieces[1:]:
        result = result + piece
    return result


def build(pattern: str, /, **args: Any) -> Any:
    """The path of `pattern` (an HTTP route or a page route) for these arguments:
    `build(FILE, file_id=3)` → `"/files/3"`."""
    return fill(pattern, args)


def file_url(file_id: Any) -> Any:
    return build(FILE, file_id=file_id)


def document_view_url(document_id: Any) -> Any:
    return build(DOCUMENT_VIEW, document_id=document_id)


def images_zip_url(patient_id: Any) -> Any:
    return build(IMAGES_ZIP, patient_id=patient_id)


def activation_path(token: str) -> str:
    return build(PATIENT_ACTIVATE, token=token)


def appointment_ics_path(appointment_id: int) -> str:
    return build(APPOINTMENT_ICS, appointment_id=appointment_id)


def planning_ics_path(case_id: int) -> str:
    return build(PLANNING_ICS, case_id=case_id)
