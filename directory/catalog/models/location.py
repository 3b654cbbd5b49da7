"""HSDS location, with the IANA time zone its hours are kept in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Float, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.database import Base

from ._columns import foreign_id, id_column

if TYPE_CHECKING:
    from .details import Accessibility, Address, Contact, Language, Phone, Schedule
    from .organization import Organization
    from .service import ServiceAtLocation

OWNED = "all, delete-orphan"
LOCATION_TYPES = ("physical", "postal", "virtual")


class Location(Base):
    """A place where services are delivered, or a virtual one (HSDS ``location``)."""

    __tablename__ = "dir_location"
    __table_args__ = (Index("ix_dir_location_lat_lon", "latitude", "longitude"),)

    id: Mapped[str] = id_column()
    location_type: Mapped[str] = mapped_column(String(16), default="physical")
    url: Mapped[str | None] = mapped_column(String(512))
    organization_id: Mapped[str | None] = foreign_id("dir_organization")
    name: Mapped[str | None] = mapped_column(String(255))
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    transportation: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    external_identifier: Mapped[str | None] = mapped_column(String(128))
    external_identifier_type: Mapped[str | None] = mapped_column(String(64))
    # Extension: the IANA zone opening hours are expressed in (HSDS only has a UTC offset).
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Extension: the pin is a ZIP centroid or placed by hand, not a geocoded address.
    approximate: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    organization: Mapped[Organization | None] = relationship(back_populates="locations")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="location", cascade=OWNED
    )
    addresses: Mapped[list[Address]] = relationship(back_populates="location", cascade=OWNED)
    phones: Mapped[list[Phone]] = relationship(foreign_keys="Phone.location_id", cascade=OWNED)
    schedules: Mapped[list[Schedule]] = relationship(
        foreign_keys="Schedule.location_id", cascade=OWNED
    )
    languages: Mapped[list[Language]] = relationship(
        foreign_keys="Language.location_id", cascade=OWNED
    )
    accessibility: Mapped[list[Accessibility]] = relationship(cascade=OWNED)
    contacts: Mapped[list[Contact]] = relationship(
        foreign_keys="Contact.location_id", cascade=OWNED
    )

    @property
    def physical_address(self) -> Address | None:
        """The street address people go to, falling back to any address."""
        for address in self.addresses:
            if address.address_type == "physical":
                return address
        return self.addresses[0] if self.addresses else None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def __repr__(self) -> str:
        return f"<Location {self.name!r}>"
