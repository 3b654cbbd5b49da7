"""Column helpers shared by the catalog models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from directory.database import new_id

ID_LENGTH = 36


def id_column() -> Mapped[str]:
    """The HSDS ``id``: a UUID string primary key."""
    return mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)


def foreign_id(
    table: str, *, nullable: bool = True, ondelete: str = "CASCADE"
) -> Mapped[str | None]:
    """A foreign key to ``table.id`` (deleted with its parent by default), indexed for joins."""
    return mapped_column(
        String(ID_LENGTH),
        ForeignKey(f"{table}.id", ondelete=ondelete),
        nullable=nullable,
        index=True,
    )


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime stored as UTC; SQLite (which keeps no zone) reads back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value
