"""Scan review: the queue and one scan with its photos, previous scans and the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core import outbox, urls
from ortho_app.core.authz import CLINIC, Access, Refused, authorize_patient, validate
from ortho_app.core.db import db_session
from ortho_app.core.security.sessions import Principal
from ortho_app.models import Patient, Scan, Verdict
from ortho_app.services.monitoring import review as scan_review
from ortho_app.services.patients.names import list_name
from ortho_app.ui.app_state import AppState, guarded
from ortho_app.ui.pager import page_count
from ortho_app.ui.routing import route_arg
from ortho_app.ui.views import format_date
from ortho_app.ui.workspace import WorkspaceState

VERDICT_LABELS = {"go": "GO", "no_go": "NO-GO", "see_doctor": "SEE THE DOCTOR"}
QUEUE_PAGE = 50


class PageRef(BaseModel):
    model_config = {"strict": True}
    page: int = Field(ge=0, le=100_000)


class ScanRef(BaseModel):
    scan_id: int


class VerdictForm(BaseModel):
    model_config = {"strict": True}
    verdict: Literal["go", "no_go", "see_doctor"]
    note: str = Field(default="", max_length=2000)


@dataclass
class QueueRow:
    scan_id: int
    patient: str
    taken_on: str
    immediate: bool
    aligner: int


@dataclass
class Photo:
    url: str
    label: str


@dataclass
class PastScan:
    scan_id: int
    taken_on: str
    verdict: str


def _photos(session, scan_id: int) -> list[Photo]:
    return [Photo(urls.file_url(p.file_id), p.label)
            for p in scan_review.photos_of(session, scan_id)]


class ReviewState(WorkspaceState, AppState):
    _access: ClassVar[Access] = CLINIC
    queue: list[QueueRow] = []
    queue_total: int = 0
    queue_page: int = 0
    scan_id: int = 0
    patient_name: str = ""
    patient_id: int = 0
    taken_on: str = ""
    aligner: int = 0
    photos: list[Photo] = []
    current: int = 0
    zoomed: bool = False
    previous: list[PastScan] = []
    compare_photos: list[Photo] = []
    compare_date: str = ""
    note: str = ""
    done_verdict: str = ""

    @rx.var
    def queue_pages(self) -> int:
        return page_count(self.queue_total, QUEUE_PAGE)

    @rx.event
    @guarded
    def load_queue(self, principal: Principal):
        self.queue_page = 0
        self._fill_queue(principal)

    @rx.event
    @guarded
    def go_to_queue_page(self, principal: Principal, page: int):
        self.queue_page = validate(PageRef, {"page": page}).page
        self._fill_queue(principal)

    def _fill_queue(self, principal: Principal) -> None:
        with db_session() as session:
            entries, self.queue_total = scan_review.review_queue(
                session, principal, limit=QUEUE_PAGE, offset=self.queue_page * QUEUE_PAGE)
            if not entries and self.queue_page > 0:  # past the end (the queue shrank)
                self.queue_page = max(0, self.queue_pages - 1)
                entries, self.queue_total = scan_review.review_queue(
                    session, principal, limit=QUEUE_PAGE, offset=self.queue_page * QUEUE_PAGE)
        self.queue = [QueueRow(e.scan.id, list_name(e.patient),
                               format_date(e.scan.taken_on), e.scan.immediate,
                               e.scan.aligner_number) for e in entries]

    def _scan(self, session, principal: Principal, scan_id) -> Scan:
        scan = session.get(Scan, validate(ScanRef, {"scan_id": scan_id}).scan_id)
        if scan is None:
            raise Refused("This record is not available")
        authorize_patient(session, principal, scan.patient_id, action="scan.review")
        return scan

    @rx.event
    @guarded
    def load_scan(self, principal: Principal):
        with db_session() as session:
            scan = self._scan(session, principal, route_arg(self, "scan_id"))
            patient = session.get(Patient, scan.patient_id)
            self.photos = _photos(session, scan.id)
            self.previous = [PastScan(s.id, format_date(s.taken_on),
                                      VERDICT_LABELS.get(s.verdict or "", "awaiting review"))
                             for s in scan_review.previous_scans(session, scan)]
            session.commit()
        self.scan_id, self.patient_id = scan.id, patient.id
        self.patient_name = list_name(patient)
        self.taken_on, self.aligner = format_date(scan.taken_on), scan.aligner_number
        self.current, self.zoomed, self.note = 0, False, ""
        self.compare_photos, self.compare_date = [], ""
        self.done_verdict = VERDICT_LABELS.get(scan.verdict or "", "")

    @rx.event
    def show_photo(self, index: int):
        if isinstance(index, int) and not isinstance(index, bool) and self.photos:
            self.current = index % len(self.photos)

    @rx.event
    def edit_note(self, value: str):
        if isinstance(value, str):
            self.note = value[:2000]

    @rx.event
    def zoom(self, on: bool):
        self.zoomed = on is True

    @rx.event
    @guarded
    def compare_with(self, principal: Principal, scan_id: int):
        with db_session() as session:
            other = self._scan(session, principal, scan_id)
            if other.patient_id != self.patient_id:
                raise Refused("Compare scans of the same patient")
            self.compare_photos = _photos(session, other.id)
            self.compare_date = format_date(other.taken_on)
            session.commit()

    @rx.event
    @guarded
    def record_verdict(self, principal: Principal, verdict: str, note: str):
        data = validate(VerdictForm, {"verdict": verdict, "note": note})
        try:
            with db_session() as session:
                scan = self._scan(session, principal, self.scan_id)
                patient = session.get(Patient, scan.patient_id)
                scan_review.record_verdict(session, scan, patient, verdict=Verdict(data.verdict),
                                           note=data.note, actor=principal.actor,
                                           today=date.today())
                session.commit()
        except scan_review.ReviewError as exc:
            raise Refused(str(exc)) from None
        outbox.request_delivery()
        self.done_verdict = VERDICT_LABELS[data.verdict]
        return rx.toast.success(f"Verdict recorded: {self.done_verdict}", duration=4000)
