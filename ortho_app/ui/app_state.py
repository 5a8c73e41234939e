"""The one guard, on the Reflex side, and the base of every state.

Every event reaches `GuardMiddleware.preprocess` before its handler: it lets Reflex's own
internal events through, refuses `setvar` and unvalidated `set_*` calls, and checks that the
caller holds a live server-side session (httpOnly cookie, never the client token or client
storage) with a role the handler's state class admits (`_access`). It then checks the
arguments against the handler's signature (`arguments_model`: each of the hinted type,
strictly — an `int` within 32 bits —, none missing, none unknown); a client sends anything,
so a wrong type is refused here rather than raised inside the handler. Handlers then check
the exact record through `ortho_app.core.authz` (`authorize_patient`, `authorize_institution`,
…) and validate the values (ranges, forms) with `validate`; `guarded` hands them the caller
and turns a `Refused` into a toast. Refusals are audited and return nothing but a redirect or
a toast.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import logging
import typing
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, create_model
from reflex.middleware import Middleware
from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from ortho_app.core import audit, urls
from ortho_app.core.authz import (
    MAX_ID,
    Access,
    InvalidArguments,
    Refused,
    cookie_value,
    principal_from_cookie_header,
    validate,
    workspace_for,
)
from ortho_app.core.security.sessions import Principal

if TYPE_CHECKING:
    from reflex.app import App

log = logging.getLogger(__name__)


# Reflex's own plumbing events, let through for every client.
INTERNAL_HANDLERS = frozenset({
    "hydrate", "hydrate_and_load", "on_load_internal", "update_vars_internal",
    "handle_frontend_exception", "set_is_hydrated",
})
HYDRATE_HANDLERS = frozenset({"hydrate", "hydrate_and_load"})

_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("principal",
                                                                            default=None)



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



def _handler_of(event_name: str):
    """(state class, short name, handler function) of a registered event name."""
    short = event_name.rsplit(".", 1)[-1]
    registered = RegistrationContext.ensure_context().event_handlers.get(event_name)
    if registered is None:
        return None, short, None
    state_cls = registered.states[0] if registered.states else None
    return state_cls, short, registered.handler.fn


# An `int` argument: ids, pages, indexes, steps — all within PostgreSQL's `integer`.
HandlerInt = Annotated[int, Field(strict=True, ge=-MAX_ID - 1, le=MAX_ID)]
_ARGUMENTS = ConfigDict(strict=True, extra="forbid", arbitrary_types_allowed=True)


@functools.cache
def arguments_model(fn) -> type[BaseModel] | None:
    """The arguments a client may send to handler `fn`, from its signature and type hints
    (unhinted: anything); None when it takes *args or **kwargs."""
    parameters = list(inspect.signature(fn).parameters.values())[1:]  # after self
    hints = _type_hints(fn, [p.name for p in parameters])
    fields: dict[str, Any] = {}
    for parameter in parameters:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            return None
        hint = hints.get(parameter.name, Any)
        fields[parameter.name] = (HandlerInt if hint is int else hint,
                                  ... if parameter.default is parameter.empty
                                  else parameter.default)
    return create_model(f"ArgumentsOf{fn.__name__}", __config__=_ARGUMENTS, **fields)


def _type_hints(fn, names: list[str]) -> dict[str, Any]:
    """The hints of these parameters (one that cannot be resolved counts as unhinted)."""
    try:
        return typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 - e.g. a name imported only for type checkers
        namespace = getattr(inspect.unwrap(fn), "__globals__", {})
        hints = {}
        for name in names:
            annotation = fn.__annotations__.get(name, Any)
            try:
                hints[name] = (eval(annotation, namespace)  # noqa: S307 - our own source
                               if isinstance(annotation, str) else annotation)
            except Exception:  # noqa: BLE001
                hints[name] = Any
        return hints


def check_arguments(fn, payload: Any) -> None:
    """Refuse (InvalidArguments) a payload that does not fit handler `fn`'s signature."""
    model = arguments_model(fn) if fn is not None else None
    if model is not None:
        validate(model, payload if isinstance(payload, dict) else {})


def access_of(state_cls) -> Access | None:
    return getattr(state_cls, "_access", None) if state_cls is not None else None


def _is_reflex_internal(state_cls) -> bool:
    return state_cls is not None and state_cls.__module__.startswith(("reflex.", "reflex_"))


class GuardMiddleware(Middleware):
    """Authentication and role for every event, before any handler runs."""

    async def preprocess(self, app: App, state: rx.State, event: Event) -> StateUpdate | None:
        _current.set(None)
        state_cls, handler, fn = _handler_of(event.name)
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
        actor = principal.actor if principal else "anonymous"
        if reason is None:
            try:
                check_arguments(fn, event.payload)
            except InvalidArguments as exc:
                audit.record_now(actor=actor, action="event.refused", target=event.name[-200:],
                                 outcome="refused", detail=f"invalid arguments: {exc}"[:1000])
                return StateUpdate(events=Event.from_event_type([refused_toast(exc)]),
                                   final=True)
            _current.set(principal)
            return None
        audit.record_now(actor=actor, action="event.refused", target=event.name[-200:],
                         outcome="refused", detail=reason)
        login = access.login_route if access else urls.STAFF_LOGIN
        target = workspace_for(principal) if principal else login
        return StateUpdate(events=Event.from_event_type([rx.redirect(target)]), final=True)



def refused_toast(exc: Refused):
    return rx.toast.error(str(exc), duration=6000)


class AppState(rx.State):
    """Root of our states. Holds nothing a client may see; `_owner` is server-only.

    Default deny: a state that does not name its `_access` admits nobody.
    """

    _access: ClassVar[Access] = Access()
    _owner: str = ""

    async def _reset_workspaces(self) -> None:
        """Empty every state of ours loaded for this browser tab (new principal)."""
        pending = list(type(self).get_substates())
        while pending:
            cls = pending.pop()
            pending.extend(cls.get_substates())
            substate = await self.get_state(cls)
            substate.reset()


def guarded(fn):
    """Run a handler with the caller's principal as second argument; Refused → toast.

    The middleware already checked session and role; this hands the handler the principal
    for record checks (`authorize_patient`, …) and turns refusals into a message.
    """
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())
    del params[1]

    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            try:
                return await fn(self, current_principal(self), *args, **kwargs)
            except Refused as exc:
                return refused_toast(exc)
    else:
        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            try:
                return fn(self, current_principal(self), *args, **kwargs)
            except Refused as exc:
                return refused_toast(exc)

    wrapper.__signature__ = signature.replace(parameters=params)
    return wrapper



async def _forget_other_principal(state: rx.State) -> None:
    """A browser tab that changes hands (logout, other user) starts from empty states."""
    principal = principal_from_cookie_header(_cookie_header_of(state))
    owner = f"{principal.kind}:{principal.session_id}" if principal else ""
    app_state = await state.get_state(AppState)
    if app_state._owner != owner:
        await app_state._reset_workspaces()
        app_state._owner = owner
