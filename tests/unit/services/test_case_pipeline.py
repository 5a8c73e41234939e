"""Unit tests of the framework-free lab case pipeline (spec: lab-case-portal.txt, issue 5)."""

from datetime import UTC, date, datetime, timedelta, timezone
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortho_app.services.lab_cases.pipeline import (
    ATTENTION_ORDER,
    BOARD_ORDER,
    CBCT_REQUIRED,
    HOLD_REASON_NEEDED,
    RED_STATUSES,
    STATUS_HELP,
    Actor,
    CaseStatus,
    CaseType,
    Colour,
    HoldReason,
    MoveRefused,
    PrescriptionIncomplete,
    add_business_days,
    allowed_targets,
    as_case_type,
    attention_key,
    check_move,
    check_resubmit,
    colour_of,
    column_counts,
    intake_status,
    is_business_day,
    is_on_hold,
    missing_items,
    needs_cbct,
    next_business_day,
    refusal_reason,
    ship_date,
    ship_window,
)

S = CaseStatus
DOCTOR = Actor.DOCTOR
LAB = Actor.LAB_COORDINATOR
TURNAROUND = {t: 10 for t in CaseType} | {CaseType.RETAINERS: 5}
FRI = date(2026, 3, 6)
MON = date(2026, 3, 9)


def refusal(current, target, actor, **kwargs) -> str:
    with pytest.raises(MoveRefused) as caught:
        check_move(current, target, actor, **kwargs)
    assert caught.value.reason == str(caught.value)
    return caught.value.reason


# --- statuses, colours ----------------------------------------------------------------------

def test_list_statuses_in_board_order_with_spec_labels():
    assert [s.value for s in CaseStatus] == [
        "Missing CBCT/Models", "Processing", "Received", "Ready to Plan", "Planning Scheduled",
        "Planning No Show", "Manufacturing", "Finished", "Shipped"]
    assert BOARD_ORDER == tuple(CaseStatus)


@pytest.mark.parametrize(("status", "colour"), [
    (S.MISSING_CBCT_MODELS, Colour.RED),
    (S.PROCESSING, Colour.YELLOW),
    (S.RECEIVED, Colour.YELLOW),
    (S.READY_TO_PLAN, Colour.YELLOW),
    (S.PLANNING_SCHEDULED, Colour.GREEN),
    (S.PLANNING_NO_SHOW, Colour.RED),
    (S.MANUFACTURING, Colour.WHITE),
    (S.FINISHED, Colour.WHITE),
    (S.SHIPPED, Colour.WHITE),
])
def test_colour_status_as_spec_describes(status, colour):
    assert colour_of(status) is colour
    assert colour_of(status.value) is colour
    assert is_on_hold(status) == (colour is Colour.RED)


def test_use_every_colour_of_the_spec():
    assert {colour_of(s) for s in CaseStatus} == set(Colour)
    assert [c.value for c in Colour] == ["red", "yellow", "green", "white"]


def test_mark_effectively_on_hold_statuses_red():
    assert RED_STATUSES == {S.MISSING_CBCT_MODELS, S.PLANNING_NO_SHOW}


def test_explain_every_status_with_spec_text():
    assert set(STATUS_HELP) == set(CaseStatus)
    assert "2-7 days" in STATUS_HELP[S.MANUFACTURING]
    assert "next day" in STATUS_HELP[S.FINISHED]


def test_refuse_unknown_status_label():
    with pytest.raises(ValueError):
        colour_of("Lost")


# --- attention order and board counts -------------------------------------------------------

def test_sort_cases_red_first_then_yellow_green_white():
    day = date(2026, 1, 5)
    ordered = sorted(reversed(BOARD_ORDER), key=lambda s: attention_key(s, day))
    colours = [colour_of(s) for s in ordered]
    assert colours == sorted(colours, key=list(Colour).index)
    assert ordered == list(ATTENTION_ORDER)
    assert ordered[:2] == [S.MISSING_CBCT_MODELS, S.PLANNING_NO_SHOW]


def test_sort_ready_to_plan_first_among_yellow_statuses():
    day = date(2026, 1, 5)
    yellow = [s for s in BOARD_ORDER if colour_of(s) is Colour.YELLOW]
    assert sorted(yellow, key=lambda s: attention_key(s, day)) == [
        S.READY_TO_PLAN, S.RECEIVED, S.PROCESSING]


