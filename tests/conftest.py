"""Shared fixtures: a fresh database per test, settings from the environment."""

from __future__ import annotations

import os
import socket

import pytest
from sqlmodel import Session, SQLModel

import ortho_app.models  # noqa: F401 - registers tables
from ortho_app.core import db
from ortho_app.core.settings import get_settings

ROOT_DIR = __import__("pathlib").Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def reset_caches() -> None:
    from ortho_app.core import jobs, storage

    get_settings.cache_clear()
    db.get_engine.cache_clear()
    jobs.get_huey.cache_clear()
    storage.reset()


def service_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def need_service(name: str, host: str, port: int) -> None:
    """Skip when a server does not answer — except on CI, where that is a failure."""
    if service_answers(host, port):
        return
    message = f"{name} does not answer on {host}:{port}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: a skipped {name} test is a failure)")
    pytest.skip(message)


ON_POSTGRES = os.environ.get("TEST_DATABASE", "sqlite") == "postgres"


def drop_postgres_database(name: str) -> None:
    import psycopg

    admin = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_postgres_database(name: str) -> str:
    """Create (or recreate) a database on the local server; returns its SQLAlchemy URL."""
    import psycopg

    need_service("PostgreSQL", "127.0.0.1", 5432)
    admin = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def postgres_url():
    """A database of our own on the local PostgreSQL for this test run."""
    name = f"ortho_test_{os.getpid()}"
    yield fresh_postgres_database(name)
    drop_postgres_database(name)


@pytest.fixture
def settings_env(monkeypatch, tmp_path, request):
    """Point the app's settings at temporary places; returns a setter for more variables.

    With TEST_DATABASE=postgres the database is the local PostgreSQL (emptied per test).
    """
    if ON_POSTGRES:
        monkeypatch.setenv("DATABASE_URL", request.getfixturevalue("postgres_url"))
    else:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/app.db")
    monkeypatch.setenv("STORAGE_URL", str(tmp_path / "files"))
    monkeypatch.setenv("JOBS_PATH", str(tmp_path / "jobs.db"))
    monkeypatch.setenv("JOBS_IMMEDIATE", "true")
    monkeypatch.setenv("DEMO_MODE", "true")
    for name in ("REDIS_URL", "SMTP_HOST", "SMS_PROVIDER", "STRIPE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    reset_caches()

    def set_env(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key.upper(), value)
        reset_caches()

    yield set_env
    reset_caches()


@pytest.fixture
def engine(settings_env):
    """The app's engine on a fresh SQLite file with every table."""
    engine = db.get_engine()
    SQLModel.metadata.create_all(engine)
    if ON_POSTGRES:
        from sqlalchemy import text

        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine, expire_on_commit=False) as s:
        yield s


APP_PORT = int(os.environ.get("TEST_APP_PORT", "3100"))


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The real app, production build on one port, demo data seeded (shared by the suites)."""
    from tests.support.server import AppServer, prepare_database

    data_dir = tmp_path_factory.mktemp("app-data")
    server = AppServer(data_dir, APP_PORT, data_dir / "app.log")
    prepare_database(server.env)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_code_quotas(request):
    """Tests that drive the shared app start with the sign-in code quotas of a new hour."""
    if "app_server" in request.fixturenames:
        from tests.support.signin import forget_earlier_codes

        forget_earlier_codes(request.getfixturevalue("app_server"))


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's sync API keeps an event loop on the main thread,
    which the asyncio tests that follow it could not use. They share one seeded app, so they
    run in one fixed order, by file name whatever their workspace folder (a test that adds to
    the demo's data, e.g. files a patient's photo, runs after the one that counts it)."""
    def key(item):
        path = str(item.path).replace("\\", "/")
        browser = "tests/e2e/" in path
        return (browser, item.path.name if browser else "")
    items.sort(key=key)
