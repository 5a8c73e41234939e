"""The guard's argument check: every registered handler has a model of its arguments, and a
payload is held to the handler's hints strictly (ints within 32 bits, nothing unknown)."""

from __future__ import annotations

import pytest

from ortho_app.core.authz import InvalidArguments
from ortho_app.ui.app_state import arguments_model, check_arguments
from tests.support.handlers import registry

HANDLERS = {h.name.rsplit(".", 2)[-2] + "." + h.name.rsplit(".", 1)[-1]: h.fn
            for h in registry() if h.name.startswith("reflex___state____state.ortho_app")}


def test_every_handler_of_ours_has_an_arguments_model():
    assert len(HANDLERS) > 100
    assert all(arguments_model(fn) is not None for fn in HANDLERS.values())


def _fn(suffix: str):
    return next(fn for name, fn in HANDLERS.items() if name.endswith(suffix))


@pytest.mark.parametrize("payload", [{"page": 3}, {"page": -1}, {"page": 2**31 - 1}])
def test_a_payload_of_the_hinted_types_passes(payload):
    check_arguments(_fn("clinic_state.go_to_page"), payload)


@pytest.mark.parametrize("payload", [{"page": "3"}, {"page": True}, {"page": 1.0},
                                     {"page": 2**31}, {"page": None}, {}, {"page": 1, "x": 2},
                                     [1], "page"])
def test_anything_else_is_refused(payload):
    with pytest.raises(InvalidArguments):
        check_arguments(_fn("clinic_state.go_to_page"), payload)


def test_text_flags_forms_and_files_are_held_to_their_types():
    check_arguments(_fn("new_case_state.choose_patient"), {"value": "12"})
    with pytest.raises(InvalidArguments):
        check_arguments(_fn("new_case_state.choose_patient"), {"value": 12})
    check_arguments(_fn("todo_state.toggle"), {"item_id": 1, "done": True})
    with pytest.raises(InvalidArguments):
        check_arguments(_fn("todo_state.toggle"), {"item_id": 1, "done": "true"})
    with pytest.raises(InvalidArguments):
        check_arguments(_fn("payments_console_state.choose_day"), {"form": "2026-01-01"})
    check_arguments(_fn("patient_messages_state.send"), {"files": []})
    with pytest.raises(InvalidArguments):
        check_arguments(_fn("patient_messages_state.send"), {"files": [{"name": "a.png"}]})
