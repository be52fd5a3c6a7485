"""Live check-ins: participants issued by the server, and sessions that end.

A participant is a row made when a phone joins; its browser holds a random
token whose SHA-256 is kept here, so a made-up or copied-over id counts for
nothing. `ended_at` closes a session to new answers and opens its summary.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("group_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "joined_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    with op.batch_alter_table("group_sessions") as table:
        table.add_column(sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("group_sessions") as table:
        table.drop_column("ended_at")
    op.drop_table("live_participants")
