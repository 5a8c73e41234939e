"""lab board

Revision ID: a3c0ffee0003
Revises: a2c0ffee0002
Create Date: 2026-12-01 10:50:12.602268

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a3c0ffee0003'
down_revision: Union[str, Sequence[str], None] = 'a2c0ffee0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
