from sqlmodel import func, select

from ortho_app.demo.seed import seed
from ortho_app.models import Patient
from ortho_app.models.messaging import Message, MessageTemplate
from ortho_app.services.messaging import templates as message_templates
from ortho_app.services.messaging import threads as messaging


def test_demo_threads_and_templates_idempotent(session):
    seed(session)
    session.commit()
    camille = session.exec(select(Patient).where(Patient.first_name == "Camille")).one()
    thomas = session.exec(select(Patient).where(Patient.first_name == "Thomas")).one()
    assert messaging.unread_for_practice(session, camille.id) == 1
    assert messaging.unread_for_patient(session, thomas.id) == 1
    templates = message_templates.templates(session, camille.institution_id)
    assert 3 <= len(templates) <= 5 and sum(t.attachment_id is not None for t in templates) == 1
    before = session.exec(select(func.count(Message.id))).one()
    seed(session)
    session.commit()
    assert session.exec(select(func.count(Message.id))).one() == before >= 10
    assert session.exec(select(func.count(MessageTemplate.id))).one() == len(templates)
