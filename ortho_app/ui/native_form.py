"""A plain HTML form that the browser submits itself (no Reflex submit handler).

Sign-in and sign-out post to HTTP routes that set or clear the httpOnly session cookie;
Reflex's own `rx.el.form` always prevents the browser's submission.
"""

from __future__ import annotations

from reflex.vars.base import Var
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    tag = "form"
    action: Var[str]
    method: Var[str]


native_form = NativeForm.create
