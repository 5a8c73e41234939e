"""The one authorization guard.

Every event reaches `GuardMiddleware.preprocess` before its handler: it lets Reflex's own
internal events through, refuses `setvar` and unvalidated `set_*` calls, and checks that the
caller holds a live server-side session (httpOnly cookie, never the client token or client
storage) with a role the handler's state class admits (`_access`). Handlers then check the
exact record through `authorize_patient` / `authorize_institution` and validate arguments
with `validate`. HTTP routes use `principal_from_cookie_header` and the same record checks.
Refusals are audited and return nothing but a redirect or a toast.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any, TypeVar

import reflex as rx
from pydantic import BaseModel, ValidationError
from reflex.middleware import Middleware
from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext
from sqlmodel import Session, select

from ortho_app.core import audit
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import COOKIE_NAME, Principal, resolve
from ortho_app.models import LabService, Patient, PatientClinician, Role, SessionKind

if TYPE_CHECKING:
    from reflex.app import App

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

# Reflex's own plumbing events, let through for every client.
INTERNAL_HANDLERS = frozenset({
    "hydrate", "hydrate_and_load", "on_load_internal", "update_vars_internal",
    "handle_frontend_exception", "set_is_hydrated",
})
HYDRATE_HANDLERS = frozenset({"hydrate", "hydrate_and_load"})

_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("principal",
                                                                            default=None)


class Refused(Exception):
    """The caller may not do this. The message is safe to show."""


class InvalidArguments(Refused):
    """The arguments do not validate (a form's fields, a handler's parameters)."""


@dataclass(frozen=True)
class Access:
    """Who may call the handlers of a state class."""

    public: bool = False
    roles: frozenset[Role] = frozenset()
    patient: bool = False
    login_route: str = "/login"

    def admits(self, principal: Principal) -> bool:
        if self.public:
            return True
        if principal.kind == SessionKind.PATIENT:
            return self.patient
        return principal.role in self.roles


PUBLIC = Access(public=True)
CLINIC = Access(roles=frozenset({Role.CLINICIAN, Role.ASSISTANT}))
LAB = Access(roles=frozenset({Role.LAB_COORDINATOR}))
ADMIN = Access(roles=frozenset({Role.PRACTICE_ADMIN}))
PATIENT = Access(patient=True, login_route="/patient/login")
WORKSPACE_OF_ROLE = {
    Role.CLINICIAN: "/clinic", Role.ASSISTANT: "/clinic",
    Role.LAB_COORDINATOR: "/lab", Role.PRACTICE_ADMIN: "/admin",
}


def workspace_for(principal: Principal) -> str:
    if principal.kind == SessionKind.PATIENT:
        return "/patient"
    return WORKSPACE_OF_ROLE.get(principal.role, "/login")


def cookie_value(cookie_header: str | None, name: str = COOKIE_NAME) -> str | None:
    if not cookie_header:
        return None
    jar = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # noqa: BLE001 - a malformed header is just "no cookie"
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def principal_from_cookie_header(cookie_header: str | None) -> Principal | None:
    secret = cookie_value(cookie_header)
    if not secret:
        return None
    with db_session() as session:
        return resolve(session, secret)


# The websocket handshake's Cookie header, per socket, kept on the server only: Reflex would
# otherwise copy it into `router.headers`, a var sent to the browser (defeating httpOnly).
_CONNECTION_COOKIES: dict[str, str] = {}


def install_cookie_scrubber() -> None:
    """Take the Cookie header out of the router data Reflex builds for each socket."""
    from reflex.app import EventNamespace

    if getattr(EventNamespace, "_ortho_scrubbed", False):
        return
    build, disconnect = EventNamespace._build_static_router_data, EventNamespace.on_disconnect

    def scrubbed_build(self, sid: str, environ: dict) -> dict[str, Any]:
        data = build(self, sid, environ)
        cookie = data["headers"].pop("cookie", None)
        if cookie:
            _CONNECTION_COOKIES[sid] = cookie
        return data

    def forgetting_disconnect(self, sid: str):
        _CONNECTION_COOKIES.pop(sid, None)
        return disconnect(self, sid)

    EventNamespace._build_static_router_data = scrubbed_build
    EventNamespace.on_disconnect = forgetting_disconnect
    EventNamespace._ortho_scrubbed = True


def _cookie_header_of(state: rx.State) -> str | None:
    sid = state.router_data.get("sid") if state.router_data else None
    return _CONNECTION_COOKIES.get(sid) if sid else None


def request_cookie(state: rx.State, name: str) -> str | None:
    """A cookie of the browser tab calling this handler (read server-side only)."""
    return cookie_value(_cookie_header_of(state), name)


def current_principal(state: rx.State) -> Principal:
    """The caller of the running handler (set by the middleware); raises Refused if none."""
    principal = _current.get()
    if principal is None:
        principal = principal_from_cookie_header(_cookie_header_of(state))
    if principal is None:
        raise Refused("Please sign in")
    return principal


def _patient_visible(session: Session, principal: Principal, patient: Patient) -> bool:
    if principal.kind == SessionKind.PATIENT:
        return patient.id in principal.patient_ids
    if principal.role in (Role.CLINICIAN, Role.ASSISTANT, Role.PRACTICE_ADMIN):
        if patient.institution_id != principal.institution_id:
            return False
        if principal.role == Role.CLINICIAN and not principal.sees_all_patients:
            return session.exec(select(PatientClinician.id).where(
                PatientClinician.patient_id == patient.id,
                PatientClinician.user_id == principal.user_id)).first() is not None
        return True
    if principal.role == Role.LAB_COORDINATOR:
        return lab_serves(session, principal.institution_id, patient.institution_id)
    return False


def lab_serves(session: Session, lab_id: int | None, practice_id: int | None) -> bool:
    return session.exec(select(LabService.id).where(
        LabService.lab_id == lab_id, LabService.practice_id == practice_id)).first() is not None


def authorize_patient(session: Session, principal: Principal, patient_id: Any,
                      *, action: str) -> Patient:
    """The patient record if this caller may see it; otherwise audited refusal."""
    pid = validate(PatientRef, {"patient_id": patient_id}).patient_id
    patient = session.get(Patient, pid)
    if patient is None or not _patient_visible(session, principal, patient):
        audit.record_now(actor=principal.actor, action=action, target=f"patient:{pid}",
                         outcome="refused", detail="record not visible to caller")
        raise Refused("This record is not available")
    audit.record(session, actor=principal.actor, action=action, target=f"patient:{pid}",
                 patient_id=pid)
    return patient


def authorize_institution(principal: Principal, institution_id: Any, *, action: str) -> int:
    """Staff may act only inside their own institution."""
    iid = validate(InstitutionRef, {"institution_id": institution_id}).institution_id
    if principal.kind != SessionKind.STAFF or principal.institution_id != iid:
        audit.record_now(actor=principal.actor, action=action, target=f"institution:{iid}",
                         outcome="refused", detail="other institution")
        raise Refused("This record is not available")
    return iid


class PatientRef(BaseModel):
    model_config = {"strict": True}
    patient_id: int


class InstitutionRef(BaseModel):
    model_config = {"strict": True}
    institution_id: int


def validate(model: type[M], data: Any) -> M:
    """Arguments → pydantic model, or Refused with a readable message."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "input"
        raise InvalidArguments(f"Invalid {field}: {first.get('msg', 'invalid value')}") from None


