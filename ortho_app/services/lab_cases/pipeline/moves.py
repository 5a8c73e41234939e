"""Allowed moves between statuses, for the doctor and for the lab coordinator.

From the spec and the issue:
- the doctor's Submit on the case page (new files, RX description, teeth) "will change the
  status to Processing" and resets the ship date; allowed while the lab has not started the
  planning session: from Missing CBCT/Models, Processing (status unchanged, see
  `check_resubmit`), Received, Ready to Plan and Planning No Show. Not from Planning Scheduled
  ("cannot be changed through the user portal. Contact us"), nor once manufacturing started
  (the spec is silent; a lab would not let an RX change after milling began);
- the doctor schedules a planning session when the case is Ready to Plan, or again after a
  Planning No Show ("You may now schedule another planning session");
- every other move is the lab's. The lab follows the pipeline Processing → Received → Ready to
  Plan → Planning Scheduled → Manufacturing (session done) or Planning No Show → Finished →
  Shipped; it puts a case on hold (→ Missing CBCT/Models, red) with a structured hold reason
  from Processing up to Planning Scheduled ("Earlier in the process the case may switch to a red
  status if an issue is detected"), and takes it off hold to Processing or Received when the
  files arrive (uploaded, iTero/MeditLink or mail). A no-show stays on hold "until the doctor
  schedules again" (the lab may schedule for the doctor: "or optionally contact us").
- Spec silent, chosen: the lab may correct a few steps backwards — Ready to Plan → Received
  (more preparation), Planning Scheduled → Ready to Plan (an erroneously scheduled session the
  doctor asked to change), Finished → Manufacturing (rework). Shipped is final. Finished cannot
  be skipped on the way to Shipped.
"""

from __future__ import annotations

from .statuses import Actor, CaseStatus, HoldReason, as_status

S = CaseStatus

RESUBMITTABLE: frozenset[CaseStatus] = frozenset({
    S.MISSING_CBCT_MODELS, S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN, S.PLANNING_NO_SHOW})

HOLDABLE: frozenset[CaseStatus] = frozenset({
    S.PROCESSING, S.RECEIVED, S.READY_TO_PLAN, S.PLANNING_SCHEDULED})

_SCHEDULABLE = frozenset({S.READY_TO_PLAN, S.PLANNING_NO_SHOW})

_MOVES: dict[Actor, dict[CaseStatus, frozenset[CaseStatus]]] = {
    Actor.DOCTOR: {
        status: frozenset(
            ({S.PROCESSING} if status in RESUBMITTABLE and status is not S.PROCESSING else set())
            | ({S.PLANNING_SCHEDULED} if status in _SCHEDULABLE else set()))
        for status in S
    },
    Actor.LAB_COORDINATOR: {
        S.MISSING_CBCT_MODELS: frozenset({S.PROCESSING, S.RECEIVED}),
        S.PROCESSING: frozenset({S.RECEIVED, S.MISSING_CBCT_MODELS}),
        S.RECEIVED: frozenset({S.READY_TO_PLAN, S.MISSING_CBCT_MODELS}),
        S.READY_TO_PLAN: frozenset({S.PLANNING_SCHEDULED, S.RECEIVED, S.MISSING_CBCT_MODELS}),
        S.PLANNING_SCHEDULED: frozenset({S.MANUFACTURING, S.PLANNING_NO_SHOW, S.READY_TO_PLAN,
                                         S.MISSING_CBCT_MODELS}),
        S.PLANNING_NO_SHOW: frozenset({S.PLANNING_SCHEDULED}),
        S.MANUFACTURING: frozenset({S.FINISHED}),
        S.FINISHED: frozenset({S.SHIPPED, S.MANUFACTURING}),
        S.SHIPPED: frozenset(),
    },
}

HOLD_REASON_NEEDED = ("Choose a hold reason (missing anatomy, wrong arch, scan quality, "
                      "CBCT missing, other) so the doctor knows what to send.")


