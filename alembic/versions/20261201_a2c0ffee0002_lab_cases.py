"""lab cases

Revision ID: a2c0ffee0002
Revises: a1c0ffee0001
Create Date: 2026-12-01 10:50:09.289600

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a2c0ffee0002'
down_revision: Union[str, Sequence[str], None] = 'a1c0ffee0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
