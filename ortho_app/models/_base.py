"""Shared column helpers for the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field


def utcnow() -> datetime:
    """Timezone-aware UTC timestamp (how every datetime column is stored)."""
    return datetime.now(UTC)


def created_at_field() -> datetime:
    return Field(default_factory=utcnow, nullable=False)
