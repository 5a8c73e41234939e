"""Clinic page routes (the routes are contracts: keep each path as it is). Links with
arguments are built with `ortho_app.ui.routing.link_to(routes.PATIENT_CARD, patient_id=…)`."""

from __future__ import annotations

from ortho_app.core import urls

PATIENTS = urls.CLINIC_HOME  # the patient list, the clinic's home
PATIENT_CARD = "/clinic/patients/[patient_id]"
PATIENT_MODELS = "/clinic/patients/[patient_id]/models"
PATIENT_DOCUMENTS = "/clinic/patients/[patient_id]/documents"
PATIENT_IMAGING = "/clinic/patients/[patient_id]/imaging"
PATIENT_PAYMENTS = "/clinic/patients/[patient_id]/payments"
REVIEW = "/clinic/review"
REVIEW_SCAN = "/clinic/review/[scan_id]"
TODO = "/clinic/todo"
CASES = "/clinic/cases"
NEW_CASE = "/clinic/cases/new"
CASE = urls.CLINIC_CASE
CASE_CONFIRMATION = "/clinic/cases/[case_id]/confirmation"
MESSAGES = "/clinic/messages"
THREAD = "/clinic/messages/[patient_id]"
MESSAGE_TEMPLATES = "/clinic/messages/templates"
CHANGES = "/clinic/changes"
