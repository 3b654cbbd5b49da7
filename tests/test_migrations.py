"""Our Alembic chain on an empty database of the suite's kind, through ``flask directory``."""

from __future__ import annotations

import warnings

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import SAWarning

from directory import create_app, migrations_runner
from directory.database import Base
from directory.paths import MIGRATIONS_DIR
from directory.search.structures import FTS, RTREE
from tests import dbutil
from tests.conftest import SMALL_CATALOG, app_settings, dispose_engines, scratch_name

VERSION_TABLE = migrations_runner.VERSION_TABLE
COMPANION_COLUMNS = {("dir_search_entry", "search_vector"), ("dir_search_entry", "geog")}
COMPANION_INDEXES = {"ix_dir_search_entry_vector", "ix_dir_search_entry_geog"}
OUR_TABLES = {table.name for table in Base.metadata.sorted_tables}


@pytest.fixture
def empty_app(database_url):  # database_url: every model imported first
    url = dbutil.scratch_database_url(scratch_name("migrations"))
    app = create_app(app_settings(url))
    yield app
    dispose_engines(app)
    dbutil.drop_scratch_database(url)


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def table_names(app) -> set[str]:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
        return set(inspect(engine).get_table_names())


def is_search_companion(obj, name, type_, reflected, compare_to) -> bool:
    """The search index's dialect-specific structures, made beside the metadata on purpose
    (``directory.search.structures``): SQLite R*Tree/FTS5 virtual tables and their shadow
    tables, PostgreSQL ``tsvector``/PostGIS columns and their indexes."""
    if type_ == "table":
        return reflected and compare_to is None and name.startswith((RTREE, FTS))
    if type_ == "column":
        return reflected and compare_to is None and (obj.table.name, name) in COMPANION_COLUMNS
    if type_ == "index":
        return reflected and compare_to is None and name in COMPANION_INDEXES
    return False


def differences(app) -> list:
    """What autogenerate would change to make the database match our models."""

    def ours(obj, name, type_, reflected, compare_to):
        if type_ == "table" and not name.startswith("dir_"):
            return False  # the version table, a host's tables, PostGIS's spatial_ref_sys
        return not is_search_companion(obj, name, type_, reflected, compare_to)

    with app.app_context(), warnings.catch_warnings():
        # PostGIS's geography type is unknown to SQLAlchemy's reflection (a companion column).
        warnings.filterwarnings("ignore", "Did not recognize type 'geography'", SAWarning)
        engine = app.extensions["directory"].db.engine
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "include_object": ours,
                      "version_table": VERSION_TABLE},
            )
            return compare_metadata(context, Base.metadata)


def current(app) -> str | None:
    with app.app_context():
        return migrations_runner.current_revision()


def test_table_names_are_prefixed():
    assert OUR_TABLES
    assert all(name.startswith("dir_") for name in OUR_TABLES)


def test_upgrade_downgrade_upgrade(empty_app):
    runner = empty_app.test_cli_runner()
    assert current(empty_app) is None
    assert not table_names(empty_app) & OUR_TABLES

    result = runner.invoke(args=["directory", "upgrade"])
    assert result.exit_code == 0, result.output
    head = head_revision()
    assert f"Database schema is at {head}." in result.output
    assert current(empty_app) == head
    tables = table_names(empty_app)
    assert VERSION_TABLE in tables
    assert tables >= OUR_TABLES, sorted(OUR_TABLES - tables)
    assert differences(empty_app) == []

    # Running it again is harmless.
    again = runner.invoke(args=["directory", "upgrade"])
    assert again.exit_code == 0, again.output
    assert current(empty_app) == head

    with empty_app.app_context():
        migrations_runner.downgrade("base")
    assert current(empty_app) is None
    assert not table_names(empty_app) & OUR_TABLES

    result = runner.invoke(args=["directory", "upgrade"])
    assert result.exit_code == 0, result.output
    assert current(empty_app) == head
    assert table_names(empty_app) >= OUR_TABLES
    assert differences(empty_app) == []


def test_migrated_schema_accepts_the_small_catalog(empty_app):
    """The migrated schema (not create_all) holds real data: constraints and types agree."""
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["directory", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["directory", "seed", str(SMALL_CATALOG)])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 organizations, 2 services" in result.output


def test_autogenerate_finds_nothing_to_do_after_upgrade(empty_app):
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["directory", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])  # Flask-Migrate: autogenerate, dry run
    assert result.exit_code == 0, result.output
