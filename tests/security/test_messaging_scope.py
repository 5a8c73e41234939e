"""Messagerie record scope over the real websocket: a patient reaches only their own thread;
staff of another practice and an ordinary clinician not assigned to the patient are refused
(audited, nothing written, no message sent back); messaging turned off hides and refuses."""

from __future__ import annotations

import sqlite3

import pytest

from ortho_app.workspaces.clinic.message_templates.state import MessageTemplatesState
from ortho_app.workspaces.clinic.messages.state import ClinicConversationsState, ClinicThreadState
from ortho_app.workspaces.patient.messages.state import PatientMessagesState
from ortho_app.workspaces.patient.workspace import PatientAppState
from tests.support import signin
from tests.support.options import practice_options
from tests.support.ws import ReflexClient, delta_vars, events_sent

pytestmark = pytest.mark.e2e
APP = PatientAppState.get_full_name()
PATIENT = PatientMessagesState.get_full_name()
THREAD = ClinicThreadState.get_full_name()
LIST = ClinicConversationsState.get_full_name()
TEMPLATES = MessageTemplatesState.get_full_name()
CAMILLE_WORDS = "gouttière n°8"


def query(server, sql: str, *args):
    with sqlite3.connect(server.data_dir / "app.db") as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def ids(app_server):
    def pid(first, last):
        return query(app_server, "SELECT id FROM patient WHERE first_name = ? AND "
                                 "last_name = ?", first, last)[0][0]
    camille, thomas = pid("Camille", "Martin"), pid("Thomas", "Dubois")
    photo = query(app_server, "SELECT id FROM message WHERE patient_id = ? AND "
                              "attachment_id IS NOT NULL ORDER BY id LIMIT 1", camille)[0][0]
    template = query(app_server, "SELECT id, body FROM messagetemplate ORDER BY id LIMIT 1")[0]
    return {"camille": camille, "thomas": thomas, "photo": photo, "template": template}


@pytest.fixture(scope="module")
def cookies(app_server):
    return {"camille": signin.patient_cookie(app_server, **signin.CAMILLE),
            "thomas": signin.patient_cookie(app_server, **signin.THOMAS),
            "neighbour": signin.staff_cookie(app_server, "voisin@other.clinic"),
            "ordinary": signin.staff_cookie(app_server, "clinician@demo.clinic"),
            "manager": signin.staff_cookie(app_server, "manager@demo.clinic")}


def refused_count(server, patient_id: int) -> int:
    return query(server, "SELECT count(*) FROM auditevent WHERE outcome = 'refused' AND "
                         "target = ?", f"patient:{patient_id}")[0][0]


def messages_with(server, text: str) -> list:
    return query(server, "SELECT patient_id FROM message WHERE body = ?", text)


async def staff_try_thread(server, cookie: str, patient_id: int, text: str, photo: int):
    path, q = f"/clinic/messages/{patient_id}", {"patient_id": str(patient_id)}
    updates = []
    async with ReflexClient(server.url, cookie=cookie) as tab:
        updates += await tab.emit(f"{THREAD}.load_thread", {}, path=path, query=q)
        await tab.emit(f"{THREAD}.edit_draft", {"text": text}, path=path, query=q)
        updates += await tab.emit(f"{THREAD}.send", {"files": []}, path=path, query=q)
        updates += await tab.emit(f"{THREAD}.load_older", {}, path=path, query=q)
        await tab.emit(f"{THREAD}.open_filing", {"message_id": photo}, path=path, query=q)
        updates += await tab.emit(f"{THREAD}.file_photo", {"form": {
            "stage": "Contention", "kind": "Profil"}}, path=path, query=q)
        listing = await tab.emit(f"{LIST}.load_conversations", {}, path="/clinic/messages")
    return updates, listing


async def test_patient_reaches_only_their_own_thread(app_server, cookies, ids):
    before = refused_count(app_server, ids["camille"])
    async with ReflexClient(app_server.url, cookie=cookies["thomas"]) as tab:
        chosen = await tab.emit(f"{APP}.choose_patient", {"patient_id": ids["camille"]},
                                path="/patient/messages")
        loaded = await tab.emit(f"{PATIENT}.load_messages", {}, path="/patient/messages")
        await tab.emit(f"{PATIENT}.edit_draft", {"text": "Thomas writes"},
                       path="/patient/messages")
        await tab.emit(f"{PATIENT}.send", {"files": []}, path="/patient/messages")
        staff = await tab.emit(f"{THREAD}.load_thread", {}, query={
            "patient_id": str(ids["camille"])}, path=f"/clinic/messages/{ids['camille']}")
    assert "not available" in repr(events_sent(chosen))
    assert CAMILLE_WORDS not in repr(chosen + loaded + staff)
    assert "rendez-vous" in repr(delta_vars(loaded))  # his own thread
    assert any(e.get("name", "").endswith("_redirect") for e in events_sent(staff))
    assert messages_with(app_server, "Thomas writes") == [(ids["thomas"],)]
    assert refused_count(app_server, ids["camille"]) > before