def test_sort_shipped_last_among_white_statuses():
    day = date(2026, 1, 5)
    assert max(BOARD_ORDER, key=lambda s: attention_key(s, day)) is S.SHIPPED


def test_sort_oldest_last_modified_first_within_a_status():
    old = attention_key(S.MISSING_CBCT_MODELS, date(2026, 1, 2))
    new = attention_key(S.MISSING_CBCT_MODELS, date(2026, 2, 2))
    assert old < new
    assert new < attention_key(S.PROCESSING, date(2020, 1, 1))  # colour beats age


def test_compare_dates_naive_and_aware_datetimes_in_attention_key():
    plus_two = timezone(timedelta(hours=2))
    keys = [attention_key(S.RECEIVED, date(2026, 1, 2)),
            attention_key(S.RECEIVED, datetime(2026, 1, 2, 9, 0, tzinfo=plus_two)),
            attention_key(S.RECEIVED, datetime(2026, 1, 2, 8, 0))]
    assert sorted(keys) == [keys[0], keys[1], keys[2]]
    assert keys[1][2] == datetime(2026, 1, 2, 7, 0)
    assert attention_key(S.RECEIVED, datetime(2026, 1, 2, 7, tzinfo=UTC)) == keys[1]


def test_count_columns_with_zero_for_empty_columns_in_board_order():
    counts = column_counts([S.PROCESSING, "Processing", S.SHIPPED])
    assert list(counts) == list(BOARD_ORDER)
    assert counts[S.PROCESSING] == 2 and counts[S.SHIPPED] == 1
    assert sum(counts.values()) == 3 and counts[S.FINISHED] == 0


def test_count_columns_of_empty_board():
    assert column_counts([]) == dict.fromkeys(BOARD_ORDER, 0)


def test_refuse_counting_unknown_status():
    with pytest.raises(ValueError):
        column_counts(["Cancelled"])


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


# --- business days and ship dates -----------------------------------------------------------

def test_add_business_days_across_weekend():
    assert FRI.strftime("%a") == "Fri"
    assert add_business_days(FRI, 1, set()) == MON
    assert add_business_days(FRI, 5, set()) == date(2026, 3, 13)


def test_add_business_days_from_weekend_start():
    assert add_business_days(date(2026, 3, 7), 1, set()) == MON
    assert add_business_days(date(2026, 3, 8), 0, set()) == MON


def test_add_zero_business_days_to_business_day():
    assert add_business_days(FRI, 0, set()) == FRI


def test_add_business_days_skipping_holidays():
    assert add_business_days(FRI, 1, {MON}) == date(2026, 3, 10)
    assert add_business_days(MON, 0, {MON}) == date(2026, 3, 10)


def test_add_business_days_across_year_end():
    holidays = {date(2026, 12, 25), date(2027, 1, 1)}
    assert add_business_days(date(2026, 12, 24), 1, holidays) == date(2026, 12, 28)
    assert add_business_days(date(2026, 12, 31), 1, holidays) == date(2027, 1, 4)
    assert add_business_days(date(2026, 12, 24), 6, holidays) == date(2027, 1, 5)


@pytest.mark.parametrize("n", [-1, 1.5, True])
def test_refuse_invalid_business_day_count(n):
    with pytest.raises(ValueError):
        add_business_days(FRI, n, set())


def test_tell_business_days_from_weekends_and_holidays():
    assert is_business_day(FRI, set()) and not is_business_day(date(2026, 3, 7), set())
    assert not is_business_day(MON, {MON})
    assert next_business_day(date(2026, 3, 7), {MON}) == date(2026, 3, 10)


@pytest.mark.parametrize("status", [S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN,
                                    S.PLANNING_SCHEDULED])
def test_compute_ship_date_from_turnaround_per_case_type(status):
    assert ship_date(status, FRI, CaseType.RETAINERS, TURNAROUND, set()) == date(2026, 3, 13)
    assert ship_date(status, FRI, CaseType.RETAINERS, TURNAROUND, {MON}) == date(2026, 3, 16)
    assert ship_date(status, FRI, CaseType.ALIGNERS, TURNAROUND, set()) == date(2026, 3, 20)


def test_look_up_turnaround_by_case_type_label():
    assert ship_date(S.PROCESSING, FRI, "Retainers", TURNAROUND) == date(2026, 3, 13)
    assert ship_date(S.PROCESSING, FRI, CaseType.RETAINERS, {"Retainers": 1}) == MON


