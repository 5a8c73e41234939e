"""The lab's whole board (nine columns: counts and first cards, as /lab loads it) on 5,000
cases, without and with filters. Prints `name: value` lines (medians); never fails."""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel  # noqa: E402

from bench.bench_cases import median_ms, populate  # noqa: E402
from ortho_app.core.db import make_engine  # noqa: E402
from ortho_app.services.lab_cases import board  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            _, coordinator = populate(session)
            plain = board.BoardFilters()
            filtered = board.BoardFilters(case_type="Aligners", ship_by=date(2026, 12, 10))
            more = {"Processing": board.MAX_COLUMN}
            for name, filters, limits in (("board_5k_ms", plain, None),
                                          ("board_5k_filtered_ms", filtered, None),
                                          ("board_5k_column_500_ms", plain, more)):
                ms = median_ms(lambda f=filters, lim=limits: board.board_columns(
                    session, coordinator, f, lim), runs=15)
                print(f"{name}: {ms:.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
