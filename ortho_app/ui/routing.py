"""Reading the page's dynamic route arguments (`[patient_id]`, `[case_id]`, …) in a handler."""

from __future__ import annotations

import reflex as rx


def route_arg(state: rx.State, name: str) -> str:
    """A dynamic route argument (`[patient_id]`, `[scan_id]`) of the page the event came from.

    Reflex 0.10 installs one computed var per route argument on the root state; the page
    states here keep a var of the same name (the validated id), so read it from the root.
    """
    value = getattr(state._get_root_state(), name, "")
    return value if isinstance(value, str) else ""
