"""HSDS service and service_at_location, with our profile's extension fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, Integer, String, Text, and_, true
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from directory.database import Base

from ._columns import UTCDateTime, foreign_id, id_column

if TYPE_CHECKING:
    from .details import (
        Contact,
        CostOption,
        Language,
        Phone,
        RequiredDocument,
        Schedule,
        ServiceArea,
    )
    from .location import Location
    from .organization import Funding, Organization, Program
    from .taxonomy import Attribute, TaxonomyTerm

OWNED = "all, delete-orphan"

#: Values of the ``gender_eligibility`` extension.
GENDER_ELIGIBILITY = ("all", "female", "male")
#: Values of the ``insurance_accepted`` extension, each stored as a boolean column.
INSURANCE_KINDS = ("medicaid", "medicare", "private")
#: NARR recovery residence levels.
NARR_LEVELS = ("I", "II", "III", "IV")
#: HSDS service status values.
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
#: Extension: whether new clients wait, in the agency's own words.
WAITLIST_STATUSES = ("none", "short", "long", "closed")


class Service(Base):
    """A service delivered by an organization (HSDS ``service``).

    Extension fields (our HSDS profile) cover what recovery support needs and HSDS lacks:
    intake (``accepting_new_clients``), eligibility by gender, payment, housing capacity,
    medication-assisted treatment and recovery residence certification.
    """

    __tablename__ = "dir_service"

    id: Mapped[str] = id_column()
    organization_id: Mapped[str] = foreign_id("dir_organization", nullable=False)
    program_id: Mapped[str | None] = foreign_id("dir_program", ondelete="SET NULL")
    name: Mapped[str] = mapped_column(String(255), index=True)
    alternate_name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(512))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(32), default="active", index=True)
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    fees_description: Mapped[str | None] = mapped_column(Text)
    wait_time: Mapped[str | None] = mapped_column(String(255))
    fees: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    assured_date: Mapped[date | None] = mapped_column(Date, index=True)
    assurer_email: Mapped[str | None] = mapped_column(String(255))
    licenses: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # --- extensions (our HSDS profile) ---
    accepting_new_clients: Mapped[bool | None] = mapped_column(Boolean)
    gender_eligibility: Mapped[str] = mapped_column(String(16), default="all")
    accepts_medicaid: Mapped[bool] = mapped_column(Boolean, default=False)
    accepts_medicare: Mapped[bool] = mapped_column(Boolean, default=False)
    accepts_private_insurance: Mapped[bool] = mapped_column(Boolean, default=False)
    sliding_scale: Mapped[bool] = mapped_column(Boolean, default=False)
    free_of_charge: Mapped[bool] = mapped_column(Boolean, default=False)
    beds_total: Mapped[int | None] = mapped_column(Integer)
    beds_available: Mapped[int | None] = mapped_column(Integer)
    availability_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    allows_mat: Mapped[bool | None] = mapped_column(Boolean)
    narr_level: Mapped[str | None] = mapped_column(String(4))
    certifier: Mapped[str | None] = mapped_column(String(255))
    certificate_id: Mapped[str | None] = mapped_column(String(64))
    certification_expires: Mapped[date | None] = mapped_column(Date)
    #: One of WAITLIST_STATUSES, or None when the agency has not said.
    waitlist_status: Mapped[str | None] = mapped_column(String(16))
    # New listings wait for an admin (False); an admin may unpublish one, with a reason.
    published: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    unpublished_reason: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship(back_populates="services")
    program: Mapped[Program | None] = relationship()
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade=OWNED
    )
    phones: Mapped[list[Phone]] = relationship(foreign_keys="Phone.service_id", cascade=OWNED)
    schedules: Mapped[list[Schedule]] = relationship(
        foreign_keys="Schedule.service_id", cascade=OWNED
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(cascade=OWNED)
    languages: Mapped[list[Language]] = relationship(
        foreign_keys="Language.service_id", cascade=OWNED, order_by="Language.name"
    )
    funding: Mapped[list[Funding]] = relationship(foreign_keys="Funding.service_id", cascade=OWNED)
    cost_options: Mapped[list[CostOption]] = relationship(cascade=OWNED)
    required_documents: Mapped[list[RequiredDocument]] = relationship(cascade=OWNED)
    contacts: Mapped[list[Contact]] = relationship(
        foreign_keys="Contact.service_id", cascade=OWNED
    )
    attributes: Mapped[list[Attribute]] = relationship(
        primaryjoin=lambda: and_(
            foreign(_attribute().link_id) == Service.id,
            _attribute().link_entity == "service",
        ),
        cascade=OWNED,
    )

    @property
    def taxonomy_terms(self) -> list[TaxonomyTerm]:
        """The taxonomy terms this service is tagged with, through its attributes."""
        return [a.taxonomy_term for a in self.attributes if a.taxonomy_term is not None]

    @property
    def insurance_accepted(self) -> list[str]:
        """The ``insurance_accepted`` extension as HSDS JSON spells it."""
        flags = {
            "medicaid": self.accepts_medicaid,
            "medicare": self.accepts_medicare,
            "private": self.accepts_private_insurance,
        }
        return [kind for kind in INSURANCE_KINDS if flags[kind]]

    @insurance_accepted.setter
    def insurance_accepted(self, kinds: list[str]) -> None:
        self.accepts_medicaid = "medicaid" in kinds
        self.accepts_medicare = "medicare" in kinds
        self.accepts_private_insurance = "private" in kinds

    @property
    def is_housing(self) -> bool:
        """Whether the service reports bed capacity (peer recovery housing)."""
        return self.beds_total is not None

    @property
    def locations(self) -> list[Location]:
        """The locations where this service is delivered."""
        return [sal.location for sal in self.service_at_locations if sal.location is not None]

    @property
    def is_virtual(self) -> bool:
        """Delivered only remotely: every location it is offered at is virtual."""
        locations = self.locations
        return bool(locations) and all(loc.location_type == "virtual" for loc in locations)

    def __repr__(self) -> str:
        return f"<Service {self.name!r}>"


class ServiceAtLocation(Base):
    """A service offered at a location, with details particular to that place."""

    __tablename__ = "dir_service_at_location"

    id: Mapped[str] = id_column()
    service_id: Mapped[str] = foreign_id("dir_service", nullable=False)
    location_id: Mapped[str] = foreign_id("dir_location", nullable=False)
    description: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(back_populates="service_at_locations")
    phones: Mapped[list[Phone]] = relationship(
        foreign_keys="Phone.service_at_location_id", cascade=OWNED
    )
    schedules: Mapped[list[Schedule]] = relationship(
        foreign_keys="Schedule.service_at_location_id", cascade=OWNED
    )
    contacts: Mapped[list[Contact]] = relationship(
        foreign_keys="Contact.service_at_location_id", cascade=OWNED
    )


def _attribute():
    from .taxonomy import Attribute

    return Attribute
