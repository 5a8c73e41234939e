"""Paging a list that is paged in SQL: the page count and the Previous / n of N / Next bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import reflex as rx
from pydantic import BaseModel, Field

from ortho_app.core.authz import validate
from ortho_app.core.security.sessions import Principal
from ortho_app.ui.app_state import guarded
from ortho_app.ui.i18n import t


def page_count(total: int, page_size: int) -> int:
    """How many pages `total` rows make (at least one, so "1 / 1" shows for an empty list)."""
    return max(1, -(-total // page_size))


def pager(page: rx.Var, pages: rx.Var, go_to: Callable, *after: rx.Component,
          **count_props) -> rx.Component:
    """Previous, "page / pages", Next (`go_to(n)` is the state's event), then `after`."""
    return rx.hstack(
        rx.button(t("previous"), variant="soft", size="1", disabled=page == 0,
                  on_click=go_to(page - 1)),
        rx.text(page + 1, " / ", pages, size="2", **count_props),
        rx.button(t("next"), variant="soft", size="1", disabled=page + 1 >= pages,
                  on_click=go_to(page + 1)),
        *after,
        align="center", spacing="3",
    )


class PageArg(BaseModel):
    model_config = {"strict": True}
    page: int = Field(ge=0, le=100_000)


class PagedList(rx.State, mixin=True):
    """A list paged in SQL: its page, its total and `go_to_page`. The state names its
    `_page_size` and loads a page in `_load(principal, page=n)`."""

    _page_size: ClassVar[int] = 20
    page: int = 0
    total: int = 0

    def _load(self, principal: Principal, **changes) -> None:
        raise NotImplementedError

    @rx.var
    def page_count(self) -> int:
        return page_count(self.total, self._page_size)

    @rx.event
    @guarded
    def go_to_page(self, principal: Principal, page: int):
        self._load(principal, page=validate(PageArg, {"page": page}).page)
