"""Sign-in over HTTP: cookies, redirects, one-time codes, throttling, logout."""

from __future__ import annotations

import re
import time
from datetime import date

import httpx
import pytest
from sqlmodel import select
from starlette.applications import Starlette

from ortho_app.api import auth
from ortho_app.core.security import otp
from ortho_app.core.security.passwords import hash_password
from ortho_app.core.security.sessions import COOKIE_NAME, resolve
from ortho_app.models import ContactRelation, OutboxMessage, Role
from tests import factories

PARENT = "+33612345678"
BASE = "http://localhost:3000"


@pytest.fixture
def world(session):
    practice = factories.institution(session, name="Demo Orthodontics")
    lab = factories.institution(session, factories.InstitutionKind.LAB, name="Demo Lab")
    users = {role: factories.staff(session, lab if role == Role.LAB_COORDINATOR else practice,
                                   role, email=f"{role.value}@example.test") for role in Role}
    camille = factories.patient(session, practice, last="Martin", first="Camille",
                                born=date(2011, 3, 14),
                                contacts=[(ContactRelation.PARENT1, PARENT)])
    lucas = factories.patient(session, practice, last="Martin", first="Lucas",
                              born=date(2013, 9, 2), contacts=[(ContactRelation.PARENT1, PARENT)])
    thomas = factories.patient(session, practice, last="Dubois", first="Thomas",
                               born=date(1990, 6, 21), phone="+33698765432")
    session.commit()
    return {"users": users, "camille": camille, "lucas": lucas, "thomas": thomas}


@pytest.fixture
def client(engine):
    app = Starlette(routes=auth.routes)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE,
                             follow_redirects=False)


def last_code(session, phone: str) -> str:
    message = session.exec(select(OutboxMessage).where(OutboxMessage.recipient == phone)
                           .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"\b(\d{6})\b", message.body).group(1)


async def start_patient(client, phone="06 12 34 56 78", last="Martin", first="Camille",
                        birth="2011-03-14"):
    return await client.post("/auth/patient/start", data={
        "phone": phone, "last_name": last, "first_name": first, "birth": birth})


@pytest.mark.parametrize("role,workspace", [
    (Role.CLINICIAN, "/clinic"), (Role.ASSISTANT, "/clinic"),
    (Role.PRACTICE_ADMIN, "/admin"), (Role.LAB_COORDINATOR, "/lab")])
async def test_staff_login_lands_in_workspace_with_httponly_cookie(world, client, session,
                                                                    role, workspace):
    response = await client.post("/auth/login", data={
        "email": f"{role.value}@example.test", "password": factories.PASSWORD})
    assert response.status_code == 303 and response.headers["location"] == workspace
    set_cookie = response.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie
    assert resolve(session, client.cookies[COOKIE_NAME]).role == role


async def test_wrong_password_refused_without_cookie(world, client):
    response = await client.post("/auth/login", data={
        "email": "clinician@example.test", "password": "wrong-password"})
    assert response.headers["location"] == "/login?error=invalid"
    assert COOKIE_NAME not in client.cookies


async def test_password_over_72_bytes_is_not_truncated(world, client, session):
    long_password = "é" * 40  # 80 bytes
    user = world["users"][Role.CLINICIAN]
    user.password_hash = hash_password(long_password)
    session.add(user)
    session.commit()
    truncated = long_password.encode()[:72].decode(errors="ignore")
    refused = await client.post("/auth/login", data={"email": user.email, "password": truncated})
    assert refused.headers["location"] == "/login?error=invalid"
    accepted = await client.post("/auth/login", data={"email": user.email,
                                                      "password": long_password})
    assert accepted.headers["location"] == "/clinic"


async def test_cross_origin_login_post_refused(world, client):
    response = await client.post("/auth/login", headers={"Origin": "https://evil.example"},
                                 data={"email": "clinician@example.test",
                                       "password": factories.PASSWORD})
    assert response.status_code == 403


