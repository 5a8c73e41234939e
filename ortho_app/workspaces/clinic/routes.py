"""Clinic routes and the URL builders of its pages."""

from __future__ import annotations

import reflex as rx


def patient_url(patient_id: rx.Var, tail: str = "") -> rx.Var:
    return "/clinic/patients/" + patient_id.to_string() + tail
