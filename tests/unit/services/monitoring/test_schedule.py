from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ortho_app.services.monitoring.schedule import (
    FrequencyChanged,
    ImmediateScanRequested,
    PauseChanged,
    Paused,
    Resumed,
    ScanTaken,
    Schedule,
    ScheduleError,
    Started,
    Stopped,
    apply,
    fold,
)

D0 = date(2026, 11, 2)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_spec_example_immediate_scan_on_day_4_moves_next_scan_to_day_11():
    schedule = fold([Started(day(0), 7), ScanTaken(day(0)), ImmediateScanRequested(day(4)),
                     ScanTaken(day(4), immediate=True)])
    assert schedule.next_due(day(5)) == day(11)
    assert not schedule.immediate_requested


def test_regular_scans_every_frequency():
    schedule = fold([Started(day(0), 7), ScanTaken(day(0))])
    assert schedule.next_due(day(1)) == day(7)
    assert not schedule.reminder_due(day(6)) and schedule.reminder_due(day(7))
    assert fold([ScanTaken(day(7))], schedule).next_due(day(8)) == day(14)


def test_start_makes_the_first_scan_due_that_day():
    schedule = fold([Started(day(3), 10)])
    assert schedule.next_due(day(3)) == day(3) and schedule.reminder_due(day(3))


def test_no_reminders_while_paused_and_due_on_resume_date():
    schedule = fold([Started(day(0), 7), ScanTaken(day(0)), Paused(day(2), until=day(20))])
    assert schedule.state(day(10)) == "paused"
    assert not any(schedule.reminder_due(day(n)) for n in range(2, 20))
    assert schedule.next_due(day(10)) == day(20)
    assert schedule.state(day(20)) == "active" and schedule.reminder_due(day(20))
    resumed = fold([ScanTaken(day(20))], schedule)
    assert resumed.next_due(day(21)) == day(27)  # the frequency resynchronises from it


def test_pause_until_date_can_be_changed():
    schedule = fold([Started(day(0), 7), Paused(day(1), until=day(10)),
                     PauseChanged(day(3), until=day(15))])
    assert schedule.next_due(day(4)) == day(15) and schedule.paused_from == day(1)


def test_pause_without_end_has_no_due_date():
    schedule = fold([Started(day(0), 7), Paused(day(1), until=None)])
    assert schedule.next_due(day(100)) is None and not schedule.reminder_due(day(100))
    assert fold([Resumed(day(30))], schedule).next_due(day(30)) == day(30)


def test_pause_to_plan_a_scan_on_a_chosen_date():
    schedule = fold([Started(day(0), 14), ScanTaken(day(0)), Paused(day(3), until=day(9))])
    assert schedule.next_due(day(3)) == day(9)  # the check appointment day


def test_stop_keeps_history_and_refuses_scans():
    schedule = fold([Started(day(0), 7), ScanTaken(day(0)), Stopped(day(5))])
    assert schedule.state(day(5)) == "stopped" and schedule.next_due(day(5)) is None
    assert schedule.last_scan == day(0) and not schedule.can_send_scans()
    with pytest.raises(ScheduleError):
        apply(schedule, ScanTaken(day(6)))
    assert fold([Started(day(9), 7)], schedule).next_due(day(9)) == day(9)


def test_frequency_change_counts_from_last_scan():
    schedule = fold([Started(day(0), 7), ScanTaken(day(0)), FrequencyChanged(day(2), 14)])
    assert schedule.next_due(day(2)) == day(14)


@pytest.mark.parametrize("bad", [0, -5, 181, True, 7.5, "7"])
def test_invalid_frequencies_refused(bad):
    with pytest.raises(ScheduleError):
        fold([Started(day(0), bad)])


def test_resume_date_must_be_in_the_future():
    with pytest.raises(ScheduleError):
        fold([Started(day(0), 7), Paused(day(5), until=day(5))])


# Property tests: random action sequences over 120 days.
actions = st.lists(st.tuples(
    st.integers(0, 119),
    st.sampled_from(["scan", "immediate", "pause", "pause_open", "resume", "freq", "stop",
                     "start"]),
    st.integers(1, 30)), max_size=25)


def run(sequence):
    schedule = fold([Started(day(0), 7)])
    history = []
    for offset, kind, n in sorted(sequence):
        when = day(offset)
        event = {"scan": ScanTaken(when), "immediate": ScanTaken(when, immediate=True),
                 "pause": Paused(when, until=when + timedelta(days=n)),
                 "pause_open": Paused(when, until=None), "resume": Resumed(when),
                 "freq": FrequencyChanged(when, n), "stop": Stopped(when),
                 "start": Started(when, n)}[kind]
        try:
            new = apply(schedule, event)
        except ScheduleError:
            continue
        history.append((schedule, event, new))
        schedule = new
    return history


@settings(max_examples=300, deadline=None)
@given(actions)
def test_next_due_is_never_inside_a_pause(sequence):
    for _before, event, after in run(sequence):
        today = event.day
        if after.is_paused(today):
            due = after.next_due(today)
            assert due is None or due == after.paused_until
            assert not after.reminder_due(today)


@settings(max_examples=300, deadline=None)
@given(actions)
def test_an_immediate_scan_never_shortens_the_wait(sequence):
    for before, event, after in run(sequence):
        if isinstance(event, ScanTaken) and before.monitoring:
            due_before = before.next_due(event.day)
            due_after = after.next_due(event.day)
            if due_before is not None and due_after is not None:
                assert due_after >= due_before
            if due_after is not None and not after.is_paused(event.day):
                assert due_after > event.day


@settings(max_examples=200, deadline=None)
@given(actions)
def test_stopped_schedules_have_no_due_date(sequence):
    for _before, event, after in run(sequence):
        if not after.monitoring:
            assert after.next_due(event.day) is None and not after.reminder_due(event.day)


def test_default_schedule_is_not_monitoring():
    assert Schedule().state(D0) == "stopped"
