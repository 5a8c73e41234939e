"""The translation catalogues: complete in both languages, and every label the pages ask for
exists."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ortho_app.core import i18n

ROOT = Path(i18n.__file__).resolve().parents[1]
LITERAL_KEY = re.compile(r"\b(?:t|tr|p)\(\s*\"([a-z0-9_]+)\"")


def test_both_catalogues_give_every_label_a_text():
    catalogues = {lang: i18n.read_catalogue(lang) for lang in i18n.LANGUAGES}
    assert i18n.missing_texts(catalogues) == []
    assert catalogues["en"].keys() == catalogues["fr"].keys()
    assert i18n.labels()["lab_move_refused"] == ("Move refused", "Déplacement refusé")


def test_every_label_key_in_the_code_is_in_the_catalogues():
    keys = set(i18n.labels())
    used = {(path.relative_to(ROOT).as_posix(), key)
            for path in ROOT.rglob("*.py") for key in LITERAL_KEY.findall(path.read_text())}
    assert len(used) > 300
    assert sorted((where, key) for where, key in used if key not in keys) == []


def test_a_missing_or_fuzzy_text_is_named(tmp_path, monkeypatch):
    for lang, entries in (("en", {"yes": ("Yes", False), "no": ("No", False)}),
                          ("fr", {"yes": ("Oui", False), "no": ("Non", True)})):
        catalog = Catalog(locale=lang)
        for key, (text, fuzzy) in entries.items():
            catalog.add(key, text, flags=["fuzzy"] if fuzzy else [])
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalogues = {lang: i18n.read_catalogue(lang) for lang in i18n.LANGUAGES}
    assert i18n.missing_texts(catalogues) == ["fr:no"]


def test_the_default_language_is_the_institutions(session):
    from ortho_app.core.security.sessions import Principal
    from ortho_app.models import Role, SessionKind
    from ortho_app.services.patients.directory import language_of
    from tests import factories as f

    practice = f.institution(session)
    english = f.institution(session, name="London Smiles")
    english.language = "en"
    patient = f.patient(session, english)
    session.commit()
    staff = Principal(kind=SessionKind.STAFF, session_id=1, role=Role.CLINICIAN,
                      institution_id=practice.id)
    assert language_of(session, staff) == "fr"
    other = Principal(kind=SessionKind.PATIENT, session_id=2, patient_ids=frozenset({patient.id}))
    assert language_of(session, other) == "en"
    assert language_of(session, Principal(kind=SessionKind.PATIENT, session_id=3)) == "fr"
