"""Configuration classes, environment selection and the SQLite connection settings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from directory import create_app, settings
from directory.settings import (
    DEFAULT_SECRET_KEY,
    DevelopmentConfig,
    ProductionConfig,
    config_from_environment,
    normalise_database_url,
)
from tests.conftest import dispose_engines

GOOD_SECRET = "9f1c2b7e4d6a8c0e3b5f7a9d1c3e5b7f"
PG_URL = "postgresql+psycopg://directory:pw@db.internal:5432/directory"

CONFIG_VARIABLES = (
    "SECRET_KEY", "DATABASE_URL", "DIRECTORY_ENV", "DIRECTORY_HSTS", "SESSION_COOKIE_SECURE",
    "DIRECTORY_LANGUAGES", "DIRECTORY_PAGE_SIZE", "DIRECTORY_URL_PREFIX",
)


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No configuration variables from the outside; the instance folder in a temp dir."""
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIRECTORY_INSTANCE_PATH", str(tmp_path / "instance"))
    return monkeypatch


# ---- ProductionConfig --------------------------------------------------------------------------


def test_production_refuses_the_default_secret_key(clean_env):
    clean_env.setenv("DATABASE_URL", PG_URL)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig()
    clean_env.setenv("SECRET_KEY", DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig()


def test_production_refuses_a_short_secret_key(clean_env):
    clean_env.setenv("DATABASE_URL", PG_URL)
    clean_env.setenv("SECRET_KEY", "short-secret")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig()


def test_production_refuses_a_missing_database_url(clean_env):
    clean_env.setenv("SECRET_KEY", GOOD_SECRET)
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        ProductionConfig()


def test_production_with_good_settings_is_secure_by_default(clean_env):
    clean_env.setenv("SECRET_KEY", GOOD_SECRET)
    clean_env.setenv("DATABASE_URL", "postgres://directory:pw@db.internal/directory")
    config = ProductionConfig()
    assert config.SECRET_KEY == GOOD_SECRET
    assert config.SQLALCHEMY_DATABASE_URI == (
        "postgresql+psycopg://directory:pw@db.internal/directory"
    )
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SESSION_COOKIE_HTTPONLY is True
    assert config.DIRECTORY_HSTS is True
    assert config.DEBUG is False and config.TESTING is False


def test_production_app_refuses_to_start_without_secret(clean_env):
    clean_env.setenv("DIRECTORY_ENV", "production")
    clean_env.setenv("DATABASE_URL", PG_URL)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


# ---- database URLs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@host:5432/db", "postgresql+psycopg://u:p@host:5432/db"),
        ("postgresql://u:p@host/db", "postgresql+psycopg://u:p@host/db"),
        ("postgresql+psycopg://u@host/db", "postgresql+psycopg://u@host/db"),
        ("sqlite:////var/lib/directory.sqlite3", "sqlite:////var/lib/directory.sqlite3"),
    ],
)
def test_database_url_normalisation(given, expected):
    assert normalise_database_url(given) == expected


def test_database_url_from_environment_is_normalised(clean_env):
    clean_env.setenv("DATABASE_URL", "postgres://u:p@host/db")
    assert DevelopmentConfig().SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u:p@host/db"


def test_development_defaults_to_sqlite_in_the_instance_folder(clean_env, tmp_path):
    config = DevelopmentConfig()
    expected = f"sqlite:///{(tmp_path / 'instance').resolve() / 'directory.sqlite3'}"
    uri = config.SQLALCHEMY_DATABASE_URI
    assert uri == expected
    assert config.SECRET_KEY == DEFAULT_SECRET_KEY
    assert config.DEBUG is False
    assert config.WTF_CSRF_ENABLED is True


def test_testing_config_uses_test_database_url(clean_env):
    clean_env.setenv("TEST_DATABASE_URL", "postgres://u@localhost/test")
    assert settings.TestingConfig().SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@localhost/test"
    clean_env.delenv("TEST_DATABASE_URL")
    config = settings.TestingConfig()
    assert config.SQLALCHEMY_DATABASE_URI == "sqlite://"
    assert config.TESTING is True
    assert config.SECRET_KEY != DEFAULT_SECRET_KEY