def test_refuse_ship_date_without_turnaround_for_case_type():
    with pytest.raises(ValueError, match="no turnaround"):
        ship_date(S.RECEIVED, FRI, CaseType.EXPANDER, {CaseType.ALIGNERS: 5})
    with pytest.raises(ValueError, match="whole business days"):
        ship_date(S.RECEIVED, FRI, CaseType.EXPANDER, {CaseType.EXPANDER: -2})


@pytest.mark.parametrize("status", sorted(RED_STATUSES))
def test_give_red_status_no_ship_date(status):
    assert ship_date(status, FRI, CaseType.ALIGNERS, TURNAROUND, set()) is None
    assert ship_window(status, FRI, "unknown type", {}, set()) is None


def test_ship_manufacturing_case_within_2_to_7_business_days():
    earliest, latest = ship_window(S.MANUFACTURING, FRI, CaseType.ALIGNERS, {}, set())
    assert (earliest, latest) == (date(2026, 3, 10), date(2026, 3, 17))
    assert ship_date(S.MANUFACTURING, FRI, CaseType.ALIGNERS, {}, set()) == latest


def test_ship_manufacturing_case_later_over_holidays():
    holidays = {date(2026, 12, 25), date(2027, 1, 1)}
    window = ship_window(S.MANUFACTURING, date(2026, 12, 24), None, {}, holidays)
    assert window == (date(2026, 12, 29), date(2027, 1, 6))


def test_ship_finished_case_next_business_day():
    assert ship_date(S.FINISHED, FRI, CaseType.ALIGNERS, {}, set()) == MON
    holidays = {date(2027, 1, 1)}
    assert ship_date(S.FINISHED, date(2026, 12, 31), None, {}, holidays) == date(2027, 1, 4)


def test_keep_shipped_date_as_recorded():
    saturday = date(2026, 3, 7)
    assert ship_date(S.SHIPPED, saturday, CaseType.ALIGNERS, {}, set()) == saturday


# --- properties -----------------------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
holiday_sets = st.sets(st.dates(min_value=date(2019, 12, 1), max_value=date(2036, 6, 30)),
                       max_size=60)
cases = st.tuples(st.sampled_from(list(CaseStatus)),
                  st.one_of(days, st.datetimes(min_value=datetime(2020, 1, 1),
                                               max_value=datetime(2035, 12, 31))))


@settings(max_examples=400, deadline=None)
@given(status=st.sampled_from(sorted(set(CaseStatus) - RED_STATUSES - {S.SHIPPED})),
       entered=days, case_type=st.sampled_from(list(CaseType)),
       turnaround_days=st.integers(min_value=0, max_value=40), holidays=holiday_sets)
def test_never_ship_on_weekend_holiday_or_before_entered_date(status, entered, case_type,
                                                              turnaround_days, holidays):
    # holidays around the entered date make the skipping matter
    holidays = holidays | {entered + timedelta(days=i) for i in range(0, 9, 3)}
    shipped = ship_date(status, entered, case_type, {case_type: turnaround_days}, holidays)
    assert shipped is not None and shipped >= entered
    assert shipped.weekday() < 5 and shipped not in holidays
    earliest, latest = ship_window(status, entered, case_type, {case_type: turnaround_days},
                                   holidays)
    assert entered <= earliest <= latest == shipped


@settings(max_examples=300, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=60), holidays=holiday_sets)
def test_count_exactly_n_business_days_after_start(start, n, holidays):
    end = add_business_days(start, n, holidays)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_business_day(d, holidays) for d in between) == n
    assert is_business_day(end, holidays)


@settings(max_examples=300, deadline=None)
@given(a=cases, b=cases, c=cases)
def test_order_attention_totally_and_consistently_with_colours(a, b, c):
    ka, kb, kc = (attention_key(*x) for x in (a, b, c))
    assert [ka < kb, ka == kb, ka > kb].count(True) == 1
    if ka <= kb and kb <= kc:
        assert ka <= kc
    rank = list(Colour).index
    if rank(colour_of(a[0])) < rank(colour_of(b[0])):
        assert ka < kb
    if ka == kb:
        assert a[0] is b[0]


@settings(max_examples=100, deadline=None)
@given(st.lists(cases, max_size=40))
def test_sort_any_case_list_with_colours_in_attention_order(items):
    ordered = sorted(items, key=lambda x: attention_key(*x))
    ranks = [list(Colour).index(colour_of(status)) for status, _ in ordered]
    assert ranks == sorted(ranks)
