"""What the pipeline tests share: the status alias, a turnaround table, a Friday and the
Monday after it, and the days hypothesis draws."""

from datetime import date

from hypothesis import strategies as st

from ortho_app.services.lab_cases.pipeline import CaseStatus, CaseType

S = CaseStatus
TURNAROUND = {t: 10 for t in CaseType} | {CaseType.RETAINERS: 5}
FRI = date(2026, 3, 6)
MON = date(2026, 3, 9)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
