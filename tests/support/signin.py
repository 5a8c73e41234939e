"""Sign in against the running app over HTTP, as a browser's form post would."""

from __future__ import annotations

import re
import sqlite3

import httpx

from tests.support.server import AppServer

DEMO_PASSWORD = "demo1234"


def staff_cookie(server: AppServer, email: str) -> str:
    with httpx.Client(base_url=server.url, follow_redirects=False) as client:
        response = client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 303 and "error" not in response.headers["location"], \
            response.headers.get("location")
        return f"ortho_session={client.cookies['ortho_session']}"


def latest_sms_code(server: AppServer, phone_e164: str) -> str:
    with sqlite3.connect(server.data_dir / "app.db") as db:
        (body,) = db.execute("SELECT body FROM outboxmessage WHERE recipient = ? "
                             "ORDER BY id DESC LIMIT 1",
                             (phone_e164,)).fetchone()
    return re.search(r"\b(\d{6})\b", body).group(1)


def forget_earlier_codes(server: AppServer) -> None:
    """Every test signs in from 127.0.0.1 on one shared app: earlier tests' codes would count
    in this sign-in's per-phone and per-IP quotas (one hour). Age them out."""
    with sqlite3.connect(server.data_dir / "app.db") as db:
        db.execute("UPDATE onetimecode SET created_at = '2000-01-01 00:00:00'")


def patient_cookie(server: AppServer, *, phone: str, phone_e164: str, last: str, first: str,
                   birth: str) -> str:
    forget_earlier_codes(server)
    with httpx.Client(base_url=server.url, follow_redirects=False) as client:
        started = client.post("/auth/patient/start", data={
            "phone": phone, "last_name": last, "first_name": first, "birth": birth})
        assert started.headers["location"] == "/patient/login/code", started.headers
        verified = client.post("/auth/patient/verify",
                               data={"code": latest_sms_code(server, phone_e164)})
        assert "error" not in verified.headers["location"]
        return f"ortho_session={client.cookies['ortho_session']}"


CAMILLE = dict(phone="06 12 34 56 78", phone_e164="+33612345678", last="Martin",
               first="Camille", birth="2011-03-14")
THOMAS = dict(phone="+33 6 98 76 54 32", phone_e164="+33698765432", last="Dubois",
              first="Thomas", birth="1990-06-21")
