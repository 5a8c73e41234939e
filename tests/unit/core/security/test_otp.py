from datetime import timedelta

import pytest

from ortho_app.core.security import otp
from ortho_app.models import CodePurpose
from ortho_app.models._base import utcnow

PHONE = "+33612345678"


def issue(session, **kw):
    args = dict(purpose=CodePurpose.LOGIN, phone=PHONE, patient_id=None, ip="10.0.0.1")
    args.update(kw)
    return otp.issue(session, **args)


def test_verify_code_succeeds_once(session):
    issued = issue(session)
    row = otp.find(session, issued.attempt_secret, purpose=CodePurpose.LOGIN)
    assert otp.verify(session, row, issued.code).used_at is not None
    with pytest.raises(otp.CodeError) as err:
        otp.verify(session, row, issued.code)
    assert err.value.reason == otp.EXPIRED


def test_code_is_six_digits_and_never_stored(session):
    issued = issue(session)
    assert len(issued.code) == 6 and issued.code.isdigit()
    assert issued.code not in issued.row.code_hash
    assert issued.attempt_secret not in issued.row.attempt_hash


def test_expired_code_refused(session):
    issued = issue(session)
    issued.row.expires_at = utcnow() - timedelta(seconds=1)
    with pytest.raises(otp.CodeError) as err:
        otp.verify(session, issued.row, issued.code)
    assert err.value.reason == otp.EXPIRED


def test_five_wrong_codes_lock_the_code(session):
    issued = issue(session)
    wrong = "000000" if issued.code != "000000" else "111111"
    reasons = []
    for _ in range(5):
        with pytest.raises(otp.CodeError) as err:
            otp.verify(session, issued.row, wrong)
        reasons.append(err.value.reason)
    assert reasons == [otp.WRONG] * 4 + [otp.LOCKED]
    with pytest.raises(otp.CodeError) as err:
        otp.verify(session, issued.row, issued.code)  # even the right code now
    assert err.value.reason == otp.LOCKED


def test_code_bound_to_its_attempt_and_purpose(session):
    issued = issue(session)
    assert otp.find(session, issued.attempt_secret, purpose=CodePurpose.SIGN_DOCUMENT) is None
    assert otp.find(session, "another-attempt", purpose=CodePurpose.LOGIN) is None
    doc = issue(session, purpose=CodePurpose.SIGN_DOCUMENT, subject="document:1")
    assert otp.find(session, doc.attempt_secret, purpose=CodePurpose.SIGN_DOCUMENT,
                    subject="document:2") is None


def test_resend_kills_previous_code(session):
    issued = issue(session)
    new = otp.resend(session, issued.row)
    if new != issued.code:
        with pytest.raises(otp.CodeError):
            otp.verify(session, issued.row, issued.code)
    assert otp.verify(session, issued.row, new).used_at is not None


def test_sms_flood_throttled_per_phone(session):
    for _ in range(otp.MAX_CODES_PER_PHONE):
        issue(session, ip=f"10.0.0.{_}")
    with pytest.raises(otp.CodeError) as err:
        issue(session, ip="10.9.9.9")
    assert err.value.reason == otp.THROTTLED


def test_throttled_per_ip(session):
    for n in range(otp.MAX_CODES_PER_IP):
        issue(session, phone=f"+336000000{n:02d}")
    with pytest.raises(otp.CodeError):
        issue(session, phone="+33699999999")
