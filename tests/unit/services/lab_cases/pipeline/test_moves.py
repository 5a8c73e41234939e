"""Unit tests of the framework-free lab case pipeline (spec: lab-case-portal.txt, issue 5):
who may move a case from which status to which."""

from itertools import product

import pytest

from ortho_app.services.lab_cases.pipeline import (
    BOARD_ORDER,
    HOLD_REASON_NEEDED,
    Actor,
    CaseStatus,
    Colour,
    HoldReason,
    MoveRefused,
    allowed_targets,
    check_move,
    check_resubmit,
    colour_of,
    refusal_reason,
)
from tests.unit.services.lab_cases.pipeline.common import S

DOCTOR = Actor.DOCTOR
LAB = Actor.LAB_COORDINATOR


def refusal(current, target, actor, **kwargs) -> str:
    with pytest.raises(MoveRefused) as caught:
        check_move(current, target, actor, **kwargs)
    assert caught.value.reason == str(caught.value)
    return caught.value.reason


# --- moves ----------------------------------------------------------------------------------

def test_allow_lab_to_walk_case_from_processing_to_shipped():
    path = [S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN, S.PLANNING_SCHEDULED, S.MANUFACTURING,
            S.FINISHED, S.SHIPPED]
    for current, target in zip(path, path[1:], strict=False):
        check_move(current, target, LAB)


def test_allow_doctor_to_schedule_planning_when_ready_to_plan():
    check_move(S.READY_TO_PLAN, S.PLANNING_SCHEDULED, DOCTOR)


def test_allow_doctor_to_schedule_again_after_no_show():
    check_move(S.PLANNING_NO_SHOW, S.PLANNING_SCHEDULED, DOCTOR)


@pytest.mark.parametrize("current", [S.MISSING_CBCT_MODELS, S.PROCESSING, S.RECEIVED])
def test_refuse_doctor_scheduling_planning_before_ready_to_plan(current):
    assert '"Ready to Plan"' in refusal(current, S.PLANNING_SCHEDULED, DOCTOR)


@pytest.mark.parametrize("current", [S.MISSING_CBCT_MODELS, S.PLANNING_NO_SHOW, S.RECEIVED,
                                     S.READY_TO_PLAN])
def test_return_case_to_processing_when_doctor_resubmits(current):
    check_move(current, S.PROCESSING, DOCTOR)
    assert check_resubmit(current) is S.PROCESSING


def test_keep_processing_when_doctor_resubmits_processing_case():
    assert check_resubmit(S.PROCESSING) is S.PROCESSING
    assert "already" in refusal(S.PROCESSING, S.PROCESSING, DOCTOR)


@pytest.mark.parametrize("target", [S.READY_TO_PLAN, S.PROCESSING])
def test_refuse_doctor_changing_scheduled_planning_session(target):
    assert "cannot be changed in the portal" in refusal(S.PLANNING_SCHEDULED, target, DOCTOR)
    with pytest.raises(MoveRefused, match="contact the lab"):
        check_resubmit(S.PLANNING_SCHEDULED)


@pytest.mark.parametrize("current", [S.MANUFACTURING, S.FINISHED, S.SHIPPED])
def test_refuse_doctor_resubmitting_once_manufacturing_started(current):
    with pytest.raises(MoveRefused, match="contact the lab"):
        check_resubmit(current)


@pytest.mark.parametrize(("current", "target"), [
    (S.PROCESSING, S.RECEIVED), (S.RECEIVED, S.READY_TO_PLAN),
    (S.PLANNING_SCHEDULED, S.MANUFACTURING), (S.PROCESSING, S.MISSING_CBCT_MODELS)])
def test_refuse_doctor_making_lab_moves(current, target):
    reason = refusal(current, target, DOCTOR)
    assert "lab" in reason


def test_list_doctor_targets_per_status():
    assert {s: allowed_targets(s, DOCTOR) for s in BOARD_ORDER} == {
        S.MISSING_CBCT_MODELS: (S.PROCESSING,),
        S.PROCESSING: (),
        S.RECEIVED: (S.PROCESSING,),
        S.READY_TO_PLAN: (S.PROCESSING, S.PLANNING_SCHEDULED),
        S.PLANNING_SCHEDULED: (),
        S.PLANNING_NO_SHOW: (S.PROCESSING, S.PLANNING_SCHEDULED),
        S.MANUFACTURING: (), S.FINISHED: (), S.SHIPPED: (),
    }


def test_list_lab_targets_in_board_order():
    assert allowed_targets(S.PLANNING_SCHEDULED, LAB) == (
        S.MISSING_CBCT_MODELS, S.READY_TO_PLAN, S.PLANNING_NO_SHOW, S.MANUFACTURING)
    assert allowed_targets("Finished", "lab coordinator") == (S.MANUFACTURING, S.SHIPPED)


@pytest.mark.parametrize("reason", list(HoldReason))
def test_allow_lab_hold_with_each_reason_turning_case_red(reason):
    check_move(S.RECEIVED, S.MISSING_CBCT_MODELS, LAB, hold_reason=reason)
    assert colour_of(S.MISSING_CBCT_MODELS) is Colour.RED


