"""monitoring uploads

Revision ID: a8c0ffee0008
Revises: a7c0ffee0007
Create Date: 2026-12-01 10:50:28.118527

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = 'a8c0ffee0008'
down_revision: Union[str, Sequence[str], None] = 'a7c0ffee0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
