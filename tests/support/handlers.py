"""Every event handler the app registers (ours and Reflex's public ones), with the state
class and access rule the guard applies to it; Reflex's internal plumbing events left out."""

from __future__ import annotations

from typing import Any, NamedTuple


class Handler(NamedTuple):
    name: str  # the full event name a client sends
    state: Any  # the state class (None for a module-level event)
    access: Any  # its `_access` (None: the guard admits nobody)
    fn: Any  # the handler function (its signature names the arguments a client sends)


def registry() -> list[Handler]:
    from reflex_base.registry import RegistrationContext

    import ortho_app.ortho_app  # noqa: F401 - registers every state and page
    from ortho_app.ui.app_state import INTERNAL_HANDLERS, access_of

    handlers = []
    for name, registered in RegistrationContext.ensure_context().event_handlers.items():
        state = registered.states[0] if registered.states else None
        module = state.__module__ if state else registered.handler.fn.__module__
        short = name.rsplit(".", 1)[-1]
        if module.startswith(("reflex.", "reflex_")) and short in INTERNAL_HANDLERS:
            continue
        handlers.append(Handler(name, state, access_of(state), registered.handler.fn))
    return handlers
