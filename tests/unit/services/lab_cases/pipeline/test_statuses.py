"""Unit tests of the framework-free lab case pipeline (spec: lab-case-portal.txt, issue 5):
statuses and colours, attention order and board counts."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortho_app.services.lab_cases.pipeline import (
    ATTENTION_ORDER,
    BOARD_ORDER,
    RED_STATUSES,
    STATUS_HELP,
    CaseStatus,
    Colour,
    attention_key,
    colour_of,
    column_counts,
    is_on_hold,
)
from tests.unit.services.lab_cases.pipeline.common import S, days

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


# --- properties -----------------------------------------------------------------------------

cases = st.tuples(st.sampled_from(list(CaseStatus)),
                  st.one_of(days, st.datetimes(min_value=datetime(2020, 1, 1),
                                               max_value=datetime(2035, 12, 31))))


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
