"""`alembic upgrade head` builds the schema on SQLite and on PostgreSQL, and the models have
no change without a migration."""

from __future__ import annotations

import os

import pytest
from alembic.config import Config
from sqlalchemy import inspect
from sqlmodel import SQLModel

import ortho_app.models  # noqa: F401
from alembic import command
from ortho_app.core.db import make_engine
from tests.conftest import ROOT_DIR, drop_postgres_database, fresh_postgres_database


def upgrade_and_check(url: str) -> None:
    config = Config(str(ROOT_DIR / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")
    command.check(config)  # raises if the models differ from the migrated schema
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables


def test_migrations_on_sqlite(tmp_path):
    upgrade_and_check(f"sqlite:///{tmp_path}/migrated.db")


@pytest.mark.postgres
def test_migrations_on_postgres():
    name = f"ortho_migrate_{os.getpid()}"
    try:
        upgrade_and_check(fresh_postgres_database(name))
    finally:
        drop_postgres_database(name)
