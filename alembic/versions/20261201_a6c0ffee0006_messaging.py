"""messaging

Revision ID: a6c0ffee0006
Revises: a5c0ffee0005
Create Date: 2026-12-01 10:50:22.321151

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a6c0ffee0006'
down_revision: Union[str, Sequence[str], None] = 'a5c0ffee0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
