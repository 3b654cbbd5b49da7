"""The data-quality report: listings with gaps an admin (or the agency) should fill."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from directory.catalog.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.database import session
from directory.stewardship.verification import overdue_condition

#: Report sections, in display order.
SECTIONS = ("missing_phone", "missing_hours", "never_verified", "verification_overdue",
            "approximate_locations", "organizations_without_services")


@dataclass
class QualityReport:
    """Each section is a list of records (services, locations or organizations)."""

    sections: dict[str, list] = field(default_factory=dict)

    @property
    def issue_count(self) -> int:
        return sum(len(rows) for rows in self.sections.values())


def _current_services():
    return (select(Service).where(Service.status != "defunct")
            .options(selectinload(Service.organization)).order_by(Service.name, Service.id))


def services_missing_phone(limit: int) -> list[Service]:
    """Services with no phone of their own, at their locations, or of their organization."""
    sal_phone = exists().where(Phone.service_at_location_id == ServiceAtLocation.id,
                               ServiceAtLocation.service_id == Service.id)
    location_phone = exists().where(Phone.location_id == ServiceAtLocation.location_id,
                                    ServiceAtLocation.service_id == Service.id)
    statement = _current_services().where(
        ~exists().where(Phone.service_id == Service.id), ~sal_phone, ~location_phone,
        ~exists().where(Phone.organization_id == Service.organization_id),
    )
    return list(session.execute(statement.limit(limit)).scalars())


def services_missing_hours(limit: int) -> list[Service]:
    """In-person services with no opening hours anywhere (service, its locations or sites)."""
    sal_hours = exists().where(Schedule.service_at_location_id == ServiceAtLocation.id,
                               ServiceAtLocation.service_id == Service.id)
    location_hours = exists().where(Schedule.location_id == ServiceAtLocation.location_id,
                                    ServiceAtLocation.service_id == Service.id)
    statement = _current_services().where(
        ~exists().where(Schedule.service_id == Service.id), ~sal_hours, ~location_hours,
    )
    return list(session.execute(statement.limit(limit)).scalars())


def services_never_verified(limit: int) -> list[Service]:
    statement = _current_services().where(Service.assured_date.is_(None))
    return list(session.execute(statement.limit(limit)).scalars())


def services_verification_overdue(limit: int) -> list[Service]:
    """Verified once, but longer ago than ``DIRECTORY_STALE_AFTER_DAYS``."""
    statement = _current_services().where(Service.assured_date.is_not(None),
                                          overdue_condition())
    return list(session.execute(statement.limit(limit)).scalars())


def approximate_locations(limit: int) -> list[Location]:
    """Locations placed at a ZIP or city centre rather than their street address."""
    statement = (select(Location).where(Location.approximate.is_(True))
                 .options(selectinload(Location.organization))
                 .order_by(Location.name, Location.id))
    return list(session.execute(statement.limit(limit)).scalars())


def organizations_without_services(limit: int) -> list[Organization]:
    statement = (select(Organization)
                 .where(~exists().where(Service.organization_id == Organization.id,
                                        Service.status != "defunct"))
                 .order_by(Organization.name, Organization.id))
    return list(session.execute(statement.limit(limit)).scalars())


def build_report(limit: int = 500) -> QualityReport:
    """Every section of the report, each capped at ``limit`` rows."""
    return QualityReport({
        "missing_phone": services_missing_phone(limit),
        "missing_hours": services_missing_hours(limit),
        "never_verified": services_never_verified(limit),
        "verification_overdue": services_verification_overdue(limit),
        "approximate_locations": approximate_locations(limit),
        "organizations_without_services": organizations_without_services(limit),
    })
