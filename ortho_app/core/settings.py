"""Typed settings read from the environment (and `.env` in development)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]
DEV_SECRET = "dev-only-secret-change-me"  # noqa: S105 - refused outside demo/dev
MIN_SECRET_LENGTH = 32  # outside demo mode (e.g. `secrets.token_urlsafe(48)`)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=ROOT / ".env", extra="ignore")

    database_url: str = f"sqlite:///{ROOT / 'data' / 'ortho_app.db'}"
    redis_url: str | None = None
    storage_url: str = str(ROOT / "data" / "files")
    storage_options: dict = Field(default_factory=dict)
    jobs_path: str = str(ROOT / "data" / "jobs.db")
    jobs_immediate: bool = False
    # A job (or an outbox message being sent) whose worker showed no sign of life for this
    # long is taken back and queued again; a running job signs every quarter of it.
    job_lease_seconds: float = 120.0

    secret_key: str = DEV_SECRET
    public_url: str = "http://localhost:3000"
    demo_mode: bool = True

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "ortho_app <no-reply@localhost>"

    sms_provider: str | None = None  # "webhook" posts to sms_webhook_url
    sms_webhook_url: str | None = None

    stripe_secret_key: str | None = None
    stripe_webhook_secret: str | None = None

    max_upload_bytes: int = 200 * 1024 * 1024
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> Settings:
        if not self.demo_mode and (self.secret_key == DEV_SECRET
                                   or len(self.secret_key) < MIN_SECRET_LENGTH):
            raise ValueError(f"SECRET_KEY must be set to a random value of at least "
                             f"{MIN_SECRET_LENGTH} characters when DEMO_MODE is off")
        return self

    @property
    def cookie_secure(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
