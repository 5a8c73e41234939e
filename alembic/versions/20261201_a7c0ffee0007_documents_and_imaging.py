"""documents and imaging

Revision ID: a7c0ffee0007
Revises: a6c0ffee0006
Create Date: 2026-12-01 10:50:25.839408

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a7c0ffee0007'
down_revision: Union[str, Sequence[str], None] = 'a6c0ffee0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
