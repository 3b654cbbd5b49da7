"""Answers of the online geocoder, kept so a place is asked about once (providers rate-limit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from directory.catalog.models._columns import UTCDateTime, id_column
from directory.database import Base


class GeocodeCache(Base):
    """One provider's answer to one query, keyed by the normalised query text.

    Only answers are kept (a miss may be a provider hiccup); nothing links a row to who asked.
    """

    __tablename__ = "dir_geocode_cache"
    __table_args__ = (UniqueConstraint("provider", "query_key"),)

    id: Mapped[str] = id_column()
    provider: Mapped[str] = mapped_column(String(32))
    query_key: Mapped[str] = mapped_column(String(255))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)  # the provider's raw answer, as JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now())

    def __repr__(self) -> str:
        return f"<GeocodeCache {self.provider} ({self.latitude}, {self.longitude})>"
