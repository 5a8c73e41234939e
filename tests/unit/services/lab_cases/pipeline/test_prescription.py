"""Unit tests of the framework-free lab case pipeline (spec: lab-case-portal.txt, issue 5):
the intake status of a prescription and what it misses."""

import pytest

from ortho_app.services.lab_cases.pipeline import (
    CBCT_REQUIRED,
    CaseType,
    Colour,
    PrescriptionIncomplete,
    as_case_type,
    colour_of,
    intake_status,
    missing_items,
    needs_cbct,
    ship_date,
)
from tests.unit.services.lab_cases.pipeline.common import MON, TURNAROUND, S

# --- prescription ---------------------------------------------------------------------------

def test_accept_complete_prescription_into_processing():
    assert intake_status(CaseType.ALIGNERS, True, False, [11, 21], "Class II") is S.PROCESSING
    assert missing_items(CaseType.ALIGNERS, True, False, [11, 21], "Class II") == []


def test_place_case_without_models_in_missing_cbct_models_without_ship_date():
    status = intake_status(CaseType.RETAINERS, False, False, [16], "Retainer upper")
    assert status is S.MISSING_CBCT_MODELS and colour_of(status) is Colour.RED
    assert ship_date(status, MON, CaseType.RETAINERS, TURNAROUND) is None


@pytest.mark.parametrize("case_type", sorted(CBCT_REQUIRED))
def test_place_cbct_case_without_cbct_in_missing_cbct_models(case_type):
    assert needs_cbct(case_type)
    assert missing_items(case_type, True, False, ["13"], "guide") == ["CBCT"]
    assert intake_status(case_type, True, False, ["13"], "guide") is S.MISSING_CBCT_MODELS
    assert intake_status(case_type, True, True, ["13"], "guide") is S.PROCESSING


@pytest.mark.parametrize("case_type", sorted(set(CaseType) - CBCT_REQUIRED))
def test_accept_models_only_case_type_without_cbct(case_type):
    assert not needs_cbct(case_type)
    assert intake_status(case_type, True, False, [11], "rx") is S.PROCESSING


@pytest.mark.parametrize(("case_type", "teeth", "rx", "missing"), [
    (CaseType.ALIGNERS, [], "rx", ["teeth numbers"]),
    (CaseType.ALIGNERS, ["", " "], "rx", ["teeth numbers"]),
    (CaseType.ALIGNERS, [11], "   ", ["RX description"]),
    (CaseType.ALIGNERS, None, None, ["teeth numbers", "RX description"]),
    ("", [11], "rx", ["case type"]),
    ("Dentures", [11], "rx", ["case type"]),
])
def test_refuse_prescription_missing_written_items(case_type, teeth, rx, missing):
    with pytest.raises(PrescriptionIncomplete) as caught:
        intake_status(case_type, True, True, teeth, rx)
    assert caught.value.missing == missing
    assert all(item in str(caught.value) for item in missing)


def test_refuse_with_written_items_only_when_files_also_missing():
    with pytest.raises(PrescriptionIncomplete) as caught:
        intake_status(CaseType.TAD_GUIDE, False, False, [], "rx")
    assert caught.value.missing == ["teeth numbers"]
    assert str(caught.value) == "The prescription is incomplete; please add: teeth numbers."


def test_list_missing_items_in_form_order():
    assert missing_items(CaseType.SURGICAL_SPLINT, False, False, [], "") == [
        "teeth numbers", "RX description", "models (STL scans)", "CBCT"]
    assert missing_items(None, False, False, [], "") == [
        "case type", "teeth numbers", "RX description", "models (STL scans)"]


def test_find_case_type_by_label_ignoring_case():
    assert as_case_type(" tad GUIDE ") is CaseType.TAD_GUIDE
    assert as_case_type("nope") is None and as_case_type(None) is None
