"""Documents signed with an SMS code: code rules, what a signature records, changed documents."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import select

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.core.security import otp
from ortho_app.demo.documents import document_pdf
from ortho_app.models import CodePurpose, ContactRelation, OutboxMessage, StoredFile
from ortho_app.models._base import utcnow
from ortho_app.models.documents import SignerKind
from ortho_app.services.documents import sharing as documents
from ortho_app.services.documents.sharing import DocState
from tests import factories

PARENT = "+33611111111"
PATIENT_PHONE = "+33622222222"


@pytest.fixture
def world(session):
    storage.reset()
    practice = factories.institution(session)
    patient = factories.patient(session, practice, phone=PATIENT_PHONE,
                                contacts=[(ContactRelation.PARENT1, PARENT)])
    session.commit()
    return patient


def share(session, patient, title="Consentement éclairé", needs_signature=True, **kw):
    stored = storage.save_stream([document_pdf(title, "Texte du document.")],
                                 original_name=f"{title}.pdf", session=session,
                                 institution_id=patient.institution_id, patient_id=patient.id)
    return documents.share_document(session, patient=patient, stored=stored, title=title,
                                    kind="Consentement", needs_signature=needs_signature, **kw)


def last_code(session, phone):
    body = session.exec(select(OutboxMessage.body).where(OutboxMessage.recipient == phone)
                        .order_by(OutboxMessage.id.desc())).first()
    return re.search(r"\b(\d{6})\b", body).group(1)


def parent(session, patient):
    return documents.signer_for(session, patient, PARENT)


def ask(session, patient, document, signer=None):
    signer = signer or parent(session, patient)
    secret = documents.request_signing_code(session, document=document, patient=patient,
                                            signer=signer)
    return secret, last_code(session, signer.phone)


def sign(session, patient, document, secret, code, signer=None):
    return documents.sign_document(session, document=document, patient=patient,
                                   signer=signer or parent(session, patient),
                                   attempt_secret=secret, code=code)


def state_of(session, patient, document):
    return next(v for v in documents.documents_for(session, patient) if v.document.id ==
                document.id)


def test_sign_with_the_right_code_records_sha256_version_and_code_check(session, world):
    document = share(session, world)
    secret, code = ask(session, world, document)
    signature = sign(session, world, document, secret, code)
    session.commit()
    assert signature.document_sha256 == document.sha256 and len(document.sha256) == 64
    assert signature.document_version == 1 and signature.signer_kind == SignerKind.CONTACT
    assert signature.signer_phone == PARENT and signature.code_id is not None
    assert state_of(session, world, document).state == DocState.SIGNED


def test_the_patient_signs_in_their_own_name(session, world):
    document = share(session, world)
    signer = documents.signer_for(session, world, PATIENT_PHONE)
    secret, code = ask(session, world, document, signer)
    signature = sign(session, world, document, secret, code, signer)
    assert signature.signer_kind == SignerKind.PATIENT
    assert signature.signer_name == f"{world.first_name} {world.last_name}"


@pytest.mark.parametrize("spoil", ["wrong", "expired", "reused"])
def test_wrong_expired_or_reused_code_refused(session, world, spoil):
    document = share(session, world)
    secret, code = ask(session, world, document)
    if spoil == "wrong":
        code = f"{(int(code) + 1) % 1_000_000:06d}"
    elif spoil == "expired":
        row = otp.find(session, secret, purpose=CodePurpose.SIGN_DOCUMENT,
                       subject=documents.signing_subject(document))
        row.expires_at = utcnow() - timedelta(seconds=1)
    else:
        sign(session, world, document, secret, code)
        document.needs_signature = True  # signed: now try the same code on a new version
        documents.replace_document(session, document, storage.save_stream(
            [document_pdf("v2", "x")], original_name="v2.pdf", session=session,
            patient_id=world.id, institution_id=world.institution_id))
    with pytest.raises(otp.CodeError):
        sign(session, world, document, secret, code)
    assert state_of(session, world, document).state == DocState.TO_SIGN


def test_login_code_cannot_sign_a_document(session, world):
    document = share(session, world)
    login = otp.issue(session, purpose=CodePurpose.LOGIN, phone=PARENT, patient_id=world.id)
    with pytest.raises(otp.CodeError) as err:
        sign(session, world, document, login.attempt_secret, login.code)
    assert err.value.reason == otp.EXPIRED


def test_code_for_another_document_does_not_sign_this_one(session, world):
    first, second = share(session, world, "A"), share(session, world, "B")
    secret, code = ask(session, world, first)
    with pytest.raises(otp.CodeError):
        sign(session, world, second, secret, code)


def test_five_wrong_tries_lock_the_code(session, world):
    document = share(session, world)
    secret, code = ask(session, world, document)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    reasons = []
    for _ in range(5):
        with pytest.raises(otp.CodeError) as err:
            sign(session, world, document, secret, wrong)
        session.commit()  # the handler commits the counted try
        reasons.append(err.value.reason)
    assert reasons == [otp.WRONG] * 4 + [otp.LOCKED]
    with pytest.raises(otp.CodeError) as err:
        sign(session, world, document, secret, code)
    assert err.value.reason == otp.LOCKED


def test_changed_document_is_no_longer_signed(session, world):
    document = share(session, world)
    secret, code = ask(session, world, document)
    sign(session, world, document, secret, code)
    new = storage.save_stream([document_pdf("Consentement éclairé", "Autre texte.")],
                              original_name="v2.pdf", session=session,
                              institution_id=world.institution_id, patient_id=world.id)
    documents.replace_document(session, document, new)
    view = state_of(session, world, document)
    assert document.version == 2
    assert view.state == DocState.TO_SIGN and view.changed_since_signed
    secret, code = ask(session, world, document)  # the new version can be signed again
    assert sign(session, world, document, secret, code).document_version == 2


def test_tampered_stored_bytes_show_as_not_signed(session, world):
    document = share(session, world)
    secret, code = ask(session, world, document)
    sign(session, world, document, secret, code)
    stored = session.get(StoredFile, document.stored_file_id)
    store = storage._store()
    with store.fs.open(store.path(stored.key), "wb") as out:
        out.write(document_pdf("Consentement éclairé", "Texte modifié en douce."))
    assert not documents.file_intact(session, document)
    assert state_of(session, world, document).state == DocState.TO_SIGN


def test_signed_pdf_has_a_signature_page_with_name_date_and_sha256(session, world):
    document = share(session, world)
    secret, code = ask(session, world, document)
    signature = sign(session, world, document, secret, code)
    data = storage.read_bytes(session.get(StoredFile, signature.signed_file_id))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    last = reader.pages[-1].extract_text()
    assert "Page de signature" in last and document.sha256 in last.replace("\n", "")
    assert signature.signer_name in last
    assert signature.signed_at.strftime("%d/%m/%Y") in last
    assert "Texte du document" in reader.pages[0].extract_text()


def test_documents_by_state_and_visibility(session, world):
    to_sign = share(session, world, "À signer")
    share(session, world, "Sans signature", needs_signature=False)
    share(session, world, "Patient only", visible_to_responsible=False)
    views = documents.documents_for(session, world, signer=parent(session, world))
    assert {v.document.title: v.state for v in views} == {
        "À signer": DocState.TO_SIGN, "Sans signature": DocState.NO_SIGNATURE}
    with pytest.raises(Refused):
        documents.get_document(session, world, to_sign.id + 2, parent(session, world))


def test_no_code_for_a_document_without_signature_or_already_signed(session, world):
    plain = share(session, world, needs_signature=False)
    with pytest.raises(Refused):
        ask(session, world, plain)
    document = share(session, world)
    secret, code = ask(session, world, document)
    sign(session, world, document, secret, code)
    with pytest.raises(Refused):
        ask(session, world, document)


def test_phone_of_nobody_linked_is_no_signer(session, world):
    assert documents.signer_for(session, world, "+33699999999") is None