async def test_patient_login_through_parent_phone_then_choice(world, client, session):
    started = await start_patient(client)
    assert started.headers["location"] == "/patient/login/code"
    assert "httponly" in started.headers["set-cookie"].lower()
    code = last_code(session, PARENT)
    verified = await client.post("/auth/patient/verify", data={"code": code})
    assert verified.headers["location"] == "/patient/login/select"
    principal = resolve(session, client.cookies[COOKIE_NAME])
    assert principal.patient_ids == {world["camille"].id}
    chosen = await client.post("/auth/patient/select", data={
        "patient_id": [str(world["camille"].id), str(world["lucas"].id),
                       str(world["thomas"].id)]})  # Thomas is not reachable by this phone
    assert chosen.headers["location"] == "/patient"
    session.expire_all()
    principal = resolve(session, client.cookies[COOKIE_NAME])
    assert principal.patient_ids == {world["camille"].id, world["lucas"].id}


async def test_single_patient_phone_goes_straight_in(world, client, session):
    await start_patient(client, phone="+33698765432", last="DUBOIS", first="thomas",
                        birth="21/06/1990")
    verified = await client.post("/auth/patient/verify",
                                 data={"code": last_code(session, "+33698765432")})
    assert verified.headers["location"] == "/patient"


async def test_unknown_phone_and_wrong_birth_get_same_answer(world, client):
    answers = []
    for phone, birth in (("06 00 00 00 01", "2011-03-14"), ("06 12 34 56 78", "2011-03-15")):
        started = time.monotonic()
        response = await start_patient(client, phone=phone, birth=birth)
        answers.append((response.status_code, response.headers["location"],
                        "set-cookie" in response.headers))
        assert time.monotonic() - started >= auth.MIN_IDENTIFY_SECONDS
    assert answers[0] == answers[1] == (303, "/patient/login?error=check", False)


async def test_wrong_codes_lock_then_right_code_refused(world, client, session):
    await start_patient(client)
    code = last_code(session, PARENT)
    wrong = "000000" if code != "000000" else "111111"
    locations = [(await client.post("/auth/patient/verify", data={"code": wrong}))
                 .headers["location"] for _ in range(otp.MAX_ATTEMPTS)]
    assert locations[-1] == "/patient/login/code?error=locked"
    final = await client.post("/auth/patient/verify", data={"code": code})
    assert final.headers["location"] == "/patient/login/code?error=locked"
    assert COOKIE_NAME not in client.cookies


async def test_code_cannot_be_reused(world, client, session):
    await start_patient(client)
    code = last_code(session, PARENT)
    login_cookie = client.cookies[auth.LOGIN_COOKIE]
    await client.post("/auth/patient/verify", data={"code": code})
    client.cookies.clear()
    client.cookies.set(auth.LOGIN_COOKIE, login_cookie)
    again = await client.post("/auth/patient/verify", data={"code": code})
    assert again.headers["location"] == "/patient/login?error=expired"


async def test_resend_sends_a_new_code(world, client, session):
    await start_patient(client)
    resent = await client.post("/auth/patient/resend")
    assert resent.headers["location"] == "/patient/login/code?resent=1"
    count = len(session.exec(select(OutboxMessage).where(OutboxMessage.recipient == PARENT)).all())
    assert count == 2


async def test_sms_flood_is_throttled(world, client):
    locations = [(await start_patient(client)).headers["location"]
                 for _ in range(otp.MAX_CODES_PER_PHONE + 1)]
    assert locations[-1] == "/patient/login?error=throttled"


async def test_logout_revokes_session(world, client, session):
    await client.post("/auth/login", data={"email": "clinician@example.test",
                                           "password": factories.PASSWORD})
    secret = client.cookies[COOKIE_NAME]
    response = await client.post("/auth/logout")
    assert response.status_code == 200 and "sessionStorage.clear()" in response.text
    session.expire_all()
    assert resolve(session, secret) is None


async def test_staff_login_throttled_after_repeated_failures(world, client):
    for _ in range(auth.STAFF_FAILURES_PER_15_MIN):
        await client.post("/auth/login", data={"email": "x@example.test", "password": "nope"})
    response = await client.post("/auth/login", data={"email": "clinician@example.test",
                                                      "password": factories.PASSWORD})
    assert response.headers["location"] == "/login?error=throttled"

