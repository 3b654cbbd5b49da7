"""HSDS detail objects hung on organizations, services and locations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.database import Base

from ._columns import foreign_id, id_column

if TYPE_CHECKING:
    from .location import Location

OWNED = "all, delete-orphan"


class Address(Base):
    """A physical or postal address of a location (HSDS ``address``)."""

    __tablename__ = "dir_address"

    id: Mapped[str] = id_column()
    location_id: Mapped[str | None] = foreign_id("dir_location")
    attention: Mapped[str | None] = mapped_column(String(255))
    address_1: Mapped[str] = mapped_column(String(255))
    address_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str] = mapped_column(String(128), index=True)
    region: Mapped[str | None] = mapped_column(String(128))
    state_province: Mapped[str] = mapped_column(String(64))
    postal_code: Mapped[str] = mapped_column(String(16), index=True)
    country: Mapped[str] = mapped_column(String(2), default="US")
    address_type: Mapped[str] = mapped_column(String(16), default="physical")

    location: Mapped[Location | None] = relationship(back_populates="addresses")

    @property
    def one_line(self) -> str:
        """The address on one line, as a person would write it."""
        street = ", ".join(part for part in (self.address_1, self.address_2) if part)
        return f"{street}, {self.city}, {self.state_province} {self.postal_code}"


class Phone(Base):
    """A telephone number (HSDS ``phone``); may belong to several parents at once."""

    __tablename__ = "dir_phone"

    id: Mapped[str] = id_column()
    location_id: Mapped[str | None] = foreign_id("dir_location")
    service_id: Mapped[str | None] = foreign_id("dir_service")
    organization_id: Mapped[str | None] = foreign_id("dir_organization")
    contact_id: Mapped[str | None] = foreign_id("dir_contact")
    service_at_location_id: Mapped[str | None] = foreign_id("dir_service_at_location")
    number: Mapped[str] = mapped_column(String(64))
    extension: Mapped[int | None] = mapped_column(Integer)
    type: Mapped[str | None] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)

    languages: Mapped[list[Language]] = relationship(
        foreign_keys="Language.phone_id", cascade=OWNED
    )

    @property
    def tel_uri(self) -> str:
        """A ``tel:`` link target (digits and a leading + only)."""
        digits = "".join(ch for ch in self.number if ch.isdigit())
        if self.number.strip().startswith("+"):
            return "tel:+" + digits
        if len(digits) == 10:
            return "tel:+1" + digits
        return "tel:" + digits


class Schedule(Base):
    """When a service or location is open (HSDS ``schedule``, RFC 5545 style)."""

    __tablename__ = "dir_schedule"

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = foreign_id("dir_service")
    location_id: Mapped[str | None] = foreign_id("dir_location")
    service_at_location_id: Mapped[str | None] = foreign_id("dir_service_at_location")
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    dtstart: Mapped[str | None] = mapped_column(String(10))
    timezone: Mapped[float | None] = mapped_column(Float)
    until: Mapped[str | None] = mapped_column(String(10))
    count: Mapped[int | None] = mapped_column(Integer)
    wkst: Mapped[str | None] = mapped_column(String(2))
    freq: Mapped[str | None] = mapped_column(String(16))
    interval: Mapped[int | None] = mapped_column(Integer)
    byday: Mapped[str | None] = mapped_column(String(64))
    byweekno: Mapped[str | None] = mapped_column(String(255))
    bymonthday: Mapped[str | None] = mapped_column(String(255))
    byyearday: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    opens_at: Mapped[str | None] = mapped_column(String(14))
    closes_at: Mapped[str | None] = mapped_column(String(14))
    schedule_link: Mapped[str | None] = mapped_column(String(512))
    attending_type: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class Language(Base):
    """A language a service, location or phone line is offered in (HSDS ``language``)."""

    __tablename__ = "dir_language"

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = foreign_id("dir_service")
    location_id: Mapped[str | None] = foreign_id("dir_location")
    phone_id: Mapped[str | None] = foreign_id("dir_phone")
    name: Mapped[str | None] = mapped_column(String(128))
    code: Mapped[str | None] = mapped_column(String(16), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class Accessibility(Base):
    """An accessibility provision of a location (HSDS ``accessibility``)."""

    __tablename__ = "dir_accessibility"

    id: Mapped[str] = id_column()
    location_id: Mapped[str | None] = foreign_id("dir_location")
    description: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(512))


class CostOption(Base):
    """A price or fee of a service (HSDS ``cost_option``)."""

    __tablename__ = "dir_cost_option"

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = foreign_id("dir_service", nullable=False)
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    option: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_description: Mapped[str | None] = mapped_column(Text)


class ServiceArea(Base):
    """The area a service covers (HSDS ``service_area``): text (e.g. ``US-OR``) or GeoJSON."""

    __tablename__ = "dir_service_area"

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = foreign_id("dir_service")
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    extent: Mapped[str | None] = mapped_column(Text)
    extent_type: Mapped[str | None] = mapped_column(String(16))
    uri: Mapped[str | None] = mapped_column(String(512))


class Contact(Base):
    """A named person or role to contact (HSDS ``contact``)."""

    __tablename__ = "dir_contact"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str | None] = foreign_id("dir_organization")
    service_id: Mapped[str | None] = foreign_id("dir_service")
    service_at_location_id: Mapped[str | None] = foreign_id("dir_service_at_location")
    location_id: Mapped[str | None] = foreign_id("dir_location")
    name: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(255))
    department: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))

    phones: Mapped[list[Phone]] = relationship(foreign_keys="Phone.contact_id", cascade=OWNED)


class RequiredDocument(Base):
    """A document a person needs to bring or complete (HSDS ``required_document``)."""

    __tablename__ = "dir_required_document"

    id: Mapped[str] = id_column()
    service_id: Mapped[str | None] = foreign_id("dir_service")
    document: Mapped[str | None] = mapped_column(Text)
    uri: Mapped[str | None] = mapped_column(String(512))
