"""A case's attention rank follows its status, whoever sets it through the ORM (services,
demo, tests), so the doctor's default order pages in SQL through ix_labcase_practice_attention.
(A Core UPDATE of `status` must set `attention_rank` too.) Registered when this package is
imported — and every status a case can take is a name of this package's pipeline.
"""

from __future__ import annotations

from sqlalchemy import event

from ortho_app.models.lab_cases import LabCase
from ortho_app.services.lab_cases.pipeline.statuses import attention_rank


@event.listens_for(LabCase, "before_insert")
@event.listens_for(LabCase, "before_update")
def _rank_with_status(_mapper, _connection, target: LabCase) -> None:
    target.attention_rank = attention_rank(target.status)
