"""`GET /calendar/appointments/{id}.ics`: "Ajouter à mon agenda" in the patient app.

Only a signed-in patient session that shows the appointment's patient may have it (401
without a session; 404 for anything else, audited), and only when the practice offers the
appointments module. A download is remembered, so the app can say it was already added.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ortho_app.api.files import NO_STORE, content_disposition
from ortho_app.core import audit
from ortho_app.core.db import db_session
from ortho_app.core.guard import Refused, authorize_patient, principal_from_cookie_header
from ortho_app.models import Institution, SessionKind
from ortho_app.models._base import utcnow
from ortho_app.models.appointments import Appointment
from ortho_app.services import appointments, patient_modules
from ortho_app.services.calendar_export import ICS_MEDIA_TYPE

ACTION = "appointment.calendar"


def ics_path(appointment_id: int) -> str:
    return f"/calendar/appointments/{appointment_id}.ics"


def _answer(cookie_header: str | None, appointment_id: int) -> Response:
    principal = principal_from_cookie_header(cookie_header)
    if principal is None:
        return PlainTextResponse("Please sign in", status_code=401, headers=NO_STORE)
    with db_session() as session:
        row = session.get(Appointment, appointment_id)
        try:
            if row is None or principal.kind != SessionKind.PATIENT:
                raise Refused("not a patient's appointment")
            patient = authorize_patient(session, principal, row.patient_id, action=ACTION)
            patient_modules.require_module(session, patient, patient_modules.Module.APPOINTMENTS)
        except Refused as exc:
            session.rollback()
            audit.record_now(actor=principal.actor, action=ACTION, outcome="refused",
                             target=f"appointment:{appointment_id}", detail=str(exc))
            return PlainTextResponse("Not found", status_code=404, headers=NO_STORE)
        practice = session.get(Institution, row.institution_id)
        ics = appointments.ics_for(row, practice, now=utcnow())
        appointments.record_calendar_addition(session, row.id, principal.phone or "")
        session.commit()
    return Response(ics.content, media_type=ICS_MEDIA_TYPE, headers={
        **NO_STORE, "Content-Disposition": content_disposition(ics.filename)})


async def appointment_ics(request: Request) -> Response:
    return await run_in_threadpool(_answer, request.headers.get("cookie"),
                                   request.path_params["appointment_id"])


routes = [Route("/calendar/appointments/{appointment_id:int}.ics", appointment_ics,
                methods=["GET"])]
