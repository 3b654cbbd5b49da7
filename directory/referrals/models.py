"""Clients, consents, referrals, their append-only history and notes.

A client record holds the minimum a coordinator needs to connect the person with services.
Referral rows carry a ``version`` (SQLAlchemy's ``version_id_col``): two transitions racing on
one referral cannot both commit, the loser gets a StaleDataError (shown as "reload", or 409).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.catalog.models import Organization, Service
from directory.catalog.models._columns import UTCDateTime, foreign_id, id_column
from directory.clock import utc_now
from directory.database import Base

CONTACT_METHODS = ("phone", "text", "email", "in_person")
SIGNATURE_METHODS = ("typed", "attested")

REFERRAL_STATUSES = (
    "draft", "sent", "accepted", "declined", "in_progress", "completed", "not_completed",
    "cancelled",
)
#: Reasons a referral is declined or not completed (``other`` takes free text).
REASON_CODES = ("no_capacity", "not_eligible", "could_not_contact", "client_declined", "other")


class Client(Base):
    """A person a coordinator is helping: name or initials and how to reach them."""

    __tablename__ = "dir_client"

    id: Mapped[str] = id_column()
    display_name: Mapped[str] = mapped_column(String(120))  # name or initials
    preferred_contact: Mapped[str | None] = mapped_column(String(16))  # CONTACT_METHODS
    preferred_language: Mapped[str | None] = mapped_column(String(35))  # BCP 47 / ISO 639
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    created_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)

    created_by: Mapped[User | None] = relationship()
    consents: Mapped[list[Consent]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="Consent.created_at"
    )
    referrals: Mapped[list[Referral]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="Referral.created_at"
    )


class Consent(Base):
    """A written consent to disclose, with the elements of 42 CFR Part 2 §2.31."""

    __tablename__ = "dir_consent"

    id: Mapped[str] = id_column()
    client_id: Mapped[str] = foreign_id("dir_client", nullable=False)
    # Who may disclose (the coordinator's program or organization, as written on the form).
    disclosing_party: Mapped[str] = mapped_column(String(255))
    recipient_organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    purpose: Mapped[str] = mapped_column(Text)
    information_scope: Mapped[str] = mapped_column(Text)  # how much and what kind
    expires_on: Mapped[date | None] = mapped_column(Date)
    expiry_event: Mapped[str | None] = mapped_column(String(255))
    right_to_revoke_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    signature_method: Mapped[str] = mapped_column(String(16))  # SIGNATURE_METHODS
    signature_name: Mapped[str | None] = mapped_column(String(255))
    signed_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")

    client: Mapped[Client] = relationship(back_populates="consents")
    recipient_organization: Mapped[Organization] = relationship()


class Referral(Base):
    """A client referred to a service; the receiving organization answers it."""

    __tablename__ = "dir_referral"
    __table_args__ = (Index("ix_dir_referral_org_status", "organization_id", "status"),)

    id: Mapped[str] = id_column()
    client_id: Mapped[str] = foreign_id("dir_client", nullable=False)
    service_id: Mapped[str | None] = foreign_id("dir_service", ondelete="SET NULL")
    # The receiving organization, kept on the row: authorization and the inbox read it.
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    consent_id: Mapped[str | None] = foreign_id("dir_consent", ondelete="SET NULL")
    plan_id: Mapped[str | None] = foreign_id("dir_support_plan", ondelete="SET NULL")
    created_by_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    reason_code: Mapped[str | None] = mapped_column(String(32))
    reason_text: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)  # the coordinator's note to the agency
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, onupdate=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    client: Mapped[Client] = relationship(back_populates="referrals")
    service: Mapped[Service | None] = relationship()
    organization: Mapped[Organization] = relationship()
    consent: Mapped[Consent | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.at"
    )
    notes: Mapped[list[ReferralNote]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralNote.created_at"
    )


class ReferralEvent(Base):
    """One transition of a referral (append-only): who, when, from, to, why."""

    __tablename__ = "dir_referral_event"

    id: Mapped[str] = id_column()
    referral_id: Mapped[str] = foreign_id("dir_referral", nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    actor_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    reason_text: Mapped[str | None] = mapped_column(Text)

    referral: Mapped[Referral] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class ReferralNote(Base):
    """A message on a referral, seen by the coordinator and the receiving agency."""

    __tablename__ = "dir_referral_note"

    id: Mapped[str] = id_column()
    referral_id: Mapped[str] = foreign_id("dir_referral", nullable=False)
    author_id: Mapped[str | None] = foreign_id("dir_user", ondelete="SET NULL")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    referral: Mapped[Referral] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()
