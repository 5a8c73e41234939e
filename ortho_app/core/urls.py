"""Paths of the HTTP routes that pages link to (served by `ortho_app/api`): one place for
the pattern a route is mounted at and the builder a page links with."""

from __future__ import annotations

APPOINTMENT_ICS = "/calendar/appointments/{appointment_id:int}.ics"
PLANNING_ICS = "/calendar/cases/{case_id:int}/planning.ics"
FILE = "/files/{file_id:int}"


def appointment_ics_path(appointment_id: int) -> str:
    return f"/calendar/appointments/{appointment_id}.ics"


def planning_ics_path(case_id: int) -> str:
    return f"/calendar/cases/{case_id}/planning.ics"
