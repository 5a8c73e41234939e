"""Random secrets and their stored digests."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ortho_app.core.settings import get_settings


def new_secret() -> str:
    """A URL-safe random secret (256 bits) for cookies and links."""
    return secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """Keyed SHA-256 of a secret, as stored in the database (the secret itself never is)."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    """A 6-digit one-time code from the OS CSPRNG."""
    return f"{secrets.randbelow(1_000_000):06d}"
