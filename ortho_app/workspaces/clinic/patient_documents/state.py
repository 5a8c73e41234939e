"""Clinic: a patient's shared documents — share a PDF (to sign or not, for the patient and/or
the responsible persons), replace it with a new version, see the signatures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field, field_validator

from ortho_app.core import urls
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.services.documents import sharing as documents
from ortho_app.services.documents.sharing import DocumentView
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.routing import route_id
from ortho_app.workspaces.clinic.record_uploads import store_uploads

DOC_KINDS = ["Consentement", "Devis", "Information", "Compte rendu", "Ordonnance", "Autre"]
UPLOAD_ID = "document-pdf"


class ShareForm(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    kind: str = Field(max_length=80)
    needs_signature: bool = False
    visible_to_patient: bool = False
    visible_to_responsible: bool = False
    replaces: int = Field(default=0, ge=0)

    @field_validator("needs_signature", "visible_to_patient", "visible_to_responsible",
                     mode="before")
    @classmethod
    def _checkbox(cls, value):
        return value in (True, "on", "true")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value):
        if value not in DOC_KINDS:
            raise ValueError("unknown document type")
        return value


@dataclass
class StaffDocRow:
    id: int
    title: str
    kind: str
    version: int
    state: str
    changed: bool
    signature: str
    sha: str
    view_url: str


def _row(view: DocumentView) -> StaffDocRow:
    doc, sig = view.document, view.signature
    audience = "/".join(a for a, on in (("patient", doc.visible_to_patient),
                                        ("responsible", doc.visible_to_responsible)) if on)
    return StaffDocRow(
        id=doc.id, title=f"{doc.title} ({audience or 'staff only'})", kind=doc.kind,
        version=doc.version, state=view.state.value, changed=view.changed_since_signed,
        signature=(f"{sig.signer_name}, {sig.signed_at:%d/%m/%Y %H:%M} UTC, code check "
                   f"#{sig.code_id}") if sig else "",
        sha=doc.sha256[:16] + "…", view_url=urls.document_view_url(doc.id))


class ClinicDocumentsState(AppState):
    _access: ClassVar[Access] = CLINIC
    patient_id: int = 0
    name: str = ""
    rows: list[StaffDocRow] = []
    replace_choices: list[list[str]] = []  # [id, title]
    form_key: int = 0
    _draft: dict = {}

    def _fill(self, principal: Principal, patient_id: int) -> None:
        with db_session() as session:
            patient = authorize_patient(session, principal, patient_id, action="documents.list")
            views = documents.documents_for(session, patient)
            session.commit()
        self.patient_id, self.name = patient.id, list_name(patient)
        self.rows = [_row(v) for v in views]
        self.replace_choices = [[str(v.document.id), v.document.title] for v in views]

    @rx.event
    @guarded
    def load_documents(self, principal: Principal):
        self.rows, self.name, self._draft = [], "", {}
        self._fill(principal, route_id(self, "patient_id"))

    @rx.event
    @guarded
    def keep_draft(self, principal: Principal, form: dict):
        """The form's fields, checked, kept on the server for the upload that follows."""
        self._draft = validate(ShareForm, form).model_dump()

    @rx.event
    @guarded
    async def upload_document(self, principal: Principal, files: list[rx.UploadFile]):
        if not self._draft:
            raise Refused("Fill in the title and type first")
        draft, self._draft = ShareForm(**self._draft), {}
        with db_session() as session:
            patient = authorize_patient(session, principal, self.patient_id,
                                        action="documents.share")
            (stored,) = await store_uploads(session, principal, patient, files,
                                            kinds={"pdf"}, max_files=1)
            if draft.replaces:
                document = documents.get_document(session, patient, draft.replaces)
                documents.replace_document(session, document, stored, actor=principal.actor)
            else:
                documents.share_document(
                    session, patient=patient, stored=stored, title=draft.title,
                    kind=draft.kind, needs_signature=draft.needs_signature,
                    visible_to_patient=draft.visible_to_patient,
                    visible_to_responsible=draft.visible_to_responsible, actor=principal.actor)
            session.commit()
        self._fill(principal, self.patient_id)
        self.form_key += 1
        return [rx.clear_selected_files(UPLOAD_ID), rx.toast.success("Document shared")]
