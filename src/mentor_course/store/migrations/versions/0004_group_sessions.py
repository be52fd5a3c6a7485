"""Live group check-ins: sessions with a join code, anonymous answers, attendance.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("bank_id", sa.String(80), nullable=False),
        sa.Column("cohort", sa.String(200)),
        sa.Column("question_index", sa.Integer, nullable=False),
        sa.Column(
            "started_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("group_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("participant", sa.String(64), nullable=False),
        sa.Column("question_id", sa.String(80), nullable=False),
        sa.Column("choices", sa.JSON, nullable=False),
        sa.UniqueConstraint("session_id", "participant", "question_id"),
    )
    op.create_table(
        "attendance",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("group_sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "learner_id",
            sa.Integer,
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )


def downgrade() -> None:
    op.drop_table("attendance")
    op.drop_table("live_answers")
    op.drop_table("group_sessions")
