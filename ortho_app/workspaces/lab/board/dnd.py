"""Mouse drag-and-drop of cards between columns (HTML5 drag events on plain elements).

Reflex has no drag triggers by default, so `DragArea` is a `div` that declares them. The
browser does the drag: a card's `dragstart` puts its case id into the drag data
(`data-case-id` attribute), a column accepts the drop (`dragover` must cancel the default)
and its `drop` sends one event with the column's status and the dropped case id. Nothing
moves in the page until the server answers: a refused move leaves the card where it was.
"""

from __future__ import annotations

from reflex.event import EventHandler
from reflex_base.vars.base import Var
from reflex_base.vars.function import FunctionStringVar
from reflex_base.vars.object import ObjectVar
from reflex_components_core.el.elements.typography import Div

DROP_TARGET_CLASS = "drop-target"


def _raw_event(e: ObjectVar) -> tuple[()]:
    return ()


def _dropped_case_id(e: ObjectVar) -> tuple[Var[str]]:
    return (Var(_js_expr=f"{e}.dataTransfer.getData('text/plain')").to(str),)


class DragArea(Div):
    """A `div` with the HTML5 drag-and-drop triggers."""

    on_drag_start: EventHandler[_raw_event]
    on_drag_enter: EventHandler[_raw_event]
    on_drag_over: EventHandler[_raw_event]
    on_drag_leave: EventHandler[_raw_event]
    on_drop: EventHandler[_dropped_case_id]


def _js(code: str) -> FunctionStringVar:
    return FunctionStringVar.create(f"({code})")


# The card being dragged: its case id is the drag data, "move" is the only effect.
START_DRAG = _js("(ev) => { ev.dataTransfer.setData('text/plain', "
                 "ev.currentTarget.dataset.caseId); ev.dataTransfer.effectAllowed = 'move'; }")
# A column accepts a drop only if dragover/dragenter cancel the default; it is highlighted
# while a card is over it.
ACCEPT_DRAG = _js(f"(ev) => {{ ev.preventDefault(); ev.dataTransfer.dropEffect = 'move'; "
                  f"ev.currentTarget.classList.add('{DROP_TARGET_CLASS}'); }}")
LEAVE_DRAG = _js(f"(ev) => {{ if (!ev.currentTarget.contains(ev.relatedTarget)) "
                 f"ev.currentTarget.classList.remove('{DROP_TARGET_CLASS}'); }}")
# Called with the drop trigger's arguments: (dropped case id, event).
CLEAR_TARGET = _js(f"(_caseId, ev) => ev.currentTarget.classList.remove('{DROP_TARGET_CLASS}')")

drag_area = DragArea.create


def draggable_card(*children, case_id: Var | int, **props) -> DragArea:
    """A card the mouse can drag; `case_id` goes into the drag data."""
    return drag_area(*children, draggable=True, custom_attrs={"data-case-id": case_id},
                     on_drag_start=START_DRAG, **props)


def drop_column(*children, on_drop, **props) -> DragArea:
    """A column that accepts cards; `on_drop` receives the dropped case id (a string)."""
    return drag_area(*children, on_drag_enter=ACCEPT_DRAG, on_drag_over=ACCEPT_DRAG,
                     on_drag_leave=LEAVE_DRAG, on_drop=[CLEAR_TARGET, on_drop], **props)