class MoveRefused(ValueError):
    """A move the pipeline forbids; `reason` is safe to show to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def allowed_targets(current: CaseStatus | str, actor: Actor | str) -> tuple[CaseStatus, ...]:
    """The statuses `actor` may move a case to from `current`, in board order."""
    targets = _MOVES[Actor(actor)][as_status(current)]
    return tuple(s for s in S if s in targets)


def _quoted(statuses: tuple[CaseStatus, ...]) -> str:
    return ", ".join(f'"{s}"' for s in statuses)


def _doctor_reason(current: CaseStatus, target: CaseStatus) -> str:
    if current is S.PLANNING_SCHEDULED:
        return ("A scheduled planning session cannot be changed in the portal; contact the lab "
                "to pick another date or time.")
    if current in (S.MANUFACTURING, S.FINISHED):
        return f'The case is in "{current}" at the lab; contact the lab to change it.'
    if target is S.PLANNING_SCHEDULED:
        return ('A planning session can be scheduled only when the case is "Ready to Plan" '
                '(or after a "Planning No Show").')
    return f'Only the lab can move a case to "{target}".'


def _lab_reason(current: CaseStatus, target: CaseStatus) -> str:
    if target is S.PROCESSING:
        return ('Only the doctor\'s submission returns a case to "Processing" (or the lab, once '
                'the missing CBCT/models arrive).')
    if current is S.PLANNING_NO_SHOW:
        return ('After a "Planning No Show" the case stays on hold until a new planning session '
                'is scheduled.')
    if current is S.MISSING_CBCT_MODELS:
        return ('A case missing its CBCT/models goes back to "Processing" or "Received" once the '
                'files arrive.')
    if target is S.MISSING_CBCT_MODELS:
        return (f'A case in "{current}" can no longer be put on hold for missing CBCT/models; '
                'holds are possible from "Processing" up to "Planning Scheduled".')
    if target is S.MANUFACTURING:
        return 'Manufacturing starts only after the planning session ("Planning Scheduled").'
    if target is S.FINISHED:
        return 'Only a case in "Manufacturing" can be marked "Finished".'
    if target is S.SHIPPED:
        return 'Only a "Finished" case can be shipped.'
    if target is S.PLANNING_NO_SHOW:
        return 'Only a scheduled planning session can be marked "Planning No Show".'
    if target is S.PLANNING_SCHEDULED:
        return ('A planning session can be scheduled only when the case is "Ready to Plan" '
                '(or after a "Planning No Show").')
    if target is S.READY_TO_PLAN and current in (S.PROCESSING,):
        return 'The files must be "Received" and prepared before the case is "Ready to Plan".'
    allowed = allowed_targets(current, Actor.LAB_COORDINATOR)
    return (f'A case cannot move from "{current}" to "{target}"; from "{current}" it can move '
            f"to {_quoted(allowed)}.")


def refusal_reason(current: CaseStatus | str, target: CaseStatus | str, actor: Actor | str, *,
                   hold_reason: HoldReason | str | None = None) -> str | None:
    """Why the move is forbidden (a sentence for the user), or None when it is allowed."""
    current, target, actor = as_status(current), as_status(target), Actor(actor)
    if hold_reason is not None:
        HoldReason(hold_reason)  # ValueError for an unknown reason
    if current is target:
        return f'The case is already in "{current}".'
    if current is S.SHIPPED:
        return '"Shipped" is the last step: a shipped case cannot be moved.'
    if target in _MOVES[actor][current]:
        if (actor is Actor.LAB_COORDINATOR and target is S.MISSING_CBCT_MODELS
                and hold_reason is None):
            return HOLD_REASON_NEEDED
        return None
    if actor is Actor.DOCTOR:
        return _doctor_reason(current, target)
    return _lab_reason(current, target)


def check_move(current: CaseStatus | str, target: CaseStatus | str, actor: Actor | str, *,
               hold_reason: HoldReason | str | None = None) -> None:
    """Raise `MoveRefused(reason)` unless `actor` may move the case from `current` to `target`.

    The lab putting a case on hold (→ "Missing CBCT/Models") must give a `hold_reason`; the
    doctor sees it and the case turns red. `hold_reason` is ignored for other moves.
    """
    reason = refusal_reason(current, target, actor, hold_reason=hold_reason)
    if reason is not None:
        raise MoveRefused(reason)


def check_resubmit(current: CaseStatus | str) -> CaseStatus:
    """The doctor's Submit on the case page: the status it leads to ("Processing").

    The ship date is reset as for a new case (restart its clock on the submission date).
    Raises `MoveRefused` once the planning session is scheduled or manufacturing started.
    """
    current = as_status(current)
    if current not in RESUBMITTABLE:
        if current is S.SHIPPED:
            raise MoveRefused("A shipped case cannot be changed; contact the lab.")
        raise MoveRefused(_doctor_reason(current, S.PROCESSING))
    return S.PROCESSING
