"""Index attempts by learner and quiz: the completion report groups on exactly that.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attempts_learner_bank", "attempts", ["learner_id", "bank_id"])


def downgrade() -> None:
    op.drop_index("ix_attempts_learner_bank", table_name="attempts")
