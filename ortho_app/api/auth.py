"""Sign-in and sign-out over HTTP: the only place the session cookie is set or cleared.

Forms post here natively; each route answers with a redirect (303), so sign-in ends with a
page load and the websocket reconnects carrying the new httpOnly cookie.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from urllib.parse import urlsplit

from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ortho_app.core import audit, outbox, urls
from ortho_app.core.authz import (
    WORKSPACE_OF_ROLE,
    cookie_value,
    principal_from_cookie_header,
    workspace_for,
)
from ortho_app.core.db import db_session
from ortho_app.core.security import otp
from ortho_app.core.security.passwords import verify_password
from ortho_app.core.security.sessions import COOKIE_NAME, LOGIN_COOKIE, open_session, revoke
from ortho_app.core.settings import get_settings
from ortho_app.models import (
    AuditEvent,
    AuthSession,
    CodePurpose,
    Membership,
    Patient,
    SessionKind,
    StaffUser,
)
from ortho_app.models._base import utcnow
from ortho_app.services.patient_app.activation import ActivationError, use_activation_link
from ortho_app.services.patient_app.login import (
    NoSingleMatch,
    identify,
    parse_birth,
    patients_reachable_by,
)

MIN_IDENTIFY_SECONDS = 0.6  # same timing whatever was wrong in the entries
STAFF_FAILURES_PER_15_MIN = 10


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    allowed = urlsplit(get_settings().public_url).netloc
    return urlsplit(origin).netloc in {allowed, request.headers.get("host", "")}


def _redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _set_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax",
                        secure=get_settings().cookie_secure, path="/")


def _start_session(request: Request, response: Response, session: Session, **kwargs) -> None:
    secret = open_session(session, previous_secret=cookie_value(request.headers.get("cookie")),
                          ip=_client_ip(request), **kwargs)
    _set_cookie(response, COOKIE_NAME, secret, get_settings().session_absolute_hours * 3600)


async def staff_login(request: Request) -> Response:
    if not _same_origin(request):
        return Response("Forbidden", status_code=403)
    form = await request.form()
    email = str(form.get("email", "")).strip().lower()[:254]
    password = str(form.get("password", ""))[:2048]
    ip = _client_ip(request)
    with db_session() as session:
        recent_failures = session.exec(select(AuditEvent.id).where(
            AuditEvent.action == "staff.login", AuditEvent.outcome == "refused",
            AuditEvent.detail == f"ip={ip}",
            AuditEvent.at >= utcnow() - timedelta(minutes=15))).all()
        if len(recent_failures) >= STAFF_FAILURES_PER_15_MIN:
            return _redirect(urls.STAFF_LOGIN + "?error=throttled")
        user = session.exec(select(StaffUser).where(StaffUser.email == email)).first()
        ok = verify_password(password, user.password_hash if user else None)
        membership = None
        if ok and user and user.is_active:
            membership = session.exec(select(Membership).where(
                Membership.user_id == user.id)).first()
        if membership is None:
            audit.record(session, actor="anonymous", action="staff.login", outcome="refused",
                         detail=f"ip={ip}")
            session.commit()
            return _redirect(urls.STAFF_LOGIN + "?error=invalid")
        response = _redirect(WORKSPACE_OF_ROLE[membership.role])
        _start_session(request, response, session, kind=SessionKind.STAFF, user_id=user.id,
                       institution_id=membership.institution_id)
        audit.record(session, actor=f"staff:{user.id}", action="staff.login")
        session.commit()
        return response


def _send_login_code(session: Session, phone: str, code: str, institution_id: int) -> None:
    outbox.enqueue_sms(session, to=phone, institution_id=institution_id,
                       body=f"ortho_app : votre code de connexion est {code}. "
                            "Il expire dans 10 minutes.")


async def patient_start(request: Request) -> Response:
    if not _same_origin(request):
        return Response("Forbidden", status_code=403)
    started = time.monotonic()
    form = await request.form()
    fields = {k: str(form.get(k, ""))[:200] for k in ("phone", "last_name", "first_name",
                                                       "birth")}
    response: Response
    with db_session() as session:
        try:
            found = identify(session, phone_raw=fields["phone"], last_name=fields["last_name"],
                             first_name=fields["first_name"], birth=parse_birth(fields["birth"]))
            issued = otp.issue(session, purpose=CodePurpose.LOGIN, phone=found.phone,
                               patient_id=found.patient.id, ip=_client_ip(request))
            _send_login_code(session, found.phone, issued.code, found.patient.institution_id)
            audit.record(session, actor="anonymous", action="patient.login.code_sent",
                         patient_id=found.patient.id)
            session.commit()
            response = _redirect(urls.PATIENT_LOGIN_CODE)
            _set_cookie(response, LOGIN_COOKIE, issued.attempt_secret,
                        int(otp.CODE_TTL.total_seconds()))
        except NoSingleMatch:
            session.rollback()
            response = _redirect(urls.PATIENT_LOGIN + "?error=check")
        except otp.CodeError:
            session.rollback()
            response = _redirect(urls.PATIENT_LOGIN + "?error=throttled")
    outbox.request_delivery()
    await asyncio.sleep(max(0.0, MIN_IDENTIFY_SECONDS - (time.monotonic() - started)))
    return response


async def patient_resend(request: Request) -> Response:
    if not _same_origin(request):
        return Response("Forbidden", status_code=403)
    with db_session() as session:
        row = otp.find(session, cookie_value(request.headers.get("cookie"), LOGIN_COOKIE),
                       purpose=CodePurpose.LOGIN)
        if row is None or row.used_at is not None:
            return _redirect(urls.PATIENT_LOGIN + "?error=expired")
        try:
            code = otp.resend(session, row)
        except otp.CodeError:
            session.rollback()
            return _redirect(urls.PATIENT_LOGIN_CODE + "?error=throttled")
        patient = session.get(Patient, row.patient_id)
        _send_login_code(session, row.phone, code, patient.institution_id)
        session.commit()
    outbox.request_delivery()
    return _redirect(urls.PATIENT_LOGIN_CODE + "?resent=1")


async def patient_verify(request: Request) -> Response:
    if not _same_origin(request):
        return Response("Forbidden", status_code=403)
    form = await request.form()
    code = str(form.get("code", ""))[:20]
    with db_session() as session:
        row = otp.find(session, cookie_value(request.headers.get("cookie"), LOGIN_COOKIE),
                       purpose=CodePurpose.LOGIN)
        try:
            otp.verify(session, row, code)
        except otp.CodeError as exc:
            session.commit()  # the failed attempt counts
            target = urls.PATIENT_LOGIN + "?error=expired" if exc.reason == otp.EXPIRED else (
                f"{urls.PATIENT_LOGIN_CODE}?error={exc.reason}")
            return _redirect(target)
        linked = patients_reachable_by(session, row.phone)
        several = len(linked) > 1
        response = _redirect(urls.PATIENT_LOGIN_SELECT if several else urls.PATIENT_HOME)
        _start_session(request, response, session, kind=SessionKind.PATIENT, phone=row.phone,
                       patient_ids=[row.patient_id])
        audit.record(session, actor="anonymous", action="patient.login",
                     patient_id=row.patient_id)
        session.commit()
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response


async def patient_select(request: Request) -> Response:
    """The signed-in phone picks which of its linked patients to see."""
    if not _same_origin(request):
        return Response("Forbidden", status_code=403)
    principal = principal_from_cookie_header(request.headers.get("cookie"))
    if principal is None or principal.kind != SessionKind.PATIENT:
        return _redirect(urls.PATIENT_LOGIN)
    form = await request.form()
    wanted = {int(v) for v in form.getlist("patient_id")[:20] if str(v).isdigit()}
    with db_session() as session:
        allowed = {p.id for p in patients_reachable_by(session, principal.phone)}
        chosen = sorted(wanted & allowed)
        if not chosen:
            return _redirect(urls.PATIENT_LOGIN_SELECT + "?error=none")
        row = session.get(AuthSession, principal.session_id)
        row.patient_ids = ",".join(str(p) for p in chosen)
        session.add(row)
        audit.record(session, actor=principal.actor, action="patient.select",
                     detail=f"patients={row.patient_ids}")
        session.commit()
    return _redirect(urls.PATIENT_HOME)


LOGOUT_PAGE = """<!doctype html><meta charset="utf-8"><title>Signed out</title>
<script>try{sessionStorage.clear();localStorage.removeItem("ortho_lang_keep")}catch(e){}
location.replace(%r)</script><a href=%r>Continue</a>"""


async def logout(request: Request) -> Response:
    secret = cookie_value(request.headers.get("cookie"))
    principal = principal_from_cookie_header(request.headers.get("cookie"))
    target = (urls.PATIENT_LOGIN if principal and principal.kind == SessionKind.PATIENT
              else urls.STAFF_LOGIN)
    if secret:
        with db_session() as session:
            revoke(session, secret)
            if principal:
                audit.record(session, actor=principal.actor, action="logout")
            session.commit()
    response = HTMLResponse(LOGOUT_PAGE % (target, target))
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


async def activate(request: Request) -> Response:
    """An activation link from the e-mail: used once, then the patient signs in by SMS."""
    with db_session() as session:
        try:
            link = use_activation_link(session, request.path_params["token"])
        except ActivationError:
            return _redirect(urls.PATIENT_LOGIN + "?error=link")
        audit.record(session, actor="anonymous", action="patient.activate",
                     patient_id=link.patient_id)
        session.commit()
    return _redirect(urls.PATIENT_LOGIN + "?activated=1")


async def whoami(request: Request) -> Response:
    """Where a signed-in browser belongs (used by the login pages to skip the form)."""
    principal = principal_from_cookie_header(request.headers.get("cookie"))
    return _redirect(workspace_for(principal) if principal else urls.STAFF_LOGIN)


routes = [
    Route(urls.AUTH_LOGIN, staff_login, methods=["POST"]),
    Route(urls.AUTH_LOGOUT, logout, methods=["POST"]),
    Route(urls.AUTH_PATIENT_START, patient_start, methods=["POST"]),
    Route(urls.AUTH_PATIENT_RESEND, patient_resend, methods=["POST"]),
    Route(urls.AUTH_PATIENT_VERIFY, patient_verify, methods=["POST"]),
    Route(urls.AUTH_PATIENT_SELECT, patient_select, methods=["POST"]),
    Route(urls.AUTH_HOME, whoami, methods=["GET"]),
    Route(urls.PATIENT_ACTIVATE, activate, methods=["GET"]),
    Route(urls.ROOT, whoami, methods=["GET"]),
]
