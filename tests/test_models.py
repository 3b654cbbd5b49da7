"""The HSDS catalog models: the object graph, cascades, extension properties, constraints."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from directory.catalog.models import (
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.database import session


def count(model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def build_graph() -> Organization:
    """organization → service → service_at_location → location → address / phones / schedules."""
    organization = Organization(
        name="Cascade Peer Recovery Center",
        description="Peer recovery support in the Willamette Valley.",
        website="https://cascadepeer.example.org",
        phones=[Phone(number="(541) 555-0199", type="voice")],
    )
    location = Location(
        name="Cascade Peer Recovery Center — Salem",
        location_type="physical",
        latitude=44.9429,
        longitude=-123.0351,
        time_zone="America/Los_Angeles",
        addresses=[Address(address_1="220 Commercial St NE", city="Salem",
                           state_province="OR", postal_code="97301")],
        phones=[Phone(number="541-555-0123", extension=12, type="voice")],
        schedules=[Schedule(freq="WEEKLY", byday="MO,TU,WE,TH,FR",
                            opens_at="08:30", closes_at="17:00")],
        languages=[Language(name="Spanish", code="es")],
    )
    organization.locations.append(location)
    service = Service(
        name="Peer Recovery Coaching",
        status="active",
        assured_date=date(2026, 1, 15),
        phones=[Phone(number="+1 541 555 0111", type="text")],
        schedules=[Schedule(freq="WEEKLY", byday="SA", opens_at="10:00", closes_at="14:00")],
    )
    organization.services.append(service)
    service.service_at_locations.append(
        ServiceAtLocation(
            location=location,
            schedules=[Schedule(freq="WEEKLY", byday="TU", opens_at="18:00", closes_at="20:00")],
        )
    )
    return organization


def test_create_the_graph(app):
    with app.app_context():
        session.add(build_graph())
        session.commit()
        session.expunge_all()

        organization = session.execute(select(Organization)).scalar_one()
        service, = organization.services
        assert service.organization_id == organization.id
        assert len(service.id) == 36 and service.id.count("-") == 4  # HSDS uuid ids
        sal, = service.service_at_locations
        assert sal.location.name == "Cascade Peer Recovery Center — Salem"
        assert service.locations == [sal.location]
        assert sal.location.organization is organization
        address = sal.location.physical_address
        assert address.one_line == "220 Commercial St NE, Salem, OR 97301"
        assert address.country == "US" and address.address_type == "physical"
        assert [p.number for p in sal.location.phones] == ["541-555-0123"]
        assert [s.opens_at for s in sal.location.schedules] == ["08:30"]
        assert [s.byday for s in sal.schedules] == ["TU"]
        assert [s.byday for s in service.schedules] == ["SA"]
        assert sal.location.has_coordinates
        # Defaults of our profile's extension fields.
        assert service.gender_eligibility == "all"
        assert service.accepts_medicaid is False and service.free_of_charge is False
        assert service.is_housing is False
        # Each phone belongs to exactly one parent.
        assert count(Phone) == 3


def test_deleting_an_organization_deletes_its_children(app):
    with app.app_context():
        session.add(build_graph())
        session.commit()
        assert count(Schedule) == 3
        organization = session.execute(select(Organization)).scalar_one()
        session.delete(organization)
        session.commit()
        for model in (Organization, Service, ServiceAtLocation, Location, Address, Phone,
                      Schedule, Language):
            assert count(model) == 0, model.__name__


def test_database_cascades_without_the_orm(app):
    """``ON DELETE CASCADE`` in the schema: a bulk delete leaves no orphan rows."""
    with app.app_context():
        session.add(build_graph())
        session.commit()
        session.execute(delete(Organization))
        session.commit()
        for model in (Service, ServiceAtLocation, Location, Address, Phone, Schedule, Language):
            assert count(model) == 0, model.__name__


def test_removing_a_service_keeps_the_location(app):
    with app.app_context():
        organization = build_graph()
        session.add(organization)
        session.commit()
        organization.services.clear()  # delete-orphan
        session.commit()
        assert count(Service) == 0
        assert count(ServiceAtLocation) == 0
        assert count(Location) == 1
        assert count(Schedule) == 1  # the location's own hours stay


def test_insurance_accepted_property(app):
    service = Service(name="Outpatient counseling", accepts_medicaid=True,
                      accepts_medicare=False, accepts_private_insurance=True)
    assert service.insurance_accepted == ["medicaid", "private"]
    service.insurance_accepted = ["medicare"]
    assert (service.accepts_medicaid, service.accepts_medicare,
            service.accepts_private_insurance) == (False, True, False)
    service.insurance_accepted = []
    assert service.insurance_accepted == []


def test_taxonomy_terms_through_attributes(app, make_taxonomy_term, make_service):
    housing = make_taxonomy_term(name="Peer recovery housing", code="housing")
    coaching = make_taxonomy_term(name="Peer recovery coaching", code="coaching")
    tagged = make_service(terms=[housing, coaching])
    make_service(terms=[coaching])
    with app.app_context():
        service = session.get(Service, tagged.id)
        assert sorted(term.code for term in service.taxonomy_terms) == ["coaching", "housing"]
        # An attribute of another entity with the same link id is not the service's.
        session.add(Attribute(link_id=service.id, link_entity="organization",
                              taxonomy_term_id=housing.id))
        session.commit()
        session.expire_all()
        service = session.get(Service, tagged.id)
        assert len(service.attributes) == 2
        assert all(a.link_entity == "service" for a in service.attributes)
        # Deleting the term deletes its links (ON DELETE CASCADE).
        session.delete(session.get(TaxonomyTerm, housing.id))
        session.commit()
        session.expire_all()
        assert [t.code for t in session.get(Service, tagged.id).taxonomy_terms] == ["coaching"]


def test_deleting_a_service_deletes_its_attributes(app, make_taxonomy_term, make_service):
    term = make_taxonomy_term()
    service = make_service(terms=[term])
    with app.app_context():
        assert count(Attribute) == 1
        session.delete(session.get(Service, service.id))
        session.commit()
        assert count(Attribute) == 0
        assert count(TaxonomyTerm) == 1


def test_is_virtual(app):
    physical = Location(name="Clinic", location_type="physical")
    online = Location(name="Video meetings", location_type="virtual")
    service = Service(name="Telehealth counseling")
    assert service.is_virtual is False  # no locations at all
    service.service_at_locations.append(ServiceAtLocation(location=online))
    assert service.is_virtual is True
    service.service_at_locations.append(ServiceAtLocation(location=physical))
    assert service.is_virtual is False


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("(503) 555-0142", "tel:+15035550142"),
        ("503.555.0142", "tel:+15035550142"),
        ("+44 1234 234567", "tel:+441234234567"),
        ("988", "tel:988"),
        ("1-800-662-4357", "tel:18006624357"),
    ],
)
def test_phone_tel_uri(number, uri):
    assert Phone(number=number).tel_uri == uri


def test_service_needs_a_known_organization(app):
    with app.app_context():
        session.add(Service(name="Orphan service", status="active",
                            organization_id="00000000-0000-4000-8000-00000000dead"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        assert count(Service) == 0


def test_service_at_location_needs_a_known_location(app, make_service):
    service = make_service(locations=[])
    with app.app_context():
        session.add(ServiceAtLocation(service_id=service.id,
                                      location_id="00000000-0000-4000-8000-00000000beef"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()


def test_required_columns(app):
    with app.app_context():
        session.add(Organization(description="no name"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
