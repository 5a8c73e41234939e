"""The RX script: a PDF printed from the prescription ("Information placed in the description
box will be printed on the automatically generated RX script along with the teeth numbers, and
patient name"), generated as a job after each submission and attached to the case."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF
from sqlmodel import Session

from ortho_app.core import storage
from ortho_app.core.db import db_session
from ortho_app.core.jobs import finish_job, run_tracked, task
from ortho_app.models import Institution, Patient
from ortho_app.models.lab_cases import CaseFileKind, LabCase
from ortho_app.services.lab_cases.cases import case_ref, teeth_of
from ortho_app.services.lab_cases.files import attach_file, files_of
from ortho_app.services.lab_cases.teeth import Numbering, format_teeth
from ortho_app.services.patients.names import full_name

JOB_KIND = "lab_case.rx_script"


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1: typographic dashes and quotes are mapped, the rest '?'."""
    text = text.translate(str.maketrans({"—": "-", "–": "-", "’": "'", "“": '"', "”": '"',
                                         "…": "...", "œ": "oe", "Œ": "OE"}))
    return text.encode("latin-1", "replace").decode("latin-1")


def render_rx_script(*, case: LabCase, patient_name: str, practice: str, lab: str,
                     issued_on: date) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"RX script {case_ref(case.id)}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, "RX script", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    teeth = teeth_of(case)
    lines = [
        ("Case ID", case_ref(case.id)), ("Patient", patient_name), ("Practice", practice),
        ("Lab", lab), ("Case type", case.case_type),
        ("Teeth (FDI)", format_teeth(teeth)),
        ("Teeth (Universal)", format_teeth(teeth, Numbering.UNIVERSAL)),
        ("Date", issued_on.strftime("%d/%m/%Y")),
    ]
    for label, value in lines:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(45, 8, _latin1(label))
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 8, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "Description", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin1(case.rx_description), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_rx_script(session: Session, case: LabCase, *, actor: str, today: date):
    """Render the case's RX script, store it and attach it (flushed; the caller commits)."""
    patient = session.get(Patient, case.patient_id)
    practice = session.get(Institution, case.practice_id)
    lab = session.get(Institution, case.lab_id)
    data = render_rx_script(case=case, patient_name=full_name(patient),
                            practice=practice.name, lab=lab.name, issued_on=today)
    earlier = sum(1 for f in files_of(session, case.id) if f.kind == CaseFileKind.RX_SCRIPT)
    version = f"-v{earlier + 1}" if earlier else ""  # each submission keeps its own script
    stored = storage.save_stream([data],
                                 original_name=f"rx-script-{case_ref(case.id)}{version}.pdf",
                                 session=session, institution_id=case.practice_id,
                                 patient_id=case.patient_id, uploaded_by=actor,
                                 allowed_kinds=["pdf"])
    return attach_file(session, case, stored, actor=actor, kind=CaseFileKind.RX_SCRIPT)


@task
def generate_rx_script(job_id: int, case_id: int, actor: str) -> None:
    """Job: the RX script of a case (after creation or the doctor's resubmission); the script
    is attached in the transaction that finishes the job, so it is attached once."""

    def work(progress):
        progress(0.2, "Writing the RX script")
        with db_session() as session:
            case = session.get(LabCase, case_id)
            row = write_rx_script(session, case, actor=actor, today=date.today())
            finish_job(job_id, str(row.stored_file_id), message="RX script ready",
                       session=session)
            session.commit()

    run_tracked(job_id, work)
