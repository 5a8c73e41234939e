"""The base of every state in ortho_app, and the `guarded` handler wrapper."""

from __future__ import annotations

import functools
import inspect
from typing import ClassVar

import reflex as rx

from ortho_app.core.guard import Access, Refused, current_principal, refused_toast


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