def _handler_state(event_name: str):
    registered = RegistrationContext.ensure_context().event_handlers.get(event_name)
    if registered is None:
        return None, event_name.rsplit(".", 1)[-1]
    state_cls = registered.states[0] if registered.states else None
    return state_cls, event_name.rsplit(".", 1)[-1]


def access_of(state_cls) -> Access | None:
    return getattr(state_cls, "_access", None) if state_cls is not None else None


def _is_reflex_internal(state_cls) -> bool:
    return state_cls is not None and state_cls.__module__.startswith(("reflex.", "reflex_"))


class GuardMiddleware(Middleware):
    """Authentication and role for every event, before any handler runs."""

    async def preprocess(self, app: App, state: rx.State, event: Event) -> StateUpdate | None:
        _current.set(None)
        state_cls, handler = _handler_state(event.name)
        if _is_reflex_internal(state_cls) and handler in INTERNAL_HANDLERS:
            if handler in HYDRATE_HANDLERS:
                await _forget_other_principal(state)
            return None
        access = access_of(state_cls)
        principal = principal_from_cookie_header(_cookie_header_of(state))
        reason = None
        if access is None:
            reason = "handler has no access rule"
        elif handler == "setvar" or (handler.startswith("set_")
                                     and not getattr(state_cls, "_validated_setters", False)):
            reason = "generic setters are not callable"
        elif not access.public and principal is None:
            reason = "no session"
        elif not access.public and not access.admits(principal):
            reason = "wrong role"
        if reason is None:
            _current.set(principal)
            return None
        audit.record_now(actor=principal.actor if principal else "anonymous",
                         action="event.refused", target=event.name[-200:],
                         outcome="refused", detail=reason)
        login = access.login_route if access else "/login"
        target = workspace_for(principal) if principal else login
        return StateUpdate(events=Event.from_event_type([rx.redirect(target)]), final=True)


async def _forget_other_principal(state: rx.State) -> None:
    """A browser tab that changes hands (logout, other user) starts from empty states."""
    from ortho_app.ui.app_state import AppState

    principal = principal_from_cookie_header(_cookie_header_of(state))
    owner = f"{principal.kind}:{principal.session_id}" if principal else ""
    app_state = await state.get_state(AppState)
    if app_state._owner != owner:
        await app_state._reset_workspaces()
        app_state._owner = owner


def refused_toast(exc: Refused):
    return rx.toast.error(str(exc), duration=6000)

