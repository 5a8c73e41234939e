"""POST /webhooks/stripe: Stripe events, verified on the raw body.

The body is read as bytes (capped while it streams) and handed with the `Stripe-Signature`
header to `payments.webhooks.receive`, which checks it with `stripe.Webhook.construct_event`
(a timestamp older than five minutes is stale) and applies the event once. A missing, wrong
or stale signature answers 400 and changes nothing.
"""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ortho_app.core import audit, urls
from ortho_app.services.payments import webhooks

__all__ = ["MAX_BODY", "routes", "stripe_webhook"]

log = logging.getLogger(__name__)
MAX_BODY = 256 * 1024  # Stripe events are a few KiB


async def _body(request: Request) -> bytes | None:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def stripe_webhook(request: Request) -> Response:
    payload = await _body(request)
    if payload is None:
        return PlainTextResponse("Payload too large", status_code=413)
    signature = request.headers.get("stripe-signature")
    try:
        applied = await run_in_threadpool(webhooks.receive, payload, signature)
    except webhooks.BadSignature as exc:
        await run_in_threadpool(audit.record_now, actor="stripe-webhook",
                                action="payment.webhook", outcome="refused",
                                detail=f"signature: {exc}")
        return PlainTextResponse("Invalid signature", status_code=400)
    return JSONResponse({"received": True, "outcome": applied.outcome})


routes: list[Route] = [Route(urls.STRIPE_WEBHOOK, stripe_webhook, methods=["POST"])]
