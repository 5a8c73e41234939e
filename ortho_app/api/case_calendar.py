"""`GET /calendar/cases/{case_id}/planning.ics`: the scheduled virtual planning session of a
lab case as an iCalendar file. The caller comes from the session cookie (401 without one) and
the case through `authorize_case` (a refusal looks like a missing case: 404, audited)."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ortho_app.api.files import NO_STORE, content_disposition
from ortho_app.core.db import db_session
from ortho_app.core.guard import Refused, principal_from_cookie_header
from ortho_app.core.settings import get_settings
from ortho_app.models import Institution, Patient
from ortho_app.services.calendar_export import ICS_MEDIA_TYPE, ics_filename, to_ics
from ortho_app.services.case_pipeline import CaseStatus
from ortho_app.services.lab_cases import planning
from ortho_app.services.lab_cases.access import authorize_case

ACTION = "lab_case.ics"


def _planning_ics(cookie_header: str | None, case_id: int) -> tuple[int, str, str]:
    """(status, body, file name) — blocking, runs in a worker thread."""
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return 401, "Sign in first", ""
    with db_session() as session:
        try:
            case = authorize_case(session, principal, case_id, action=ACTION)
        except Refused:
            return 404, "Not found", ""
        booked = planning.session_of(session, case.id)
        if booked is None or case.status != CaseStatus.PLANNING_SCHEDULED:
            return 404, "Not found", ""
        patient = session.get(Patient, case.patient_id)
        lab = session.get(Institution, case.lab_id)
        url = f"{get_settings().public_url.rstrip('/')}/clinic/cases/{case.id}"
        event = planning.planning_event(
            case, booked, patient_name=f"{patient.first_name} {patient.last_name}",
            lab_name=lab.name if lab else "", case_url=url)
        session.commit()
    body = to_ics([event], calendar_name="Virtual planning session", now=datetime.now(UTC),
                  reminder_minutes=60)
    return 200, body, ics_filename("virtual planning session", event.start)


async def planning_ics(request: Request) -> Response:
    status, body, name = await run_in_threadpool(
        _planning_ics, request.headers.get("cookie"), request.path_params["case_id"])
    if status != 200:
        return PlainTextResponse(body, status_code=status, headers=NO_STORE)
    return Response(body.encode("utf-8"), media_type=ICS_MEDIA_TYPE,
                    headers={**NO_STORE, "Content-Disposition": content_disposition(name)})


routes: list[Route] = [
    Route("/calendar/cases/{case_id:int}/planning.ics", planning_ics, methods=["GET"]),
]
