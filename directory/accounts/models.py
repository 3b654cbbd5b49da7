"""People who sign in: admins, care coordinators and agency staff."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.catalog.models import Organization
from directory.catalog.models._columns import UTCDateTime, foreign_id, id_column
from directory.database import Base

ROLES = ("admin", "coordinator", "agency")


class User(UserMixin, Base):
    """An account. ``role`` is one of :data:`ROLES`; agency staff belong to organizations."""

    __tablename__ = "dir_user"

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), server_default=func.now()
    )
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the user follows the emailed confirmation link (claims trust confirmed domains).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.active

    @property
    def organizations(self) -> list[Organization]:
        return [m.organization for m in self.memberships]

    def __repr__(self) -> str:
        return f"<User {self.email} ({self.role})>"


class Membership(Base):
    """Agency staff belonging to an organization whose listings and referrals they handle."""

    __tablename__ = "dir_membership"
    __table_args__ = (UniqueConstraint("user_id", "organization_id"),)

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = foreign_id("dir_user", nullable=False)
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), server_default=func.now()
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship()


__all__ = ["ROLES", "Membership", "User"]
