"""institution language: the default language of a practice's or lab's screens and messages

Revision ID: a9c0ffee0009
Revises: a8c0ffee0008
Create Date: 2026-12-01 23:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'a9c0ffee0009'
down_revision: Union[str, Sequence[str], None] = 'a8c0ffee0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('institution') as batch:
        batch.add_column(sa.Column('language', sa.String(length=5), nullable=False,
                                   server_default='fr'))


def downgrade() -> None:
    with op.batch_alter_table('institution') as batch:
        batch.drop_column('language')
