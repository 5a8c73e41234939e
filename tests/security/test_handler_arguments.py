"""Every handler validates its arguments (SECURITY.md: every handler is a public endpoint).

Called over the real websocket by a caller its state admits, each of our handlers (the
generic setters aside: always refused) gets, for each of its arguments, values of the wrong
type — and once an argument it does not take: the answer is a validation refusal (a toast
naming the argument), never a backend exception. Then values of the right type at their
edges (ids no row has, zero, 32-bit limits, empty and huge texts, empty forms and file lists):
whatever the handler answers, it is not a backend exception, and the server logs none.
"""

from __future__ import annotations

import asyncio
import inspect
import typing
from typing import Any

import pytest

from ortho_app.models import Role
from tests.support import signin
from tests.support.handlers import registry
from tests.support.ws import ReflexClient, events_sent

pytestmark = pytest.mark.e2e

BACKEND_ERROR = "backend_error"  # the id of Reflex's "An error occurred." toast
LOGGED_ERROR = "[Reflex Backend Exception]"


def _kind(hint: Any) -> str:
    if hint in (int, str, bool, dict):
        return hint.__name__
    if typing.get_origin(hint) is list:
        return "files"
    return "any"


WRONG = {  # values a client may send that are not of the argument's type
    "int": ["1", 1.5, True, None, [1], {}, 2**70],
    "str": [5, True, None, [], {}],
    "bool": ["true", 1, None, []],
    "dict": ["x", [], 5, None],
    "files": ["x", [{"name": "a.png"}], {}, None],
}
EDGES = {  # values of the right type at their edges
    "int": [0, -1, 2**31 - 1, -(2**31)],
    "str": ["", "x" * 5000, "-1", "\u0000"],
    "bool": [True, False],
    "dict": [{}, {"a": {"b": [1]}}, {"form": "x"}],
    "files": [[]],
}
NEUTRAL = {"int": -1, "str": "", "bool": False, "dict": {}, "files": [], "any": None}


def _arguments(fn) -> dict[str, str]:
    """The handler's arguments a client sends, each with the kind of its type hint."""
    parameters = list(inspect.signature(fn).parameters.values())[1:]
    hints = typing.get_type_hints(fn)
    return {p.name: _kind(hints.get(p.name, Any)) for p in parameters}


def _role(access) -> str | None:
    if access is None or access.public:
        return "none" if access else None
    if access.patient:
        return "patient"
    for role, cookie in ((Role.CLINICIAN, "clinician"), (Role.LAB_COORDINATOR, "coordinator"),
                         (Role.PRACTICE_ADMIN, "admin")):
        if role in access.roles:
            return cookie
    return None  # admits nobody


def _ours():
    out = []
    for handler in registry():
        short = handler.name.rsplit(".", 1)[-1]
        if handler.state is None or not handler.state.__module__.startswith("ortho_app"):
            continue
        if short == "setvar" or short.startswith("set_") or _role(handler.access) is None:
            continue
        out.append(handler)
    return out


HANDLERS = _ours()


def test_every_kind_of_argument_is_covered():
    kinds = {k for h in HANDLERS for k in _arguments(h.fn).values()}
    assert kinds <= set(WRONG) | {"any"}, kinds
    assert len([h for h in HANDLERS if _arguments(h.fn)]) >= 60


@pytest.fixture(scope="module")
def cookies(app_server):
    return {
        "none": None,
        "clinician": signin.staff_cookie(app_server, "manager@demo.clinic"),
        "coordinator": signin.staff_cookie(app_server, "coordinator@demo.lab"),
        "admin": signin.staff_cookie(app_server, "admin@demo.clinic"),
        "patient": signin.patient_cookie(app_server, **signin.THOMAS),
    }


async def _each_handler(app_server, cookies, calls_of) -> list[tuple[str, dict, Any]]:
    """Send each handler's calls on one socket of its caller; every (name, payload, updates)."""
    sockets = asyncio.Semaphore(6)
    answers = []

    async def run(handler):
        async with sockets, ReflexClient(app_server.url,
                                         cookie=cookies[_role(handler.access)]) as client:
            for payload in calls_of(handler):
                answers.append((handler.name, payload, await client.emit(handler.name, payload,
                                                                         wait=5)))

    await asyncio.gather(*(run(h) for h in HANDLERS))
    return answers


def _wrong_calls(handler) -> list[dict]:
    arguments = _arguments(handler.fn)
    good = {name: NEUTRAL[kind] for name, kind in arguments.items()}
    calls = [{**good, "unexpected": 1}]
    for name, kind in arguments.items():
        calls += [{**good, name: bad} for bad in WRONG.get(kind, [])]
    return calls


def _edge_calls(handler) -> list[dict]:
    arguments = _arguments(handler.fn)
    neutral = {name: NEUTRAL[kind] for name, kind in arguments.items()}
    calls = [neutral]
    for name, kind in arguments.items():
        calls += [{**neutral, name: value} for value in EDGES.get(kind, [])]
    return calls


def _shown(name: str, payload: dict) -> tuple:
    return name.rsplit(".", 2)[-2:], {k: repr(v)[:30] for k, v in payload.items()}


def _logged_errors(app_server) -> int:
    return app_server.log_path.read_text(errors="replace").count(LOGGED_ERROR)


async def test_wrong_types_get_a_validation_refusal(app_server, cookies):
    before = _logged_errors(app_server)
    answers = await _each_handler(app_server, cookies, _wrong_calls)
    failures = [_shown(name, payload) for name, payload, updates in answers
                if BACKEND_ERROR in repr(updates)
                or "Invalid" not in repr(events_sent(updates))]
    assert not failures, f"{len(failures)} of {len(answers)}: {failures[:20]}"
    assert _logged_errors(app_server) == before


async def test_right_types_at_their_edges_never_raise(app_server, cookies):
    before = _logged_errors(app_server)
    answers = await _each_handler(app_server, cookies, _edge_calls)
    failures = [_shown(name, payload) for name, payload, updates in answers
                if BACKEND_ERROR in repr(updates)]
    assert not failures, f"{len(failures)} of {len(answers)}: {failures[:20]}"
    assert _logged_errors(app_server) == before
