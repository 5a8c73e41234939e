"""The creation confirmation e-mail, to the address of the doctor's account (outbox)."""

from __future__ import annotations

from sqlmodel import Session

from ortho_app.core import outbox
from ortho_app.models import StaffUser
from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.cases import case_ref


def confirmation_email(session: Session, case: LabCase, *, user_id: int, patient_initials: str,
                       case_url: str):
    """Queue the confirmation e-mail (delivered after commit: `outbox.request_delivery()`).

    Only the case ID, type, the patient's initials and a link leave in the e-mail body.
    """
    user = session.get(StaffUser, user_id)
    if user is None or not user.email:
        return None
    ref = case_ref(case.id)
    body = (f"Hello {user.full_name},\n\nYour case {ref} ({case.case_type}) for "
            f"patient {patient_initials} was received on {case.created_at:%d/%m/%Y}. "
            f'Its progress is "{case.status}".\n\nView the case, verify its details and '
            f"upload additional files: {case_url}\n\n"
            "Please keep this confirmation with the patient record.")
    return outbox.enqueue_email(session, to=user.email, subject=f"Case {ref} received",
                                body=body, institution_id=case.practice_id)
