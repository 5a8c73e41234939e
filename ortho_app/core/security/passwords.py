"""Staff passwords: Argon2id through the passlib API (maintained `libpass` distribution).

Argon2 hashes the whole password (no 72-byte truncation as with bcrypt); we still cap the
length so a megabyte "password" cannot be used to burn CPU.
"""

from __future__ import annotations

from passlib.context import CryptContext

MIN_LENGTH = 8
NEW_PASSWORD_MIN_LENGTH = 12  # accounts created for a real practice (services/institutions)
MAX_BYTES = 1024

_context = CryptContext(schemes=["argon2"], deprecated="auto", argon2__type="ID")


class PasswordPolicyError(ValueError):
    pass


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"Password must have at least {MIN_LENGTH} characters")
    if len(password.encode()) > MAX_BYTES:
        raise PasswordPolicyError(f"Password must be at most {MAX_BYTES} bytes")


def hash_password(password: str) -> str:
    check_policy(password)
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-work check: an unknown user still costs one hash verification."""
    if len(password.encode()) > MAX_BYTES:
        return False
    if not password_hash:
        _context.dummy_verify()
        return False
    try:
        return _context.verify(password, password_hash)
    except ValueError:
        return False
