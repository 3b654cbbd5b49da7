"""Run our Alembic migrations on the app's database, with our own version table.

Our chain is separate from a host application's: it lives in the package and records its
revision in ``directory_alembic_version``, so a host's own migrations never collide with it.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from flask import current_app

from directory.paths import MIGRATIONS_DIR

VERSION_TABLE = "directory_alembic_version"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["flask_app"] = current_app._get_current_object()
    return config


def upgrade(revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (needs an app context)."""
    command.upgrade(alembic_config(), revision)


def downgrade(revision: str) -> None:
    command.downgrade(alembic_config(), revision)


def current_revision() -> str | None:
    """The revision the database is at, or None when our tables were never created."""
    from alembic.runtime.migration import MigrationContext

    engine = current_app.extensions["directory"].db.engine
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()
