"""Support plans and scheduled check-ins."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.catalog.models._columns import UTCDateTime, foreign_id, id_column
from directory.clock import utc_now
from directory.database import Base
from directory.referrals.models import Client, Referral

PLAN_STATUSES = ("active", "closed")
CHECKIN_STATUSES = ("scheduled", "made", "missed")


class SupportPlan(Base):
    """A client's plan: referrals to several services and regular check-ins."""

    __tablename__ = "dir_support_plan"

    id: Mapped[str] = id_column()
    client_id: Mapped[str] = foreign_id("dir_client", nullable=False)
    created_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    title: Mapped[str] = mapped_column(String(255))
    goals: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    client: Mapped[Client] = relationship()
    created_by: Mapped[User | None] = relationship()
    referrals: Mapped[list[Referral]] = relationship(
        primaryjoin="SupportPlan.id == foreign(Referral.plan_id)", order_by="Referral.created_at",
        viewonly=True,
    )
    checkins: Mapped[list[CheckIn]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="CheckIn.due_on"
    )


class CheckIn(Base):
    """A scheduled contact with the client; recorded as made or missed, with a short note."""

    __tablename__ = "dir_checkin"
    __table_args__ = (Index("ix_dir_checkin_due", "status", "due_on"),)

    id: Mapped[str] = id_column()
    plan_id: Mapped[str] = foreign_id("dir_support_plan", nullable=False)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    plan: Mapped[SupportPlan] = relationship(back_populates="checkins")