def test_list_hold_reasons_of_the_issue():
    assert [r.value for r in HoldReason] == [
        "Missing anatomy", "Wrong arch", "Scan quality", "CBCT missing", "Other"]


def test_refuse_lab_hold_without_reason():
    assert refusal(S.PROCESSING, S.MISSING_CBCT_MODELS, LAB) == HOLD_REASON_NEEDED


def test_refuse_unknown_hold_reason():
    with pytest.raises(ValueError):
        check_move(S.PROCESSING, S.MISSING_CBCT_MODELS, LAB, hold_reason="Bad mood")


@pytest.mark.parametrize("current", [S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN,
                                     S.PLANNING_SCHEDULED])
def test_allow_lab_hold_before_manufacturing(current):
    check_move(current, S.MISSING_CBCT_MODELS, LAB, hold_reason=HoldReason.SCAN_QUALITY)


@pytest.mark.parametrize("current", [S.MANUFACTURING, S.FINISHED])
def test_refuse_lab_hold_once_manufacturing_started(current):
    reason = refusal(current, S.MISSING_CBCT_MODELS, LAB, hold_reason=HoldReason.OTHER)
    assert "no longer be put on hold" in reason


@pytest.mark.parametrize("target", [S.PROCESSING, S.RECEIVED])
def test_allow_lab_to_release_hold_when_files_arrive(target):
    check_move(S.MISSING_CBCT_MODELS, target, LAB)


def test_refuse_lab_skipping_received_after_hold():
    assert "once the files arrive" in refusal(S.MISSING_CBCT_MODELS, S.READY_TO_PLAN, LAB)


@pytest.mark.parametrize("target", [S.READY_TO_PLAN, S.RECEIVED, S.MANUFACTURING])
def test_keep_no_show_on_hold_until_planning_scheduled_again(target):
    assert "until a new planning session" in refusal(S.PLANNING_NO_SHOW, target, LAB)
    check_move(S.PLANNING_NO_SHOW, S.PLANNING_SCHEDULED, LAB)


def test_allow_no_show_only_from_scheduled_planning():
    check_move(S.PLANNING_SCHEDULED, S.PLANNING_NO_SHOW, LAB)
    assert "scheduled planning session" in refusal(S.READY_TO_PLAN, S.PLANNING_NO_SHOW, LAB)


def test_refuse_manufacturing_before_planning_session():
    assert "after the planning session" in refusal(S.READY_TO_PLAN, S.MANUFACTURING, LAB)


def test_refuse_shipping_before_finished():
    assert 'Only a "Finished" case' in refusal(S.MANUFACTURING, S.SHIPPED, LAB)


def test_refuse_finishing_case_not_in_manufacturing():
    assert '"Manufacturing"' in refusal(S.PLANNING_SCHEDULED, S.FINISHED, LAB)


def test_refuse_ready_to_plan_before_received():
    assert '"Received"' in refusal(S.PROCESSING, S.READY_TO_PLAN, LAB)


def test_refuse_lab_returning_case_to_processing():
    assert "doctor's submission" in refusal(S.RECEIVED, S.PROCESSING, LAB)


@pytest.mark.parametrize(("current", "target"), [
    (S.READY_TO_PLAN, S.RECEIVED), (S.PLANNING_SCHEDULED, S.READY_TO_PLAN),
    (S.FINISHED, S.MANUFACTURING)])
def test_allow_lab_corrections_one_step_back(current, target):
    check_move(current, target, LAB)


def test_name_allowed_targets_in_generic_refusal():
    reason = refusal(S.MANUFACTURING, S.RECEIVED, LAB)
    assert reason == ('A case cannot move from "Manufacturing" to "Received"; from '
                      '"Manufacturing" it can move to "Finished".')


@pytest.mark.parametrize(("actor", "target"), list(product(Actor, CaseStatus)))
def test_refuse_every_move_out_of_shipped(actor, target):
    assert refusal(S.SHIPPED, target, actor, hold_reason=HoldReason.OTHER)


@pytest.mark.parametrize(("actor", "status"), list(product(Actor, CaseStatus)))
def test_refuse_move_to_same_status(actor, status):
    assert f'already in "{status}"' in refusal(status, status, actor)


@pytest.mark.parametrize("actor", list(Actor))
def test_agree_check_move_with_allowed_targets_for_every_pair(actor):
    for current, target in product(CaseStatus, CaseStatus):
        reason = refusal_reason(current, target, actor, hold_reason=HoldReason.WRONG_ARCH)
        assert (reason is None) == (target in allowed_targets(current, actor))
        if reason is not None:
            assert reason.endswith(".") and len(reason) > 20


def test_accept_status_and_actor_labels_as_strings():
    check_move("Ready to Plan", "Planning Scheduled", "doctor")
    with pytest.raises(ValueError):
        check_move("Ready to Plan", "Planning Scheduled", "patient")
