"""Alembic environment for the directory's own tables (``dir_*``)."""

from __future__ import annotations

import logging
import warnings

from alembic import context
from flask import current_app
from sqlalchemy.exc import SAWarning

import directory.accounts.models  # noqa: F401 - register every model on the metadata
import directory.catalog.models  # noqa: F401
import directory.geo.models  # noqa: F401
import directory.search.models  # noqa: F401
from directory.database import Base
from directory.migrations_runner import VERSION_TABLE

logger = logging.getLogger("alembic.env")
target_metadata = Base.metadata


# SQLite virtual tables (R*Tree, FTS5) and their shadow tables belong to the search index's own
# DDL (directory/search/structures.py), not to the metadata.
SEARCH_STRUCTURES = ("dir_search_fts", "dir_search_rtree")


# PostgreSQL companions of dir_search_entry, added by the same DDL.
SEARCH_COMPANIONS = ("search_vector", "geog", "ix_dir_search_entry_vector",
                     "ix_dir_search_entry_geog")


def include_object(obj, name, type_, reflected, compare_to):
    # Only our tables: a host application's tables in the same database are not ours to touch.
    if type_ == "table":
        return name.startswith("dir_") and not name.startswith(SEARCH_STRUCTURES)
    if type_ in ("column", "index") and reflected and compare_to is None:
        return name not in SEARCH_COMPANIONS
    return True


def _engine():
    return current_app.extensions["directory"].db.engine


def run_migrations_offline() -> None:
    context.configure(
        url=str(_engine().url),
        target_metadata=target_metadata,
        literal_binds=True,
        version_table=VERSION_TABLE,
        include_object=include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table=VERSION_TABLE,
            include_object=include_object,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction(), warnings.catch_warnings():
            # Reflection does not know PostGIS's geography (a search companion, excluded above).
            warnings.filterwarnings("ignore", "Did not recognize type 'geography'", SAWarning)
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
