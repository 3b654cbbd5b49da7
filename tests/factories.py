"""Factory fixtures: each returns a callable that builds a realistic object, adds, flushes and
commits it, and returns it (detached, with every attribute it was given still loaded).

    def test_something(make_service):
        service = make_service(name="Peer Recovery Coaching", beds_total=None)

They write through a session of their own on the app's engine, so the test client and the CLI
runner see the rows at once, and no application context stays pushed during the test.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.accounts import service as accounts
from directory.catalog.listings import CATEGORY_TAXONOMY_NAME
from directory.catalog.models import (
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

DEFAULT_PASSWORD = "correct horse battery staple"

_counter = itertools.count(1)

# A few real-looking places (city, state, ZIP, latitude, longitude, IANA zone).
PLACES = (
    ("Portland", "OR", "97204", 45.5152, -122.6784, "America/Los_Angeles"),
    ("Columbus", "OH", "43215", 39.9612, -82.9988, "America/New_York"),
    ("Denver", "CO", "80202", 39.7392, -104.9903, "America/Denver"),
    ("Nashville", "TN", "37203", 36.1627, -86.7816, "America/Chicago"),
)


def _next() -> int:
    return next(_counter)


def _engine(app: Flask):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _save(app: Flask, *objects):
    """Add, flush and commit ``objects`` in a session whose objects stay usable afterwards."""
    with Session(_engine(app), expire_on_commit=False) as session:
        session.add_all(objects)
        session.flush()
        session.commit()
    return objects[0] if len(objects) == 1 else objects


def build_address(place=PLACES[0], **kw) -> Address:
    city, state, postal_code, *_ = place
    values = dict(
        address_1=f"{100 + _next()} Main Street",
        city=city,
        state_province=state,
        postal_code=postal_code,
        country="US",
        address_type="physical",
    )
    values.update(kw)
    return Address(**values)


def build_weekday_schedule(opens: str = "09:00", closes: str = "17:00",
                           byday: str = "MO,TU,WE,TH,FR", **kw) -> Schedule:
    return Schedule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **kw)


@pytest.fixture
def make_taxonomy_term(app: Flask):
    """``make_taxonomy_term(name=..., code=..., parent=None)``: a term of our category taxonomy."""
    taxonomy_ids: list[str] = []

    def taxonomy_id() -> str:
        if not taxonomy_ids:
            with Session(_engine(app)) as session:
                existing = session.execute(
                    select(Taxonomy.id).where(Taxonomy.name == CATEGORY_TAXONOMY_NAME)
                ).scalar()
            if existing is None:
                existing = _save(app, Taxonomy(name=CATEGORY_TAXONOMY_NAME,
                                               description="Directory categories")).id
            taxonomy_ids.append(existing)
        return taxonomy_ids[0]

    def make(parent: TaxonomyTerm | None = None, **kw) -> TaxonomyTerm:
        n = _next()
        values = dict(
            name=f"Sober support networks {n}",
            code=f"sober-support-{n}" if parent is None else f"{parent.code}.{n}",
            description="Mutual-help meetings and recovery community organizations.",
            taxonomy=CATEGORY_TAXONOMY_NAME,
            language="en",
            taxonomy_id=taxonomy_id(),
            parent_id=parent.id if parent is not None else None,
        )
        values.update(kw)
        return _save(app, TaxonomyTerm(**values))

    return make


@pytest.fixture
def make_organization(app: Flask):
    """``make_organization(**kw)``: an organization with a main phone line."""

    def make(**kw) -> Organization:
        n = _next()
        values = dict(
            name=f"Riverbend Recovery Community {n}",
            description="A peer-run recovery community organization.",
            email=f"info{n}@riverbend.example.org",
            website=f"https://riverbend{n}.example.org",
            year_incorporated=2009,
        )
        values.update(kw)
        organization = Organization(**values)
        if "phones" not in kw:
            organization.phones = [Phone(number="(503) 555-0100", type="voice")]
        return _save(app, organization)

    return make


@pytest.fixture
def make_location(app: Flask, make_organization):
    """``make_location(**kw)``: a physical location with a street address and coordinates.

    ``place`` picks one of :data:`PLACES` (city, zone and coordinates agree).
    """

    def make(organization: Organization | None = None, place=PLACES[0], **kw) -> Location:
        organization = organization or make_organization()
        city, _state, _zip, latitude, longitude, zone = place
        values = dict(
            organization_id=organization.id,
            name=f"{city} Recovery Center",
            location_type="physical",
            latitude=latitude,
            longitude=longitude,
            time_zone=zone,
        )
        values.update(kw)
        location = Location(**values)
        if "addresses" not in kw and location.location_type != "virtual":
            location.addresses = [build_address(place)]
        return _save(app, location)

    return make


@pytest.fixture
def make_service(app: Flask, make_organization, make_location):
    """``make_service(**kw)``: an active, recently verified service at one location.

    Extra keywords: ``organization``, ``location`` (or ``locations=[...]``; ``[]`` for none),
    ``terms`` (taxonomy terms to tag it with), ``schedules`` (at its first location).
    """

    def make(organization: Organization | None = None, location: Location | None = None,
             locations: list[Location] | None = None, terms=(), schedules=None,
             **kw) -> Service:
        if organization is None:
            organization = make_organization()
        if locations is None:
            locations = [location or make_location(organization=organization)]
        n = _next()
        values = dict(
            organization_id=organization.id,
            name=f"Peer Recovery Coaching {n}",
            description="One-to-one support from a certified peer recovery coach.",
            status="active",
            email=f"coaching{n}@riverbend.example.org",
            assured_date=date.today() - timedelta(days=10),
            accepting_new_clients=True,
            free_of_charge=True,
        )
        values.update(kw)
        service = Service(**values)
        if "phones" not in kw:
            service.phones = [Phone(number="503-555-0142", type="voice")]
        if "languages" not in kw:
            service.languages = [Language(name="English", code="en"),
                                 Language(name="Spanish", code="es")]
        if "cost_options" not in kw:
            service.cost_options = [CostOption(option="Per session", amount=0, currency="USD")]
        for index, place in enumerate(locations):
            sal = ServiceAtLocation(location_id=place.id)
            if index == 0:
                sal.schedules = list(schedules if schedules is not None
                                     else [build_weekday_schedule()])
            service.service_at_locations.append(sal)
        service.attributes = [
            Attribute(taxonomy_term_id=term.id, link_entity="service") for term in terms
        ]
        return _save(app, service)

    return make


@pytest.fixture
def make_user(app: Flask):
    """``make_user(role=..., password=..., email=...)``: an account made by the accounts service
    (real argon2 hash). The returned user carries ``.password`` (the clear text) for tests."""

    def make(role: str = "coordinator", password: str = DEFAULT_PASSWORD,
             email: str | None = None, **kw):
        email = email or f"{role}{_next()}@example.org"
        with app.app_context():
            from directory.database import session

            user = accounts.create_user(email, password, role, **kw)
            session.commit()
            session.refresh(user)
            session.expunge(user)
        user.password = password
        return user

    return make
