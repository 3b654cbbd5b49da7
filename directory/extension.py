"""The ``Directory`` Flask extension: mounts our blueprints, CLI and cross-cutting concerns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from directory import database
from directory.audit import models as _audit_models  # noqa: F401 - every table on the metadata
from directory.claims import models as _claim_models  # noqa: F401
from directory.editing import models as _editing_models  # noqa: F401
from directory.geo import models as _geo_models  # noqa: F401
from directory.notifications import models as _notification_models  # noqa: F401
from directory.paths import MIGRATIONS_DIR, TRANSLATIONS_DIR
from directory.plans import models as _plan_models  # noqa: F401
from directory.privacy import install_log_redaction
from directory.ratelimit import init_limiter
from directory.search import indexer as _search_indexer  # noqa: F401 - keeps the index in sync
from directory.search import structures as _search_structures  # noqa: F401

DEFAULTS = {
    "DIRECTORY_URL_PREFIX": "",
    "DIRECTORY_BASE_TEMPLATE": "directory/base.html",
    "DIRECTORY_SITE_NAME": "Recovery Connect",
    "DIRECTORY_STALE_AFTER_DAYS": 365,
    "DIRECTORY_PAGE_SIZE": 20,
    "DIRECTORY_HSTS": False,
    "DIRECTORY_SECURITY_HEADERS": True,
    "DIRECTORY_LANGUAGES": ["en"],
    "DIRECTORY_CLI_GROUP": "directory",
    "DIRECTORY_REGISTER_AUTH": True,
    "DIRECTORY_GEOCODER": "offline",
    "DIRECTORY_GEOCODER_USER_AGENT": None,
    "DIRECTORY_GEOCODER_TIMEOUT": 3.0,
    "DIRECTORY_GEOCODER_MIN_DELAY": 1.0,
    "DIRECTORY_GEOCODER_DOMAIN": None,
    "DIRECTORY_GEOCODER_API_KEY": None,
    "DIRECTORY_EMBED_ALLOWED_ORIGINS": "*",
    "DIRECTORY_TILE_URL": None,
    "DIRECTORY_TILE_ATTRIBUTION": None,
    "DIRECTORY_API_RATE_LIMIT": "120/minute",
    "DIRECTORY_API_KEY_RATE_LIMIT": "1200/minute",
    "DIRECTORY_API_KEYS": "",
    "DIRECTORY_RATELIMIT_STORAGE_URI": None,
    "DIRECTORY_LOGIN_RATE_LIMIT": "10/minute;50/hour",
    "DIRECTORY_IDLE_TIMEOUT_MINUTES": 30,
    "DIRECTORY_REFERRAL_RESPONSE_DAYS": 2,
    "DIRECTORY_MAIL_FROM": "Recovery Connect <no-reply@localhost>",
    "DIRECTORY_SMTP_URL": None,
    "DIRECTORY_PUBLIC_BASE_URL": None,
    "DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN": True,
    "DIRECTORY_VERIFICATION_REMINDER_DAYS": 335,
}


@dataclass
class DirectoryState:
    """Per-application state, kept in ``app.extensions["directory"]`` (never on the extension)."""

    db: SQLAlchemy
    standalone: bool
    blueprint_names: frozenset[str]


class Directory:
    """Mount the directory in a Flask app.

    ``db`` is the host's Flask-SQLAlchemy instance; when omitted, the app's registered instance
    is used, or our own is initialised. Our models sit on their own declarative base, so they
    share the host's engine and session without touching the host's models.
    """

    def __init__(self, app: Flask | None = None, db: SQLAlchemy | None = None, **kwargs) -> None:
        if app is not None:
            self.init_app(app, db, **kwargs)

    def init_app(self, app: Flask, db: SQLAlchemy | None = None, *, standalone: bool = False):
        if "directory" in app.extensions:
            raise RuntimeError("The directory extension is already registered on this app.")
        for key, value in DEFAULTS.items():
            app.config.setdefault(key, value)

        db = self._resolve_db(app, db)
        init_limiter(app)  # the host's Flask-Limiter when it has one
        if "csrf" not in app.extensions:
            # Before the blueprints: the read-only API exempts itself when it is registered.
            CSRFProtect(app)
        from directory.web import register_blueprints  # web imports services; keep arrows one way

        names = register_blueprints(app)
        app.extensions["directory"] = DirectoryState(
            db=db, standalone=standalone, blueprint_names=frozenset(names)
        )
        with app.app_context():
            for engine in db.engines.values():
                database.configure_sqlite(engine)

        self._init_i18n(app)
        self._init_security(app, standalone)
        self._init_login(app)
        install_log_redaction()
        from directory.cli import directory_cli

        app.cli.add_command(directory_cli, name=app.config["DIRECTORY_CLI_GROUP"])
        if standalone:
            from flask_migrate import Migrate

            Migrate(app, db, directory=str(MIGRATIONS_DIR))
            self._ensure_sqlite_folder(app)

    @staticmethod
    def _resolve_db(app: Flask, db: SQLAlchemy | None) -> SQLAlchemy:
        if db is not None:
            return db
        if "sqlalchemy" in app.extensions:
            return app.extensions["sqlalchemy"]
        database.db.init_app(app)
        return database.db

    @staticmethod
    def _init_i18n(app: Flask) -> None:
        from flask_babel import Babel

        from directory.i18n import select_locale

        ours = str(TRANSLATIONS_DIR)
        if "babel" in app.extensions:
            # The host runs Babel already: add our catalog beside its own.
            dirs = app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations")
            if ours not in dirs.split(";"):
                app.config["BABEL_TRANSLATION_DIRECTORIES"] = f"{dirs};{ours}"
            return
        app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ours)
        Babel(app, locale_selector=select_locale)

    @staticmethod
    def _init_security(app: Flask, standalone: bool) -> None:
        from directory.web.errors import register_error_pages
        from directory.web.security import add_security_headers

        app.after_request(add_security_headers)
        register_error_pages(app, app_wide=standalone)

    @staticmethod
    def _init_login(app: Flask) -> None:
        from directory.accounts.login import init_login

        init_login(app)

    @staticmethod
    def _ensure_sqlite_folder(app: Flask) -> None:
        uri = app.config.get("SQLALCHEMY_DATABASE_URI", "")
        if uri.startswith("sqlite:///") and uri != "sqlite:///:memory:":
            Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
