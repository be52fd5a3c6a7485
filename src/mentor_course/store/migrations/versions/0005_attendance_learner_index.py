"""Index attendance by learner: the completion report counts each learner's sessions.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attendance_learner", "attendance", ["learner_id"])


def downgrade() -> None:
    op.drop_index("ix_attendance_learner", table_name="attendance")
