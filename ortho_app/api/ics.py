"""The two iCalendar routes, each behind the session cookie and the record's own check
(401 without a session; a refusal looks like a missing record: 404, audited):

- `GET /calendar/appointments/{id}.ics`: "Ajouter à mon agenda" in the patient app. Only a
  patient session that shows the appointment's patient may have it, and only when the practice
  offers the appointments module. A download is remembered, so the app can say it was added.
- `GET /calendar/cases/{case_id}/planning.ics`: the scheduled virtual planning session of a
  lab case, through `authorize_case`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ortho_app.api.files import NO_STORE, content_disposition
from ortho_app.core import audit, urls
from ortho_app.core.authz import (
    Refused,
    authorize_patient,
    principal_from_cookie_header,
    record_id,
)
from ortho_app.core.db import db_session
from ortho_app.core.settings import get_settings
from ortho_app.models import Institution, Patient, SessionKind
from ortho_app.models._base import utcnow
from ortho_app.models.appointments import Appointment
from ortho_app.services.appointments import appointments
from ortho_app.services.appointments.ics import ICS_MEDIA_TYPE, ics_filename, to_ics
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.access import authorize_case
from ortho_app.services.lab_cases.pipeline import CaseStatus
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patients.names import full_name

APPOINTMENT_ACTION = "appointment.calendar"
PLANNING_ACTION = "lab_case.ics"
SIGN_IN_FIRST = (401, "Please sign in", "")
NOT_FOUND = (404, "Not found", "")


def _appointment_ics(cookie_header: str | None, appointment_id: int) -> tuple[int, str, str]:
    """(status, body, file name) — blocking, runs in a worker thread."""
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return SIGN_IN_FIRST
    with db_session() as session:
        try:
            row = session.get(Appointment, record_id(appointment_id, "appointment"))
            if row is None or principal.kind != SessionKind.PATIENT:
                raise Refused("not a patient's appointment")
            patient = authorize_patient(session, principal, row.patient_id,
                                        action=APPOINTMENT_ACTION)
            patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
        except Refused as exc:
            session.rollback()
            audit.record_now(actor=principal.actor, action=APPOINTMENT_ACTION, outcome="refused",
                             target=f"appointment:{appointment_id}", detail=str(exc))
            return NOT_FOUND
        practice = session.get(Institution, row.institution_id)
        ics = appointments.ics_for(row, practice, now=utcnow())
        appointments.record_calendar_addition(session, row.id, principal.phone or "")
        session.commit()
    return 200, ics.content, ics.filename


def _planning_ics(cookie_header: str | None, case_id: int) -> tuple[int, str, str]:
    """(status, body, file name) — blocking, runs in a worker thread."""
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return SIGN_IN_FIRST
    with db_session() as session:
        try:
            case = authorize_case(session, principal, case_id, action=PLANNING_ACTION)
        except Refused:
            return NOT_FOUND
        booked = planning.session_of(session, case.id)
        if booked is None or case.status != CaseStatus.PLANNING_SCHEDULED:
            return NOT_FOUND
        patient = session.get(Patient, case.patient_id)
        lab = session.get(Institution, case.lab_id)
        url = get_settings().public_url.rstrip("/") + urls.build(urls.CLINIC_CASE, case_id=case.id)
        event = planning.planning_event(
            case, booked, patient_name=full_name(patient),
            lab_name=lab.name if lab else "", case_url=url)
        session.commit()
    body = to_ics([event], calendar_name="Virtual planning session", now=datetime.now(UTC),
                  reminder_minutes=60)
    return 200, body, ics_filename("virtual planning session", event.start)


def _answer(build, request: Request, param: str):
    async def answer() -> Response:
        status, body, name = await run_in_threadpool(
            build, request.headers.get("cookie"), request.path_params[param])
        if status != 200:
            return PlainTextResponse(body, status_code=status, headers=NO_STORE)
        content = body.encode("utf-8") if isinstance(body, str) else body
        return Response(content, media_type=ICS_MEDIA_TYPE,
                        headers={**NO_STORE, "Content-Disposition": content_disposition(name)})
    return answer()


async def appointment_ics(request: Request) -> Response:
    return await _answer(_appointment_ics, request, "appointment_id")


async def planning_ics(request: Request) -> Response:
    return await _answer(_planning_ics, request, "case_id")


routes = [Route(urls.APPOINTMENT_ICS, appointment_ics, methods=["GET"]),
          Route(urls.PLANNING_ICS, planning_ics, methods=["GET"])]
