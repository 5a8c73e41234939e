"""What the clinic's document and imaging pages share: the patient of the route, the uploaded
files copied into private storage (never left in the upload folder), the upload zone."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from ortho_app.core import storage
from ortho_app.core.authz import Refused
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, StoredFile
from ortho_app.ui.i18n import t
from ortho_app.ui.uploads import upload_chunks


async def store_uploads(session: Session, principal: Principal, patient: Patient,
                        files: list[rx.UploadFile], *, kinds: set[str],
                        max_files: int) -> list[StoredFile]:
    """Each uploaded file checked and copied into private storage (Refused if none, too many,
    or of the wrong kind; then nothing of this batch stays)."""
    if not files or len(files) > max_files:
        raise Refused(f"Choose between 1 and {max_files} files")
    stored: list[StoredFile] = []
    try:
        for upload in files:
            stored.append(await storage.save_stream_async(
                upload_chunks(upload), original_name=upload.name or "upload", session=session,
                institution_id=patient.institution_id, patient_id=patient.id,
                uploaded_by=principal.actor, allowed_kinds=kinds))
    except storage.FileRefused as exc:
        for row in stored:
            storage.delete_file(row)
        raise Refused(str(exc)) from None
    return stored


def upload_zone(upload_id: str, label_key: str, accept: dict[str, list[str]],
                multiple: bool) -> rx.Component:
    return rx.vstack(
        rx.upload(
            rx.vstack(rx.icon("upload"), rx.text(t(label_key), size="2"), align="center",
                      spacing="1"),
            id=upload_id, accept=accept, multiple=multiple, max_files=20 if multiple else 1,
            border="1px dashed var(--gray-a7)", border_radius="var(--radius-3)",
            padding="16px", width="100%", cursor="pointer"),
        rx.hstack(rx.text(t("selected_files"), size="1", color_scheme="gray"),
                  rx.foreach(rx.selected_files(upload_id),
                             lambda name: rx.text(name, size="1")),
                  spacing="2", wrap="wrap"),
        spacing="1", width="100%")
