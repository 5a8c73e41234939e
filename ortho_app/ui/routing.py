"""Page routes with arguments (`[patient_id]`, `[case_id]`, …): building a link to one
(`link_to`) and reading the arguments of the current page in a handler."""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel, Field, create_model

from ortho_app.core import urls
from ortho_app.core.authz import validate


def _segment(value: Any) -> Any:
    if isinstance(value, rx.vars.StringVar):
        return value
    if isinstance(value, rx.Var):
        return value.to_string()
    return str(value)


def link_to(route: str, **args: Any) -> Any:
    """`route` (a page route of a workspace's `routes.py`) with its `[name]` segments filled:
    `link_to(routes.PATIENT_MODELS, patient_id=3)` → `"/clinic/patients/3/models"`.

    A Reflex Var argument (a page linking from its state) gives a string Var built by
    concatenation (`"/clinic/patients/" + patient_id.to_string() + "/models"`); plain values
    give a str. A missing or an unexpected argument raises `TypeError`.
    """
    return urls.fill(route, args, _segment)


def route_arg(state: rx.State, name: str) -> str:
    """A dynamic route argument (`[patient_id]`, `[scan_id]`) of the page the event came from.

    Reflex 0.10 installs one computed var per route argument on the root state; the page
    states here keep a var of the same name (the validated id), so read it from the root.
    """
    value = getattr(state._get_root_state(), name, "")
    return value if isinstance(value, str) else ""


_ROUTE_IDS: dict[str, type[BaseModel]] = {}


def route_id(state: rx.State, name: str) -> int:
    """The record id in the page's route argument `name` (`patient_id`, `case_id`, …),
    validated: `InvalidArguments` (a `Refused`) unless it is a whole number in range."""
    if name not in _ROUTE_IDS:
        _ROUTE_IDS[name] = create_model(f"Route_{name}",
                                        **{name: (int, Field(ge=1, le=2**31 - 1))})
    return getattr(validate(_ROUTE_IDS[name], {name: route_arg(state, name)}), name)
