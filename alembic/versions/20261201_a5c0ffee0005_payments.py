"""payments

Revision ID: a5c0ffee0005
Revises: a4c0ffee0004
Create Date: 2026-12-01 10:50:18.939781

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a5c0ffee0005'
down_revision: Union[str, Sequence[str], None] = 'a4c0ffee0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
