"""Sign-in page routes (the routes are contracts: keep each path as it is). The sign-in forms
post to the HTTP routes of `ortho_app/api/auth.py` (`core/urls.py`), which redirect here."""

from __future__ import annotations

from ortho_app.core import urls

STAFF_LOGIN = urls.STAFF_LOGIN
PATIENT_LOGIN = urls.PATIENT_LOGIN
PATIENT_CODE = urls.PATIENT_LOGIN_CODE
