"""Configuration classes, read from environment variables.

The repository's top-level ``config.py`` re-exports these so a deployment can point at
``config.ProductionConfig``; they live inside the package so an installed wheel has them too.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 - refused in production


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` spellings and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    """Defaults shared by every environment; each value can come from the environment."""

    ENV_NAME = "base"
    TESTING = False
    DEBUG = False

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
        database_url = os.environ.get("DATABASE_URL")
        self.SQLALCHEMY_DATABASE_URI = (
            normalise_database_url(database_url) if database_url else self.default_database_url()
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
        self.WTF_CSRF_ENABLED = True
        self.BABEL_DEFAULT_LOCALE = "en"
        self.DIRECTORY_URL_PREFIX = os.environ.get("DIRECTORY_URL_PREFIX", "")
        self.DIRECTORY_BASE_TEMPLATE = os.environ.get(
            "DIRECTORY_BASE_TEMPLATE", "directory/base.html"
        )
        self.DIRECTORY_SITE_NAME = os.environ.get("DIRECTORY_SITE_NAME", "Recovery Connect")
        self.DIRECTORY_STALE_AFTER_DAYS = _env_int("DIRECTORY_STALE_AFTER_DAYS", 365)
        self.DIRECTORY_PAGE_SIZE = _env_int("DIRECTORY_PAGE_SIZE", 20)
        self.DIRECTORY_HSTS = _env_bool("DIRECTORY_HSTS", False)
        self.DIRECTORY_SECURITY_HEADERS = _env_bool("DIRECTORY_SECURITY_HEADERS", True)
        self.DIRECTORY_GEOCODER = os.environ.get("DIRECTORY_GEOCODER", "offline")
        self.DIRECTORY_GEOCODER_USER_AGENT = os.environ.get("DIRECTORY_GEOCODER_USER_AGENT")
        self.DIRECTORY_GEOCODER_TIMEOUT = float(os.environ.get("DIRECTORY_GEOCODER_TIMEOUT", "3"))
        self.DIRECTORY_GEOCODER_MIN_DELAY = float(
            os.environ.get("DIRECTORY_GEOCODER_MIN_DELAY", "1.0"))
        self.DIRECTORY_GEOCODER_DOMAIN = os.environ.get("DIRECTORY_GEOCODER_DOMAIN")
        self.DIRECTORY_GEOCODER_API_KEY = os.environ.get("DIRECTORY_GEOCODER_API_KEY")
        self.DIRECTORY_EMBED_ALLOWED_ORIGINS = os.environ.get(
            "DIRECTORY_EMBED_ALLOWED_ORIGINS", "*")
        self.DIRECTORY_TILE_URL = os.environ.get("DIRECTORY_TILE_URL")
        self.DIRECTORY_TILE_ATTRIBUTION = os.environ.get("DIRECTORY_TILE_ATTRIBUTION")
        self.DIRECTORY_API_RATE_LIMIT = os.environ.get("DIRECTORY_API_RATE_LIMIT", "120/minute")
        self.DIRECTORY_API_KEY_RATE_LIMIT = os.environ.get(
            "DIRECTORY_API_KEY_RATE_LIMIT", "1200/minute")
        self.DIRECTORY_API_KEYS = os.environ.get("DIRECTORY_API_KEYS", "")
        self.DIRECTORY_RATELIMIT_STORAGE_URI = os.environ.get("DIRECTORY_RATELIMIT_STORAGE_URI")
        self.DIRECTORY_LOGIN_RATE_LIMIT = os.environ.get(
            "DIRECTORY_LOGIN_RATE_LIMIT", "10/minute;50/hour")
        self.DIRECTORY_IDLE_TIMEOUT_MINUTES = _env_int("DIRECTORY_IDLE_TIMEOUT_MINUTES", 30)
        self.DIRECTORY_REFERRAL_RESPONSE_DAYS = _env_int("DIRECTORY_REFERRAL_RESPONSE_DAYS", 2)
        self.DIRECTORY_MAIL_FROM = os.environ.get(
            "DIRECTORY_MAIL_FROM", "Recovery Connect <no-reply@localhost>")
        self.DIRECTORY_SMTP_URL = os.environ.get("DIRECTORY_SMTP_URL")
        self.DIRECTORY_PUBLIC_BASE_URL = os.environ.get("DIRECTORY_PUBLIC_BASE_URL")
        self.DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN = _env_bool(
            "DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN", True)
        self.DIRECTORY_VERIFICATION_REMINDER_DAYS = _env_int(
            "DIRECTORY_VERIFICATION_REMINDER_DAYS", 335)
        self.DIRECTORY_LANGUAGES = [
            code.strip() for code in os.environ.get("DIRECTORY_LANGUAGES", "en").split(",")
            if code.strip()
        ]

    def default_database_url(self) -> str:
        instance = Path(os.environ.get("DIRECTORY_INSTANCE_PATH", "instance")).resolve()
        return f"sqlite:///{instance / 'directory.sqlite3'}"


class DevelopmentConfig(Config):
    """Local use: SQLite under ``instance/`` unless ``DATABASE_URL`` says otherwise."""

    ENV_NAME = "development"
    DEBUG = False  # the debugger is opt-in through FLASK_DEBUG, never on by default


class TestingConfig(Config):
    """The test suite: ``TEST_DATABASE_URL`` picks the database (SQLite in memory otherwise)."""

    ENV_NAME = "testing"
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "testing-secret-key"  # noqa: S105
        url = os.environ.get("TEST_DATABASE_URL")
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(url) if url else "sqlite://"


class ProductionConfig(Config):
    """Production: refuses to start with the default secret key or without ``DATABASE_URL``."""

    ENV_NAME = "production"

    def __init__(self) -> None:
        super().__init__()
        if self.SECRET_KEY == DEFAULT_SECRET_KEY or len(self.SECRET_KEY) < 16:
            raise RuntimeError(
                "ProductionConfig needs SECRET_KEY set to a long random value "
                '(python -c "import secrets; print(secrets.token_hex(32))").'
            )
        if not os.environ.get("DATABASE_URL"):
            raise RuntimeError("ProductionConfig needs DATABASE_URL (a PostgreSQL URL).")
        self.SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
        self.DIRECTORY_HSTS = _env_bool("DIRECTORY_HSTS", True)


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_environment() -> Config:
    """Instantiate the class named by ``DIRECTORY_ENV`` (development by default)."""
    name = os.environ.get("DIRECTORY_ENV", "development").lower()
    try:
        return CONFIGS[name]()
    except KeyError:
        raise RuntimeError(
            f"DIRECTORY_ENV={name!r} is not one of {', '.join(sorted(CONFIGS))}"
        ) from None
