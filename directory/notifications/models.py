"""The outbox: every email the application means to send, until it is sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from directory.catalog.models._columns import UTCDateTime, id_column
from directory.clock import utc_now
from directory.database import Base

MESSAGE_STATUSES = ("queued", "sent", "failed")


class OutboxMessage(Base):
    """One email. Bodies hold links, never client names or details."""

    __tablename__ = "dir_outbox_message"
    __table_args__ = (Index("ix_dir_outbox_message_due", "status", "next_attempt_at"),)

    id: Mapped[str] = id_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    kind: Mapped[str] = mapped_column(String(48))  # e.g. referral.new, referral.status, checkin.due
    to_address: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    # What the message is about (for deduplicating reminders), as ids only.
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[str | None] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
