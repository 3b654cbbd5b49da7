"""Reading the catalog for people: service and organization pages, categories."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload, with_loader_criteria

from directory.catalog.models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.catalog.visibility import is_listed, listed_service
from directory.database import session
from directory.errors import NotFound

T = TypeVar("T")

CATEGORY_TAXONOMY_NAME = "Recovery Support Directory Taxonomy"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class Category:
    """A top-level category with its sub-categories and how many services each holds."""

    term: TaxonomyTerm
    service_count: int
    children: tuple[tuple[TaxonomyTerm, int], ...]


def _service_options():
    sal = selectinload(Service.service_at_locations)
    location = sal.selectinload(ServiceAtLocation.location)
    return (
        selectinload(Service.organization),
        selectinload(Service.program),
        sal.selectinload(ServiceAtLocation.schedules),
        sal.selectinload(ServiceAtLocation.phones),
        location.selectinload(Location.addresses),
        location.selectinload(Location.phones),
        location.selectinload(Location.schedules),
        location.selectinload(Location.accessibility),
        location.selectinload(Location.languages),
        selectinload(Service.phones).selectinload(Phone.languages),
        selectinload(Service.schedules),
        selectinload(Service.languages),
        selectinload(Service.cost_options),
        selectinload(Service.service_areas),
        selectinload(Service.required_documents),
        selectinload(Service.funding),
        selectinload(Service.contacts).selectinload(Contact.phones),
        selectinload(Service.attributes).selectinload(Attribute.taxonomy_term),
    )


def get_service(service_id: str) -> Service:
    """The service with everything its page shows, loaded in a fixed number of queries."""
    service = session.execute(
        select(Service).where(Service.id == service_id).options(*_service_options())
    ).scalar_one_or_none()
    if service is None or not is_listed(service):
        raise NotFound(service_id)
    return service


def get_organization(organization_id: str) -> Organization:
    """The organization with its services, locations, phones and contacts."""
    organization = session.execute(
        select(Organization)
        .where(Organization.id == organization_id)
        .options(
            selectinload(Organization.services).selectinload(Service.attributes)
            .selectinload(Attribute.taxonomy_term),
            selectinload(Organization.services).selectinload(Service.service_at_locations)
            .selectinload(ServiceAtLocation.location).selectinload(Location.addresses),
            selectinload(Organization.locations).selectinload(Location.addresses),
            selectinload(Organization.phones),
            selectinload(Organization.contacts).selectinload(Contact.phones),
            selectinload(Organization.programs),
            selectinload(Organization.funding),
            selectinload(Organization.organization_identifiers),
            # Its page lists only what the public may see (not new or unpublished services).
            with_loader_criteria(Service, listed_service()),
        )
    ).scalar_one_or_none()
    if organization is None or not organization.published:
        raise NotFound(organization_id)
    return organization


def _category_taxonomy_id() -> str | None:
    name = current_app.config.get("DIRECTORY_CATEGORY_TAXONOMY", CATEGORY_TAXONOMY_NAME)
    return session.execute(select(Taxonomy.id).where(Taxonomy.name == name)).scalar()


def _service_counts() -> tuple[dict[str, int], dict[str, int]]:
    """Distinct services per term, and per top-level term counting its children's too.

    A service tagged with two sub-categories of one category counts once for the category.
    """
    tagged = (
        select(Attribute.taxonomy_term_id, Attribute.link_id)
        .join(Service, Service.id == Attribute.link_id)
        .where(Attribute.link_entity == "service", listed_service())
        .subquery()
    )
    per_term = session.execute(
        select(tagged.c.taxonomy_term_id, func.count(func.distinct(tagged.c.link_id)))
        .group_by(tagged.c.taxonomy_term_id)
    )
    top = func.coalesce(TaxonomyTerm.parent_id, TaxonomyTerm.id)
    per_top = session.execute(
        select(top, func.count(func.distinct(tagged.c.link_id)))
        .join(TaxonomyTerm, TaxonomyTerm.id == tagged.c.taxonomy_term_id)
        .group_by(top)
    )
    return {t: n for t, n in per_term}, {t: n for t, n in per_top}


def categories(with_counts: bool = True) -> list[Category]:
    """The browsing categories: top-level terms of our taxonomy and their children.

    Counting services scans the catalog; search pages only need the names, so they ask for
    ``with_counts=False`` (counts are then 0).
    """
    taxonomy_id = _category_taxonomy_id()
    query = select(TaxonomyTerm).options(selectinload(TaxonomyTerm.children))
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    terms = session.execute(query.order_by(TaxonomyTerm.name)).scalars().all()
    counts, totals = _service_counts() if with_counts else ({}, {})
    result = []
    for term in terms:
        if term.parent_id is not None:
            continue
        children = tuple((child, counts.get(child.id, 0)) for child in term.children)
        result.append(Category(term, totals.get(term.id, 0), children))
    return result


def get_category(code: str) -> TaxonomyTerm:
    """The taxonomy term with this ``code``."""
    term = session.execute(
        select(TaxonomyTerm).where(TaxonomyTerm.code == code).options(
            selectinload(TaxonomyTerm.children), selectinload(TaxonomyTerm.parent)
        )
    ).scalars().first()
    if term is None:
        raise NotFound(code)
    return term


def services_in_category(term: TaxonomyTerm, page: int = 1, per_page: int | None = None):
    """Services tagged with ``term`` or one of its children, by name, one page at a time."""
    per_page = per_page or current_app.config["DIRECTORY_PAGE_SIZE"]
    term_ids = [term.id, *(child.id for child in term.children)]
    tagged = (
        select(Attribute.link_id)
        .where(Attribute.link_entity == "service", Attribute.taxonomy_term_id.in_(term_ids))
    )
    base = select(Service).where(Service.id.in_(tagged), listed_service())
    total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    page = max(1, min(page, max(1, math.ceil(total / per_page))))
    items = session.execute(
        base.options(*_service_options())
        .order_by(Service.name, Service.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).scalars().all()
    return Page(list(items), total, page, per_page)


def catalog_counts() -> dict[str, int]:
    """How many organizations, services and locations the catalog holds."""
    return {
        "organizations": session.execute(select(func.count(Organization.id))).scalar_one(),
        "services": session.execute(
            select(func.count(Service.id)).where(listed_service())
        ).scalar_one(),
        "locations": session.execute(select(func.count(Location.id))).scalar_one(),
    }


def verification_age_days(service: Service, today: date | None = None) -> int | None:
    """Days since a person last confirmed the listing, or None if never."""
    if service.assured_date is None:
        return None
    return ((today or date.today()) - service.assured_date).days


def is_stale(service: Service, today: date | None = None) -> bool:
    """Unverified for longer than ``DIRECTORY_STALE_AFTER_DAYS`` (or never verified)."""
    age = verification_age_days(service, today)
    limit = current_app.config["DIRECTORY_STALE_AFTER_DAYS"]
    return age is None or age > limit


def stale_cutoff(today: date | None = None) -> date:
    """The oldest ``assured_date`` that still counts as current."""
    days = current_app.config["DIRECTORY_STALE_AFTER_DAYS"]
    return (today or date.today()) - timedelta(days=days)


def utc_now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


@dataclass(frozen=True)
class ServiceLocationView:
    """A location of a service as its page shows it: address, hours in local time, open now."""

    location: Location
    service_at_location: ServiceAtLocation
    hours: list
    open_now: bool | None
    phones: list[Phone]


def service_locations(service: Service, now: datetime | None = None) -> list[ServiceLocationView]:
    """Each place the service is offered, with the hours that apply there.

    Hours come from the most specific level that states them: the service at that location,
    then the location, then the service itself (HSDS allows all three).
    """
    from directory.catalog.hours import is_open_at, weekly_hours

    now = now or utc_now()
    views = []
    for sal in service.service_at_locations:
        location = sal.location
        schedules = sal.schedules or location.schedules or service.schedules
        views.append(
            ServiceLocationView(
                location=location,
                service_at_location=sal,
                hours=weekly_hours(schedules) if schedules else [],
                open_now=is_open_at(schedules, location.time_zone, now),
                phones=[*sal.phones, *location.phones],
            )
        )
    views.sort(key=lambda v: (v.location.location_type == "virtual", v.location.name or ""))
    return views
