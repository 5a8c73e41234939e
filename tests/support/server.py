"""Start the real app (production build, one port) for browser and websocket tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS_BIN = ROOT / ".tools" / "npm" / "node_modules" / ".bin"


def app_env(data_dir: Path, port: int, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{data_dir}/app.db",
        "STORAGE_URL": str(data_dir / "files"),
        "JOBS_PATH": str(data_dir / "jobs.db"),
        "DEMO_MODE": "true",
        "PUBLIC_URL": f"http://localhost:{port}",
        "REFLEX_API_URL": f"http://localhost:{port}",
        "REFLEX_DEPLOY_URL": f"http://localhost:{port}",
        "REFLEX_WEB_WORKDIR": str(ROOT / ".web-test"),
        "REFLEX_STATES_WORKDIR": str(data_dir / "states"),
        "REFLEX_USE_SYSTEM_BUN": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{TOOLS_BIN}:{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}",
    })
    for name in ("REDIS_URL", "SMTP_HOST", "SMS_PROVIDER", "STRIPE_SECRET_KEY"):
        env.pop(name, None)
    env.update(extra)
    return env


def prepare_database(env: dict[str, str]) -> None:
    for args in (["-m", "alembic", "upgrade", "head"], ["-m", "ortho_app.demo.seed"]):
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=300)


def wait_for(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class AppServer:
    """`reflex run --env prod` on one port, with its own data directory."""

    def __init__(self, data_dir: Path, port: int, log_path: Path, *, backend_only=False,
                 **extra_env: str):
        self.data_dir, self.port, self.log_path = data_dir, port, log_path
        self.backend_only = backend_only
        self.env = app_env(data_dir, port, **extra_env)
        self.proc: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self, timeout: float = 600) -> AppServer:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [str(ROOT / ".venv" / "bin" / "reflex"), "run", "--env", "prod"]
        if self.backend_only:
            command += ["--backend-only", "--backend-port", str(self.port)]
        else:
            command += ["--single-port", "--frontend-port", str(self.port),
                        "--backend-port", str(self.port)]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        if not self.backend_only:  # the job consumer, as `make run` starts it
            self.worker = subprocess.Popen([sys.executable, "-m", "ortho_app.worker"], cwd=ROOT,
                                           env=self.env, stdout=self.log,
                                           stderr=subprocess.STDOUT, start_new_session=True)
        self.proc = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(f"{self.url}/ping", timeout, self.proc)
        except Exception:
            self.stop()
            raise RuntimeError(f"app did not start; log:\n{self.log_path.read_text()[-4000:]}")
        return self

    def stop(self) -> None:
        for proc in (self.proc, self.worker):
            if proc and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
        if getattr(self, "log", None):
            self.log.close()
