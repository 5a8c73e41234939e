"""appointments and reminders

Revision ID: a4c0ffee0004
Revises: a3c0ffee0003
Create Date: 2026-12-01 10:50:15.958946

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a4c0ffee0004'
down_revision: Union[str, Sequence[str], None] = 'a3c0ffee0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