# ---- DIRECTORY_ENV -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (None, DevelopmentConfig),
        ("development", DevelopmentConfig),
        ("testing", settings.TestingConfig),
        ("Testing", settings.TestingConfig),
        ("production", ProductionConfig),
    ],
)
def test_directory_env_selects_the_config_class(clean_env, name, expected):
    if name is not None:
        clean_env.setenv("DIRECTORY_ENV", name)
    clean_env.setenv("SECRET_KEY", GOOD_SECRET)
    clean_env.setenv("DATABASE_URL", PG_URL)
    config = config_from_environment()
    assert type(config) is expected


@pytest.mark.parametrize("name", ["prod", "staging", ""])
def test_directory_env_rejects_unknown_names(clean_env, name):
    clean_env.setenv("DIRECTORY_ENV", name)
    with pytest.raises(RuntimeError, match="DIRECTORY_ENV") as info:
        config_from_environment()
    assert "production" in str(info.value)


def test_environment_values_reach_the_config(clean_env):
    clean_env.setenv("DIRECTORY_PAGE_SIZE", "7")
    clean_env.setenv("DIRECTORY_HSTS", "yes")
    clean_env.setenv("DIRECTORY_URL_PREFIX", "/help")
    config = DevelopmentConfig()
    assert config.DIRECTORY_PAGE_SIZE == 7
    assert config.DIRECTORY_HSTS is True
    assert config.DIRECTORY_URL_PREFIX == "/help"


def test_language_list_ignores_spaces(clean_env):
    clean_env.setenv("DIRECTORY_LANGUAGES", "en, es")
    assert DevelopmentConfig().DIRECTORY_LANGUAGES == ["en", "es"]


# ---- create_app --------------------------------------------------------------------------------


def test_create_app_with_a_mapping_override(clean_env, tmp_path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'override.sqlite3'}",
        "DIRECTORY_SITE_NAME": "Harbor Recovery Finder",
        "DIRECTORY_PAGE_SIZE": 5,
    })
    try:
        assert app.config["DIRECTORY_SITE_NAME"] == "Harbor Recovery Finder"
        assert app.config["DIRECTORY_PAGE_SIZE"] == 5
        # The rest comes from the environment's config (development here).
        assert app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY
        assert app.config["DEBUG"] is False
        assert "directory" in app.extensions
        response = app.test_client().get("/login")
        assert "Harbor Recovery Finder" in response.get_data(as_text=True)
    finally:
        dispose_engines(app)


def test_create_app_with_a_config_class(clean_env):
    clean_env.setenv("TEST_DATABASE_URL", "sqlite://")
    app = create_app(settings.TestingConfig)
    try:
        assert app.testing is True
        assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    finally:
        dispose_engines(app)


def test_create_app_makes_the_sqlite_folder_but_no_database(clean_env, tmp_path):
    target = tmp_path / "nested" / "folder" / "directory.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    try:
        assert target.parent.is_dir()
        assert not target.exists()  # the factory wires things up; it does not touch the database
    finally:
        dispose_engines(app)


# ---- SQLite connections ------------------------------------------------------------------------


def _pragmas(app) -> tuple[int, str]:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
        with engine.connect() as connection:
            foreign_keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
            journal_mode = connection.execute(text("PRAGMA journal_mode")).scalar()
    return foreign_keys, journal_mode


def test_sqlite_file_database_has_foreign_keys_and_wal(clean_env, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'wal.sqlite3'}"})
    try:
        foreign_keys, journal_mode = _pragmas(app)
    finally:
        dispose_engines(app)
    assert foreign_keys == 1
    assert journal_mode.lower() == "wal"


def test_sqlite_memory_database_has_foreign_keys(clean_env):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    try:
        foreign_keys, journal_mode = _pragmas(app)
    finally:
        dispose_engines(app)
    assert foreign_keys == 1
    assert journal_mode.lower() == "memory"  # WAL does not apply to a memory database
