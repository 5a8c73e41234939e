"""Patient app page routes (the routes are contracts: keep each path as it is). The sign-in
pages belong to the login workspace: link to them with `core/urls.py` (`urls.PATIENT_LOGIN`)."""

from __future__ import annotations

from ortho_app.core import urls

HOME = urls.PATIENT_HOME
APPOINTMENTS = "/patient/appointments"
PAYMENTS = "/patient/payments"
MESSAGES = "/patient/messages"
DOCUMENTS = "/patient/documents"
MENU = "/patient/menu"
INFO = "/patient/info"
IMAGING = "/patient/imaging"
PRACTICE = "/patient/practice"
NOTIFICATIONS = "/patient/notifications"
PATIENTS = "/patient/patients"
SCAN = "/patient/scan"
SELECT = urls.PATIENT_LOGIN_SELECT  # the choice of linked patients after the SMS code
