"""Test databases: the one chosen with ``--database-url`` / ``TEST_DATABASE_URL``, and scratch
copies of the same kind (a fresh PostgreSQL database, or a new SQLite file) for tests that need
a database of their own (migrations from empty, the live server of browser tests)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from directory.settings import normalise_database_url


def test_database_url() -> str | None:
    """The database the suite runs on; None means SQLite (in memory or a temp file)."""
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


def is_postgres() -> bool:
    url = test_database_url()
    return bool(url) and url.startswith("postgresql")


def scratch_database_url(name: str) -> str:
    """A new empty database of the suite's kind, called ``name`` (dropped first if it exists)."""
    url = test_database_url()
    if url and url.startswith("postgresql"):
        base = make_url(url)
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        database = f"{base.database}_{name}"
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
        return base.set(database=database).render_as_string(hide_password=False)
    folder = Path(tempfile.mkdtemp(prefix=f"directory-{name}-"))
    return f"sqlite:///{folder / 'directory.sqlite3'}"


def drop_scratch_database(url: str) -> None:
    """Remove a database made by :func:`scratch_database_url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        admin.dispose()
    elif parsed.database:
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
