"""Paging a list that is paged in SQL: the page count and the Previous / n of N / Next bar."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

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
