"""Dialect-specific index structures beside ``dir_search_entry``.

SQLite: an R*Tree of entry points and an FTS5 table, both keyed by the entry id.
PostgreSQL: a ``tsvector`` column with a GIN index, and, where the PostGIS extension can be
installed, a ``geography`` point with a GiST index for nearest-neighbour ordering.
Created by the migration and, for ``metadata.create_all`` (tests), by a table event.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from directory.search.models import SearchEntry

RTREE = "dir_search_rtree"
FTS = "dir_search_fts"
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


def postgis_available(connection: Connection) -> bool:
    """Whether the PostGIS extension is installed or can be installed on this server."""
    return bool(connection.execute(text(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
    )).scalar())


def has_postgis_column(connection: Connection) -> bool:
    return bool(connection.execute(text(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'dir_search_entry' AND column_name = 'geog'"
    )).scalar())


def create_search_structures(connection: Connection) -> None:
    """Create the R*Tree/FTS5 (SQLite) or tsvector/PostGIS (PostgreSQL) structures."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {RTREE} "
            "USING rtree(id, min_lat, max_lat, min_lon, max_lon)"
        ))
        connection.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
            f"search_text, tokenize='{FTS_TOKENIZER}')"
        ))
    elif dialect == "postgresql":
        connection.execute(text(
            "ALTER TABLE dir_search_entry ADD COLUMN IF NOT EXISTS search_vector tsvector"
        ))
        connection.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_dir_search_entry_vector "
            "ON dir_search_entry USING gin (search_vector)"
        ))
        if postgis_available(connection):
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            connection.execute(text(
                "ALTER TABLE dir_search_entry "
                "ADD COLUMN IF NOT EXISTS geog geography(Point, 4326)"
            ))
            connection.execute(text(
                "CREATE INDEX IF NOT EXISTS ix_dir_search_entry_geog "
                "ON dir_search_entry USING gist (geog)"
            ))


def drop_search_structures(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {RTREE}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS}"))


@event.listens_for(SearchEntry.__table__, "after_create")
def _after_create(target, connection, **kw):
    create_search_structures(connection)


@event.listens_for(SearchEntry.__table__, "before_drop")
def _before_drop(target, connection, **kw):
    drop_search_structures(connection)
