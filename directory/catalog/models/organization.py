"""HSDS organization, program, organization_identifier and funding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.database import Base

from ._columns import foreign_id, id_column

if TYPE_CHECKING:
    from .details import Contact, Phone
    from .location import Location
    from .service import Service

OWNED = "all, delete-orphan"


class Organization(Base):
    """An organization delivering services (HSDS ``organization``)."""

    __tablename__ = "dir_organization"

    id: Mapped[str] = id_column()
    name: Mapped[str] = mapped_column(String(255), index=True)
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(512))
    tax_status: Mapped[str | None] = mapped_column(String(64))
    tax_id: Mapped[str | None] = mapped_column(String(64))
    year_incorporated: Mapped[int | None] = mapped_column(Integer)
    legal_status: Mapped[str | None] = mapped_column(String(128))
    logo: Mapped[str | None] = mapped_column(String(512))
    uri: Mapped[str | None] = mapped_column(String(512))
    parent_organization_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("dir_organization.id", ondelete="SET NULL"), index=True
    )
    # --- extensions: publication and referrals ---
    # A proposed organization waits for an admin (False); an admin may also unpublish one.
    published: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    unpublished_reason: Mapped[str | None] = mapped_column(Text)
    # Business days a sent referral may wait for an answer (None: DIRECTORY_REFERRAL_RESPONSE_DAYS).
    referral_response_days: Mapped[int | None] = mapped_column(Integer)

    services: Mapped[list[Service]] = relationship(
        back_populates="organization", cascade=OWNED, order_by="Service.name"
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="organization", cascade=OWNED, order_by="Location.name"
    )
    programs: Mapped[list[Program]] = relationship(back_populates="organization", cascade=OWNED)
    phones: Mapped[list[Phone]] = relationship(
        foreign_keys="Phone.organization_id", cascade=OWNED
    )
    contacts: Mapped[list[Contact]] = relationship(
        foreign_keys="Contact.organization_id", cascade=OWNED
    )
    funding: Mapped[list[Funding]] = relationship(
        foreign_keys="Funding.organization_id", cascade=OWNED
    )
    organization_identifiers: Mapped[list[OrganizationIdentifier]] = relationship(cascade=OWNED)
    parent_organization: Mapped[Organization | None] = relationship(remote_side="Organization.id")

    def __repr__(self) -> str:
        return f"<Organization {self.name!r}>"


class Program(Base):
    """A group of services run together (HSDS ``program``)."""

    __tablename__ = "dir_program"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    name: Mapped[str] = mapped_column(String(255))
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="programs")


class OrganizationIdentifier(Base):
    """An identifier of an organization, e.g. an EIN (HSDS ``organization_identifier``)."""

    __tablename__ = "dir_organization_identifier"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    identifier_scheme: Mapped[str | None] = mapped_column(String(64))
    identifier_type: Mapped[str] = mapped_column(String(128))
    identifier: Mapped[str] = mapped_column(String(128))


class Funding(Base):
    """A source of funding of an organization or service (HSDS ``funding``)."""

    __tablename__ = "dir_funding"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str | None] = foreign_id("dir_organization")
    service_id: Mapped[str | None] = foreign_id("dir_service")
    source: Mapped[str | None] = mapped_column(Text)
