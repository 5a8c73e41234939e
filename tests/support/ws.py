"""A minimal Reflex client over the real websocket (socket.io at /_event)."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

import socketio

NAMESPACE = "/_event"


class ReflexClient:
    """Connects like a browser tab: a client-made token, optional cookies, then events."""

    def __init__(self, base_url: str, *, cookie: str | None = None, token: str | None = None):
        self.base_url = base_url
        self.cookie = cookie
        self.token = token or secrets.token_hex(16)
        self.updates: list[dict[str, Any]] = []
        self._sio = socketio.AsyncClient(reconnection=False)
        self._sio.on("event", self._on_event, namespace=NAMESPACE)
        self._got = asyncio.Event()

    async def _on_event(self, data: Any) -> None:
        self.updates.append(data if isinstance(data, dict) else {"raw": data})
        self._got.set()

    async def __aenter__(self) -> ReflexClient:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        await self._sio.connect(f"{self.base_url}?token={self.token}", headers=headers,
                                transports=["websocket"], socketio_path="/_event",
                                namespaces=[NAMESPACE], wait_timeout=10)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._sio.disconnect()

    async def emit(self, name: str, payload: dict | None = None, *, path: str = "/",
                   query: dict | None = None, wait: float = 3.0,
                   settle: float = 0.4) -> list[dict[str, Any]]:
        """Send one event and collect the updates that arrive until `final` (or `wait`)."""
        start = len(self.updates)
        self._got.clear()
        await self._sio.emit("event", {
            "name": name, "payload": payload or {},
            "router_data": {"pathname": path, "query": query or {}, "asPath": path},
        }, namespace=NAMESPACE)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while loop.time() < deadline:
            try:
                await asyncio.wait_for(self._got.wait(), timeout=0.1)
            except TimeoutError:
                continue
            self._got.clear()
            if any(u.get("final") for u in self.updates[start:]):
                break
            # Something arrived: collect what follows until the socket is quiet for a moment.
            deadline = min(deadline, loop.time() + settle)
        return self.updates[start:]


def delta_vars(updates: list[dict[str, Any]]) -> dict[str, Any]:
    """Every var sent back in these updates, as {"state.var": value}."""
    out: dict[str, Any] = {}
    for update in updates:
        for state_name, values in (update.get("delta") or {}).items():
            for var, value in (values or {}).items():
                out[f"{state_name}.{var.removesuffix('_rx_state_')}"] = value
    return out


def events_sent(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for u in updates for e in (u.get("events") or [])]
