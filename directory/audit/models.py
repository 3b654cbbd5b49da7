"""The audit table. Rows hold ids and verbs, never client data itself."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.catalog.models._columns import UTCDateTime, id_column
from directory.clock import utc_now
from directory.database import Base


class AuditEvent(Base):
    """One read or write of client data (clients, consents, referrals, notes, plans)."""

    __tablename__ = "dir_audit_event"
    __table_args__ = (Index("ix_dir_audit_event_object", "object_type", "object_id"),)

    id: Mapped[str] = id_column()
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    # Kept as plain ids (no foreign keys) so the trail outlives what it describes.
    user_id: Mapped[str | None] = mapped_column(String(36), index=True)
    user_email: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(16))  # read, create, update, delete, export
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(36))
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # A short, data-free description such as "status sent → accepted" or "consent revoked".
    detail: Mapped[str | None] = mapped_column(String(255))
