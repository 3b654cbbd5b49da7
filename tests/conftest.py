"""Fixtures shared by the test suite, in the style of the Flask tutorial's ``conftest.py``.

- ``app``: a new standalone application per test, on the suite's test database (SQLite in a
  per-session temporary file, or the PostgreSQL database given by ``--database-url`` /
  ``TEST_DATABASE_URL``). The schema is created once per session; every row is deleted after
  each test. Per-test configuration comes from ``@pytest.mark.settings(KEY=value)``.
- ``client``, ``runner`` and ``auth`` (signs in through the real login form, CSRF token and all).
- ``seeded``/``seeded_app``/``seeded_db_url``: a scratch database bootstrapped once per session
  with ``flask directory bootstrap`` (migrations, the full demo catalog and demo accounts).
- The factory fixtures (``make_organization`` ...) live in ``tests/factories.py``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, text
from sqlalchemy import table as sql_table

import directory
from directory import create_app
from directory.database import Base
from directory.settings import TestingConfig
from tests import dbutil

pytest_plugins = ["tests.factories"]

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
SMALL_CATALOG = DATA_DIR / "small_catalog"
REPOSITORY_DIR = TESTS_DIR.parent
SEED_DIR = REPOSITORY_DIR / "seed_data"

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def import_every_model() -> None:
    """Import every ``models`` module of the package, so Base.metadata holds every table
    (some are otherwise imported only lazily, e.g. by the migrations environment)."""
    for info in pkgutil.walk_packages(directory.__path__, "directory."):
        if info.name.rsplit(".", 1)[-1] == "models":
            importlib.import_module(info.name)


import_every_model()

#: Tables of the suite's database, as created at the start of the session.
SESSION_TABLES: set[str] = set()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-url",
        default=None,
        help="Run the suite on this database (e.g. postgresql+psycopg://postgres@localhost/test) "
        "instead of SQLite; the same as setting TEST_DATABASE_URL.",
    )


def pytest_configure(config: pytest.Config) -> None:
    url = config.getoption("--database-url", default=None)
    if url:
        os.environ["TEST_DATABASE_URL"] = url


# --------------------------------------------------------------------------------------------
# Configuration and the database of the suite
# --------------------------------------------------------------------------------------------


def app_settings(database_url: str, **overrides) -> dict:
    """Every setting of ``TestingConfig`` as a mapping, with the database and ``overrides``."""
    config = TestingConfig()
    settings = {key: getattr(config, key) for key in dir(config) if key.isupper()}
    settings["SQLALCHEMY_DATABASE_URI"] = database_url
    settings.update(overrides)
    return settings


def scratch_name(purpose: str) -> str:
    """A scratch database name of this test run (runs side by side never drop each other's)."""
    return f"{purpose}_{os.getpid()}"


def dispose_engines(app: Flask) -> None:
    """Close the pooled connections of ``app`` (each test app has engines of its own)."""
    with app.app_context():
        db = app.extensions["directory"].db
        for engine in db.engines.values():
            engine.dispose()


def delete_all_rows(app: Flask) -> None:
    """Empty every table of our metadata, children first.

    On SQLite, also our virtual tables (search R*Tree/FTS5 companions live outside the
    metadata); their shadow tables are theirs to keep, never touched directly.
    """
    with app.app_context():
        engine = app.extensions["directory"].db.engine
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name in SESSION_TABLES:
                    connection.execute(table.delete())
            if connection.dialect.name == "sqlite":
                virtual = connection.execute(text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name LIKE 'dir\\_%' ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                )).scalars().all()
                for name in virtual:
                    connection.execute(sql_table(name).delete())


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The suite's database with a fresh schema: ``TEST_DATABASE_URL``, or a SQLite file.

    A file rather than ``sqlite://`` memory so that the CLI runner, the test client and the
    factories, each on their own connection, all see the same data.
    """
    url = dbutil.test_database_url()
    if url is None:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    # Build one app first so every module that declares models has been imported.
    dispose_engines(create_app(app_settings(url)))
    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    SESSION_TABLES.update(inspect(engine).get_table_names())
    engine.dispose()
    return url


@pytest.fixture
def app(request: pytest.FixtureRequest, database_url: str) -> Iterator[Flask]:
    """A standalone app per test; ``@pytest.mark.settings(KEY=value)`` overrides config."""
    overrides: dict = {}
    for marker in reversed(list(request.node.iter_markers("settings"))):
        overrides.update(marker.kwargs)
    application = create_app(app_settings(database_url, **overrides))
    yield application
    delete_all_rows(application)
    dispose_engines(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


# --------------------------------------------------------------------------------------------
# Signing in through the real form
# --------------------------------------------------------------------------------------------


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in ``html`` (a hidden ``csrf_token`` input)."""
    match = CSRF_RE.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1) or match.group(2)


class AuthActions:
    """Sign in and out like a person would: load the form, take its token, post it."""

    def __init__(self, client: FlaskClient, prefix: str = "") -> None:
        self._client = client
        self._prefix = prefix

    def login(self, email: str, password: str, next_url: str | None = None, **kwargs):
        url = f"{self._prefix}/login"
        page = self._client.get(url)
        assert page.status_code == 200
        query = {"next": next_url} if next_url is not None else None
        return self._client.post(
            url,
            query_string=query,
            data={"email": email, "password": password,
                  "csrf_token": csrf_token(page.get_data(as_text=True))},
            **kwargs,
        )

    def logout(self, **kwargs):
        home = self._client.get(f"{self._prefix}/")
        token = csrf_token(home.get_data(as_text=True))
        return self._client.post(f"{self._prefix}/logout", data={"csrf_token": token}, **kwargs)


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


# --------------------------------------------------------------------------------------------
# The full demo catalog, loaded once per session
# --------------------------------------------------------------------------------------------


@dataclass
class Seeded:
    """A scratch database made by ``flask directory bootstrap``, and what bootstrap printed."""

    db_url: str
    app: Flask
    bootstrap_exit_code: int
    bootstrap_output: str


def require_seed_data() -> None:
    """The demo catalog is generated separately; fail clearly when it is not there."""
    organizations = SEED_DIR / "organizations"
    if not (SEED_DIR / "taxonomy_terms.json").is_file() or not any(organizations.glob("*.json")):
        pytest.fail("the demo catalog (seed_data/taxonomy_terms.json, seed_data/organizations/)"
                    " is missing")


@pytest.fixture(scope="session")
def seeded(database_url: str) -> Iterator[Seeded]:  # database_url: models imported first
    require_seed_data()
    url = dbutil.scratch_database_url(scratch_name("seeded"))
    application = create_app(app_settings(url))
    result = application.test_cli_runner().invoke(args=["directory", "bootstrap"])
    yield Seeded(url, application, result.exit_code, result.output)
    dispose_engines(application)
    dbutil.drop_scratch_database(url)


@pytest.fixture(scope="session")
def seeded_db_url(seeded: Seeded) -> str:
    assert seeded.bootstrap_exit_code == 0, seeded.bootstrap_output
    return seeded.db_url


@pytest.fixture(scope="session")
def seeded_app(seeded: Seeded) -> Flask:
    """The app on the demo catalog. Tests must not change its catalog."""
    assert seeded.bootstrap_exit_code == 0, seeded.bootstrap_output
    return seeded.app


@pytest.fixture
def seeded_client(seeded_app: Flask) -> FlaskClient:
    return seeded_app.test_client()
