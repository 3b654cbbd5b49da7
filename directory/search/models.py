"""The search index: one row per (service, place it is offered), denormalised for filtering.

Rows are derived from the catalog (see ``documents.py``) and rebuilt whenever a listing changes
(see ``indexer.py``); they hold everything a result line shows, so a page of results is read
without touching the catalog tables. Dialect-specific structures beside it (SQLite R*Tree and
FTS5, PostgreSQL tsvector and optional PostGIS geography) are created by ``structures.py``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from directory.catalog.models._columns import UTCDateTime
from directory.database import Base


class SearchEntry(Base):
    """A service at one location (or a virtual service), as search sees it."""

    __tablename__ = "dir_search_entry"
    __table_args__ = (
        Index("ix_dir_search_entry_lat_lon", "latitude", "longitude"),
        # Online services are listed by name: this index hands them over in that order.
        Index("ix_dir_search_entry_virtual_name", "is_virtual", "name", "service_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str | None] = mapped_column(String(36))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    is_virtual: Mapped[bool] = mapped_column(Boolean, default=False)

    # What a result line shows.
    name: Mapped[str] = mapped_column(String(255))
    organization_name: Mapped[str] = mapped_column(String(255))
    location_name: Mapped[str | None] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(String(512))
    city: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[str | None] = mapped_column(String(64))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(Text)
    category_names: Mapped[str] = mapped_column(Text, default="")

    # Filters. Multi-valued ones are space-delimited tokens (" en es ") so a LIKE finds them.
    category_codes: Mapped[str] = mapped_column(Text, default=" ")
    language_codes: Mapped[str] = mapped_column(Text, default=" ")
    gender: Mapped[str] = mapped_column(String(16), default="all")
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    free: Mapped[bool] = mapped_column(Boolean, default=False)
    sliding_scale: Mapped[bool] = mapped_column(Boolean, default=False)
    medicaid: Mapped[bool] = mapped_column(Boolean, default=False)
    medicare: Mapped[bool] = mapped_column(Boolean, default=False)
    private_insurance: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair: Mapped[bool] = mapped_column(Boolean, default=False)
    accepting_new_clients: Mapped[bool | None] = mapped_column(Boolean)
    beds_total: Mapped[int | None] = mapped_column(Integer)
    beds_available: Mapped[int | None] = mapped_column(Integer)
    availability_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    allows_mat: Mapped[bool | None] = mapped_column(Boolean)
    narr_level: Mapped[str | None] = mapped_column(String(4))
    certification_expires: Mapped[date | None] = mapped_column(Date)
    assured_date: Mapped[date | None] = mapped_column(Date)

    # Opening hours as minute-of-week ranges in local time ("0:540-1020 4:1200-1560").
    time_zone: Mapped[str | None] = mapped_column(String(64))
    weekly_minutes: Mapped[str] = mapped_column(Text, default="")

    # Virtual services: the areas they serve (" US US-OR ") and GeoJSON polygons with a bbox.
    area_codes: Mapped[str] = mapped_column(Text, default=" ")
    area_geojson: Mapped[str | None] = mapped_column(Text)
    area_min_lat: Mapped[float | None] = mapped_column(Float)
    area_max_lat: Mapped[float | None] = mapped_column(Float)
    area_min_lon: Mapped[float | None] = mapped_column(Float)
    area_max_lon: Mapped[float | None] = mapped_column(Float)

    # The text the full-text index holds (kept here for rebuilding it and for PostgreSQL).
    search_text: Mapped[str] = mapped_column(Text, default="")
