"""Shared column helpers for the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field


def utcnow() -> datetime:
    """Naive UTC timestamp (stored the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def created_at_field() -> datetime:
    return Field(default_factory=utcnow, nullable=False)
