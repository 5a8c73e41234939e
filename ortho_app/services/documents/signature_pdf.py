"""The signed copy of a document: the original PDF with a signature page appended (fpdf2 for
the page, pypdf to join them). The page names the document, its version and SHA-256, the
signer, the date and the SMS code check."""

from __future__ import annotations

import io
from datetime import UTC

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ortho_app.models.documents import DocumentSignature, SharedDocument, SignerKind

SIGNER_LABEL = {SignerKind.PATIENT: "le patient", SignerKind.CONTACT: "responsable du patient"}


def _latin1(text: str) -> str:
    """The core PDF fonts speak Latin-1; anything else becomes '?'."""
    return text.encode("latin-1", "replace").decode("latin-1")


def signature_page(document: SharedDocument, signature: DocumentSignature) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title("Page de signature")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 12, "Page de signature électronique", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    signed_at = signature.signed_at.astimezone(UTC) if signature.signed_at.tzinfo \
        else signature.signed_at.replace(tzinfo=UTC)
    phone = signature.signer_phone
    masked = phone[:3] + " " + "*" * 4 + phone[-2:] if len(phone) > 5 else "*" * len(phone)
    lines = [
        ("Document", document.title),
        ("Type", document.kind),
        ("Version", str(signature.document_version)),
        ("SHA-256 du document", signature.document_sha256),
        ("Signé par", f"{signature.signer_name} ({SIGNER_LABEL[signature.signer_kind]})"),
        ("Date de signature", signed_at.strftime("%d/%m/%Y %H:%M:%S UTC")),
        ("Vérification", f"code à usage unique envoyé par SMS au {masked}, "
                         f"vérifié (contrôle n° {signature.code_id})"),
        ("Référence de signature", str(signature.id)),
    ]
    for label, value in lines:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 7, _latin1(label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Courier" if label.startswith("SHA") else "Helvetica", size=10)
        pdf.multi_cell(0, 6, _latin1(value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, _latin1(
        "Cette signature porte sur la version et l'empreinte SHA-256 ci-dessus. Un document "
        "modifié après la signature n'est plus signé."))
    return bytes(pdf.output())


def signed_pdf_bytes(original: bytes, *, document: SharedDocument,
                     signature: DocumentSignature) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(original)))
    writer.append(PdfReader(io.BytesIO(signature_page(document, signature))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
