"""Unit tests of the framework-free lab case pipeline (spec: lab-case-portal.txt, issue 5):
business days and ship dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortho_app.services.lab_cases.pipeline import (
    RED_STATUSES,
    CaseStatus,
    CaseType,
    add_business_days,
    is_business_day,
    next_business_day,
    ship_date,
    ship_window,
)
from tests.unit.services.lab_cases.pipeline.common import FRI, MON, TURNAROUND, S, days

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

holiday_sets = st.sets(st.dates(min_value=date(2019, 12, 1), max_value=date(2036, 6, 30)),
                       max_size=60)


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
