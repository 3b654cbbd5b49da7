"""Proposed changes to sensitive fields, waiting for an admin (``dir_pending_change``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.catalog.models import Organization
from directory.catalog.models._columns import UTCDateTime, id_column
from directory.clock import utc_now
from directory.database import Base

#: ``status`` values: waiting, applied, refused, or replaced by a later proposal for the field.
PENDING_STATUSES = ("pending", "approved", "rejected", "superseded")
#: ``field_name`` of a whole new record (a service or location) waiting to be published.
CREATE_FIELD = "__create__"


class PendingChange(Base):
    """One proposed value of one field of one record, kept apart until an admin decides.

    ``previous_value`` (the live value when it was proposed) and ``proposed_value`` are JSON
    text, so an approval can tell whether the live value moved in the meantime.
    """

    __tablename__ = "dir_pending_change"
    __table_args__ = (
        Index("ix_dir_pending_change_resource", "resource_type", "resource_id", "status"),
    )

    id: Mapped[str] = id_column()
    resource_type: Mapped[str] = mapped_column(String(32))  # organization, service, location
    resource_id: Mapped[str] = mapped_column(String(36))
    organization_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("dir_organization.id", ondelete="CASCADE"), index=True
    )
    field_name: Mapped[str] = mapped_column(String(64))
    previous_value: Mapped[str] = mapped_column(Text, default="null")
    proposed_value: Mapped[str] = mapped_column(Text, default="null")
    submitted_by_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("dir_user.id", ondelete="SET NULL"), index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    reviewed_by_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("dir_user.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_note: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])

    @property
    def is_creation(self) -> bool:
        """Whether this is a whole new record rather than one field."""
        return self.field_name == CREATE_FIELD

    def __repr__(self) -> str:
        return f"<PendingChange {self.resource_type}.{self.field_name} {self.status}>"
