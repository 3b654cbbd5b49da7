"""The declarative base our models use, and access to whichever session the app runs on.

Models sit on a plain SQLAlchemy ``DeclarativeBase`` (not ``db.Model``) so they work with our own
Flask-SQLAlchemy instance when standalone and with a host application's instance when mounted.
"""

from __future__ import annotations

import uuid

from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session
from werkzeug.local import LocalProxy

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every directory model (tables are prefixed ``dir_``)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> str:
    """A new HSDS identifier: a UUID4 as a string."""
    return str(uuid.uuid4())


#: The Flask-SQLAlchemy instance used when the host app does not pass its own.
db = SQLAlchemy()


def _current_db() -> SQLAlchemy:
    return current_app.extensions["directory"].db


def _current_session() -> Session:
    return _current_db().session


#: The request-scoped session of whichever Flask-SQLAlchemy instance this app uses.
session: Session = LocalProxy(_current_session)  # type: ignore[assignment]


def get_db() -> SQLAlchemy:
    """The Flask-SQLAlchemy instance of the current app (ours or the host's)."""
    return _current_db()


def configure_sqlite(engine: Engine) -> None:
    """WAL journal (readers never block the writer) and foreign keys enforced, per connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            # Index lookups read pages through the OS cache instead of copying each one.
            cursor.execute("PRAGMA mmap_size=268435456")
        cursor.close()