async def test_staff_of_another_practice_refused(app_server, cookies, ids):
    before = refused_count(app_server, ids["camille"])
    updates, listing = await staff_try_thread(app_server, cookies["neighbour"], ids["camille"],
                                              "from elsewhere", ids["photo"])
    assert CAMILLE_WORDS not in repr(updates + listing) and "Martin" not in repr(listing)
    assert not [k for k, v in delta_vars(updates).items() if k.endswith(".rows") and v]
    assert messages_with(app_server, "from elsewhere") == []
    assert query(app_server, "SELECT filed_image_id FROM message WHERE id = ?",
                 ids["photo"]) == [(None,)]
    assert refused_count(app_server, ids["camille"]) >= before + 3
    template_id, body = ids["template"]
    async with ReflexClient(app_server.url, cookie=cookies["neighbour"]) as tab:
        await tab.emit(f"{TEMPLATES}.save_template", {"template_id": template_id,
                                                      "body": "hijacked"}, path="/clinic")
        await tab.emit(f"{TEMPLATES}.delete_template", {"template_id": template_id},
                       path="/clinic")
        own = delta_vars(await tab.emit(f"{TEMPLATES}.load_templates", {}, path="/clinic"))
    assert query(app_server, "SELECT body FROM messagetemplate WHERE id = ?",
                 template_id) == [(body,)]
    assert body not in repr(own)


async def test_ordinary_clinician_not_assigned_refused(app_server, cookies, ids):
    before = refused_count(app_server, ids["thomas"])
    updates, listing = await staff_try_thread(app_server, cookies["ordinary"], ids["thomas"],
                                              "not my patient", ids["photo"])
    assert "rendez-vous" not in repr(updates) and "Dubois" not in repr(delta_vars(listing))
    assert messages_with(app_server, "not my patient") == []
    assert refused_count(app_server, ids["thomas"]) >= before + 3
    assert query(app_server, "SELECT filed_image_id FROM message WHERE id = ?",
                 ids["photo"]) == [(None,)]  # Camille's photo: open_filing kept no other id


async def test_malformed_arguments_refused(app_server, cookies, ids):
    path = f"/clinic/messages/{ids['camille']}"
    async with ReflexClient(app_server.url, cookie=cookies["manager"]) as tab:
        for bad in ("1e9", {}, [1], True, -5):
            sent = await tab.emit(f"{THREAD}.open_filing", {"message_id": bad}, path=path,
                                  query={"patient_id": str(ids["camille"])})
            assert "toast" in repr(events_sent(sent)), bad
        sent = await tab.emit(f"{THREAD}.edit_draft", {"text": "x" * 5000}, path=path)
        assert "toast" in repr(events_sent(sent))
        sent = await tab.emit(f"{LIST}.go_to_page", {"page": "1e9"}, path="/clinic/messages")
        assert not any(k.endswith(".conversations") for k in delta_vars(sent))


async def test_generic_setters_refused_on_messaging_states(app_server, cookies):
    for state, cookie in ((PATIENT, "thomas"), (THREAD, "manager"), (LIST, "manager"),
                          (TEMPLATES, "manager")):
        async with ReflexClient(app_server.url, cookie=cookies[cookie]) as tab:
            sent = await tab.emit(f"{state}.setvar", {"var_name": "draft", "value": "x"})
        assert any(e.get("name", "").endswith("_redirect") for e in events_sent(sent)), state


async def test_messaging_turned_off_hides_and_refuses(app_server, cookies, ids):
    (practice,), = query(app_server, "SELECT institution_id FROM patient WHERE id = ?",
                         ids["camille"])
    with practice_options(app_server, practice, messaging=0):
        async with ReflexClient(app_server.url, cookie=cookies["camille"]) as tab:
            loaded = delta_vars(await tab.emit(f"{PATIENT}.load_messages", {},
                                               path="/patient/messages"))
            await tab.emit(f"{PATIENT}.edit_draft", {"text": "module off"},
                           path="/patient/messages")
            sent = await tab.emit(f"{PATIENT}.send", {"files": []}, path="/patient/messages")
        updates, _ = await staff_try_thread(app_server, cookies["manager"], ids["camille"],
                                            "module off", ids["photo"])
    assert [v for k, v in loaded.items() if k.endswith(".enabled")] == [False]
    assert CAMILLE_WORDS not in repr(loaded)
    assert "not offered" in repr(sent)
    assert "not offered" in repr(events_sent(updates))
    assert messages_with(app_server, "module off") == []
