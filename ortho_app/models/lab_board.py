"""Schema the lab's board adds to the lab case tables: an index for its columns.

The board shows, per status, the cases of the lab in ship-date order (every case, archived
by the doctor or not), so its queries filter on (lab_id, status) and sort on ship_date.
"""

from __future__ import annotations

from sqlalchemy import Index

from ortho_app.models.lab_cases import LabCase

BOARD_COLUMN_INDEX = Index("ix_labcase_board_column", LabCase.lab_id, LabCase.status,
                           LabCase.ship_date, LabCase.id)
