"""Patient app "Documents": the documents shared by the practice, signed with an SMS code.

The signing attempt's secret stays on the server (`_attempt`); the code is bound to the
document's version and SHA-256 and to the verified phone of this session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import outbox, urls
from ortho_app.core.authz import PATIENT, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security import otp
from ortho_app.core.security.sessions import Principal
from ortho_app.services.documents import sharing as documents
from ortho_app.services.documents.sharing import DocState, DocumentView
from ortho_app.services.patient_app import modules as patient_modules
from ortho_app.services.patient_app.modules import Module
from ortho_app.services.patients.phones import display
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.views import format_date
from ortho_app.workspaces.patient.workspace import current_patient_id

CODE_ERRORS = {otp.WRONG: "code_wrong", otp.LOCKED: "code_locked",
               otp.EXPIRED: "sign_code_expired", otp.THROTTLED: "throttled"}


class DocumentRef(BaseModel):
    model_config = {"strict": True}
    document_id: int = Field(ge=1)


class TabRef(BaseModel):
    model_config = {"strict": True}
    tab: Literal["to_sign", "signed", "no_signature"]


class CodeForm(BaseModel):
    code: str = Field(pattern=r"^\s*\d{6}\s*$")


@dataclass
class DocItem:
    id: int
    title: str
    kind: str
    date: str
    version: int
    changed: bool
    signed_by: str
    signed_at: str
    view_url: str
    signed_url: str


def _item(view: DocumentView) -> DocItem:
    doc, signature = view.document, view.signature
    return DocItem(
        id=doc.id, title=doc.title, kind=doc.kind, date=format_date(doc.updated_at.date()),
        version=doc.version, changed=view.changed_since_signed,
        signed_by=signature.signer_name if signature else "",
        signed_at=signature.signed_at.strftime("%d/%m/%Y %H:%M") if signature else "",
        view_url=urls.document_view_url(doc.id),
        signed_url=urls.file_url(signature.signed_file_id) if signature and
        signature.signed_file_id else "")


class PatientDocumentsState(AppState):
    _access: ClassVar[Access] = PATIENT
    offered: bool = True
    to_sign: list[DocItem] = []
    signed: list[DocItem] = []
    unsigned: list[DocItem] = []
    tab: str = "to_sign"
    signing_id: int = 0
    signing_title: str = ""
    sent_to: str = ""
    error_key: str = ""
    just_signed: str = ""
    _attempt: str = ""

    async def _context(self, principal: Principal, session):
        """The shown patient (authorized), and who holds this phone for them."""
        patient = authorize_patient(session, principal, await current_patient_id(self, principal),
                                    action="documents.list")
        patient_modules.require_module(session, patient, Module.DOCUMENTS)
        signer = documents.signer_for(session, patient, principal.phone or "")
        if signer is None:
            raise Refused("This record is not available")
        return patient, signer

    async def _fill(self, principal: Principal) -> None:
        with db_session() as session:
            patient, signer = await self._context(principal, session)
            views = documents.documents_for(session, patient, signer=signer)
            session.commit()
        self.to_sign = [_item(v) for v in views if v.state == DocState.TO_SIGN]
        self.signed = [_item(v) for v in views if v.state == DocState.SIGNED]
        self.unsigned = [_item(v) for v in views if v.state == DocState.NO_SIGNATURE]

    def _close(self) -> None:
        self.signing_id, self.signing_title, self.sent_to, self.error_key = 0, "", "", ""
        self._attempt = ""

    @rx.event
    @guarded
    async def load_documents(self, principal: Principal):
        self._close()
        self.just_signed = ""
        self.to_sign, self.signed, self.unsigned = [], [], []
        try:
            await self._fill(principal)
            self.offered = True
        except Refused:
            self.offered = False  # module off (or nothing for this phone): section hidden
            return
        self.tab = "to_sign" if self.to_sign else ("signed" if self.signed else "no_signature")

    @rx.event
    @guarded
    def choose_tab(self, principal: Principal, tab: str):
        self.tab = validate(TabRef, {"tab": tab}).tab

    @rx.event
    @guarded
    async def start_signing(self, principal: Principal, document_id: int):
        """"Signer": send a code by SMS for this document and ask for it."""
        doc_id = validate(DocumentRef, {"document_id": document_id}).document_id
        self._close()
        with db_session() as session:
            patient, signer = await self._context(principal, session)
            document = documents.get_document(session, patient, doc_id, signer)
            try:
                attempt = documents.request_signing_code(
                    session, document=document, patient=patient, signer=signer,
                    ip=self.router.session.client_ip or "")
            except otp.CodeError as exc:
                self.error_key = CODE_ERRORS[exc.reason]  # no code sent (too many asked)
                return None
            session.commit()
        outbox.request_delivery()
        self._attempt, self.signing_id, self.signing_title = attempt, doc_id, document.title
        self.sent_to = display(signer.phone)

    @rx.event
    @guarded
    async def resend_code(self, principal: Principal):
        with db_session() as session:
            patient, signer = await self._context(principal, session)
            document = documents.get_document(session, patient, self.signing_id, signer)
            try:
                documents.resend_signing_code(session, document=document, signer=signer,
                                              attempt_secret=self._attempt)
                self.error_key = "code_resent"
            except otp.CodeError as exc:
                self.error_key = CODE_ERRORS[exc.reason]
            session.commit()
        outbox.request_delivery()

    @rx.event
    @guarded
    async def confirm_signature(self, principal: Principal, form: dict):
        if not self.signing_id:
            raise Refused("Choose a document to sign")
        try:
            code = validate(CodeForm, form).code.strip()
        except Refused:
            self.error_key = "code_wrong"
            return None
        with db_session() as session:
            patient, signer = await self._context(principal, session)
            document = documents.get_document(session, patient, self.signing_id, signer)
            try:
                documents.sign_document(session, document=document, patient=patient,
                                        signer=signer, attempt_secret=self._attempt, code=code)
            except otp.CodeError as exc:
                session.commit()  # the wrong try counts
                self.error_key = CODE_ERRORS[exc.reason]
                return None
            session.commit()
        self._close()
        await self._fill(principal)
        self.tab, self.just_signed = "signed", document.title

    @rx.event
    @guarded
    def cancel_signing(self, principal: Principal):
        self._close()
