"""People kept apart, cohorts as records, and the coordinator's workspace.

- Learners may share a name: the unique constraint on `learners.name` goes, and
  `name_key` (the name as `fields.match_key` compares it) is indexed instead.
- Cohorts are matched case-insensitively: `cohorts.name_key` is unique. Cohorts that
  differed only in case ("spring 2027" beside "Spring 2027") become the oldest of them,
  with every learner in them. Cohorts gain an optional due date.
- Enrollment links note when they were first opened and when they were revoked.
- New tables: emails sent to learners, certificates of completion, server settings.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from mentor_course.fields import match_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _learners_without_unique_name() -> sa.Table:
    """`learners` as 0001 made it, minus the name's uniqueness: SQLite's batch copy uses it
    (the unique constraint there has no name, so it cannot be dropped by one)."""
    return sa.Table(
        "learners",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("external_id", sa.String(200), unique=True),
        sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id")),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )


@contextmanager
def _foreign_keys_off_on_sqlite() -> Iterator[None]:
    """SQLite's generalized ALTER TABLE rebuilds a table, and dropping the old one with
    foreign keys on would delete every row that refers to it (attempts, links, sessions,
    attendance) by ON DELETE CASCADE. SQLite ignores the pragma inside a transaction, so
    the upgrade so far is committed first; the rebuild is checked before it is committed."""
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("COMMIT")
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.exec_driver_sql("BEGIN IMMEDIATE")
    yield
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    assert not dangling, f"rows refer to rows that are gone after the rebuild: {dangling}"
    connection.exec_driver_sql("COMMIT")
    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _fill_keys(table: str) -> None:
    connection = op.get_bind()
    for row_id, name in connection.execute(sa.text(f"SELECT id, name FROM {table}")).all():
        connection.execute(
            sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"),
            {"key": match_key(name), "id": row_id},
        )


def _merge_cohorts_differing_in_case() -> None:
    connection = op.get_bind()
    kept: dict[str, int] = {}
    rows = connection.execute(sa.text("SELECT id, name_key FROM cohorts ORDER BY created_at, id"))
    for cohort_id, key in rows.all():
        if key not in kept:
            kept[key] = cohort_id
            continue
        connection.execute(
            sa.text("UPDATE learners SET cohort_id = :kept WHERE cohort_id = :gone"),
            {"kept": kept[key], "gone": cohort_id},
        )
        connection.execute(sa.text("DELETE FROM cohorts WHERE id = :gone"), {"gone": cohort_id})


def upgrade() -> None:
    with _foreign_keys_off_on_sqlite():
        _people_and_cohorts()
    _links_emails_certificates_settings()


def _people_and_cohorts() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "learners", copy_from=_learners_without_unique_name(), recreate="always"
        ) as table:
            table.add_column(sa.Column("name_key", sa.String(200), nullable=True))
    else:
        op.drop_constraint("learners_name_key", "learners", type_="unique")
        op.add_column("learners", sa.Column("name_key", sa.String(200), nullable=True))
    _fill_keys("learners")
    with op.batch_alter_table("learners") as table:
        table.alter_column("name_key", existing_type=sa.String(200), nullable=False)
        table.create_index("ix_learners_name_key", ["name_key", "id"])

    with op.batch_alter_table("cohorts") as table:
        table.add_column(sa.Column("name_key", sa.String(200), nullable=True))
        table.add_column(sa.Column("due_on", sa.Date, nullable=True))
    _fill_keys("cohorts")
    _merge_cohorts_differing_in_case()
    with op.batch_alter_table("cohorts") as table:
        table.alter_column("name_key", existing_type=sa.String(200), nullable=False)
        table.create_unique_constraint("uq_cohorts_name_key", ["name_key"])


def _links_emails_certificates_settings() -> None:
    with op.batch_alter_table("enrollment_links") as table:
        table.add_column(sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        "sent_emails",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "learner_id",
            sa.Integer,
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("problem", sa.String(500), nullable=True),
    )
    op.create_index("ix_sent_emails_learner", "sent_emails", ["learner_id"])
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column(
            "learner_id",
            sa.Integer,
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("completed_on", sa.Date, nullable=False),
        sa.Column(
            "issued_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(1000), nullable=False),
    )


def downgrade() -> None:
    with _foreign_keys_off_on_sqlite():
        _downgrade()


def _downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("certificates")
    op.drop_index("ix_sent_emails_learner", "sent_emails")
    op.drop_table("sent_emails")
    with op.batch_alter_table("enrollment_links") as table:
        table.drop_column("revoked_at")
        table.drop_column("opened_at")
    with op.batch_alter_table("cohorts") as table:
        table.drop_constraint("uq_cohorts_name_key", type_="unique")
        table.drop_column("due_on")
        table.drop_column("name_key")
    with op.batch_alter_table("learners") as table:
        table.drop_index("ix_learners_name_key")
        table.drop_column("name_key")
        table.create_unique_constraint("learners_name_key", ["name"])
