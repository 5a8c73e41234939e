import re
from datetime import date, timedelta

import pytest
from sqlmodel import select

from ortho_app.models import OutboxMessage
from ortho_app.models._base import utcnow
from ortho_app.services.patient_app import activation
from tests import factories

URL = "https://app.example"


@pytest.fixture
def patient(session):
    row = factories.patient(session, factories.institution(session))
    row.email, row.id_number = "parent@example.fr", "DO-00042"
    session.commit()
    return row


def send(session, patient):
    activation.send_activation_email(session, patient, actor="staff:1", today=date.today(),
                                     public_url=URL)
    session.commit()
    body = session.exec(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first().body
    return re.search(r"/patient/activate/(\S+)", body).group(1), body


def test_email_has_link_id_and_sign_in_help_but_no_password(session, patient):
    token, body = send(session, patient)
    assert URL in body and "DO-00042" in body and "SMS" in body
    assert "password" in body.lower() and "no password" in body.lower()
    assert activation.use_activation_link(session, token).used_at is not None


def test_link_is_single_use(session, patient):
    token, _ = send(session, patient)
    activation.use_activation_link(session, token)
    with pytest.raises(activation.ActivationError, match="already been used"):
        activation.use_activation_link(session, token)


def test_resending_kills_the_old_link(session, patient):
    old, _ = send(session, patient)
    new, _ = send(session, patient)
    with pytest.raises(activation.ActivationError):
        activation.use_activation_link(session, old)
    assert activation.use_activation_link(session, new)


def test_expired_link_refused(session, patient):
    token, _ = send(session, patient)
    link = session.exec(select(activation.ActivationLink)).one()
    link.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    with pytest.raises(activation.ActivationError, match="expired"):
        activation.use_activation_link(session, token)


def test_patient_without_email_refused(session, patient):
    patient.email = None
    with pytest.raises(activation.ActivationError):
        send(session, patient)
