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
    op.create_table('message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum('TO_PRACTICE', 'TO_PATIENT', name='messagedirection'), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('author_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('read_by_practice_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('read_by_patient_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('filed_image_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['storedfile.id'], ),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], ),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_direction'), ['direction'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_message_patient_id'), ['patient_id'], unique=False)

    op.create_table('messagetemplate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['storedfile.id'], ),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('messagetemplate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messagetemplate_institution_id'), ['institution_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('messagetemplate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messagetemplate_institution_id'))

    op.drop_table('messagetemplate')
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_patient_id'))
        batch_op.drop_index(batch_op.f('ix_message_institution_id'))
        batch_op.drop_index(batch_op.f('ix_message_direction'))
        batch_op.drop_index(batch_op.f('ix_message_created_at'))

    op.drop_table('message')
    sa.Enum(name='messagedirection').drop(op.get_bind(), checkfirst=True)
