"""A request by a signed-in user to manage an organization (``dir_claim_request``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.catalog.models import Organization
from directory.catalog.models._columns import UTCDateTime, foreign_id, id_column
from directory.clock import utc_now
from directory.database import Base

#: ``status`` values of a claim.
CLAIM_STATUSES = ("pending", "approved", "rejected")


class ClaimRequest(Base):
    """One user asking to manage one organization; an approval makes them a member.

    ``auto_approved`` marks claims approved without an admin because the user's confirmed email
    domain is the organization's website domain.
    """

    __tablename__ = "dir_claim_request"

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = foreign_id("dir_user", nullable=False)
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    decided_by_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("dir_user.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)
    auto_approved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organization: Mapped[Organization] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    def __repr__(self) -> str:
        return f"<ClaimRequest {self.id} {self.status}>"


__all__ = ["CLAIM_STATUSES", "ClaimRequest"]
