"""The search engine against a brute-force computation with geopy, index upkeep, open now."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from directory import create_app
from directory.catalog.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.database import Base, session
from directory.search.engine import search
from directory.search.models import SearchEntry
from directory.search.query import SearchQuery
from tests.dbutil import drop_scratch_database, scratch_database_url

CENTER = (45.52, -122.68)  # Portland, OR
CATEGORIES = ("mentorship", "family-counseling", "mutual-help", "recovery-housing")
LANGUAGES = ("en", "es", "vi")
NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # a Monday, 10:00 in Portland


def _catalog(rng: random.Random) -> list[dict]:
    """Facts of a random catalog; the tests compute expectations from these, not the DB."""
    services = []
    for index in range(120):
        places = []
        for _ in range(rng.choice((1, 1, 1, 2))):
            places.append((CENTER[0] + rng.gauss(0, 0.35), CENTER[1] + rng.gauss(0, 0.45)))
        services.append({
            "name": f"Service {index:03d}",
            "places": places,
            "category": rng.choice(CATEGORIES),
            "languages": {"en", *rng.sample(LANGUAGES[1:], rng.choice((0, 0, 1)))},
            "free": rng.random() < 0.4,
            "medicaid": rng.random() < 0.5,
            "gender": rng.choice(("all", "all", "female", "male")),
            "wheelchair": rng.random() < 0.5,
            "beds": rng.choice((None, None, 0, 3)),
            "minimum_age": rng.choice((None, 18, 21)),
            "open_weekdays": rng.random() < 0.5,
        })
    return services


def _build(facts: list[dict]) -> None:
    taxonomy = Taxonomy(name="Recovery Support Directory Taxonomy", description="test")
    terms = {code: TaxonomyTerm(code=code, name=code.title(), description="",
                                taxonomy_detail=taxonomy) for code in CATEGORIES}
    session.add_all([taxonomy, *terms.values()])
    organization = Organization(name="Test org", description="Test")
    session.add(organization)
    for fact in facts:
        service = Service(
            name=fact["name"], organization=organization, status="active",
            free_of_charge=fact["free"], accepts_medicaid=fact["medicaid"],
            gender_eligibility=fact["gender"], beds_total=3 if fact["beds"] is not None else None,
            beds_available=fact["beds"], minimum_age=fact["minimum_age"],
            languages=[Language(code=code, name=code) for code in sorted(fact["languages"])],
        )
        service.attributes.append(Attribute(taxonomy_term=terms[fact["category"]],
                                            link_entity="service", link_type="taxonomy"))
        for lat, lon in fact["places"]:
            location = Location(
                name=f"{fact['name']} place", latitude=lat, longitude=lon,
                organization=organization, time_zone="America/Los_Angeles",
                addresses=[Address(address_1="1 Main St", city="Portland", state_province="OR",
                                   postal_code="97209")],
                accessibility=[Accessibility(description="Wheelchair accessible")]
                if fact["wheelchair"] else [],
            )
            schedules = [Schedule(freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at="09:00",
                                  closes_at="17:00")] if fact["open_weekdays"] else [
                Schedule(freq="WEEKLY", byday="SA", opens_at="10:00", closes_at="12:00")]
            service.service_at_locations.append(
                ServiceAtLocation(location=location, schedules=schedules))
        session.add(service)
    # One virtual service for all of Oregon, one for a rectangle, one for Texas only.
    for name, area in (
        ("Statewide phone coaching", ServiceArea(name="Oregon", extent_type="text",
                                                 extent="US-OR")),
        ("Metro video group", ServiceArea(
            name="Metro", extent_type="geojson",
            extent='{"type":"Polygon","coordinates":[[[-123.5,45],[-122,45],[-122,46],'
                   '[-123.5,46],[-123.5,45]]]}')),
        ("Texas text line", ServiceArea(name="Texas", extent_type="text", extent="US-TX")),
    ):
        online = Location(name="Online", location_type="virtual", url="https://example.org",
                          organization=organization, time_zone="America/Los_Angeles")
        service = Service(name=name, organization=organization, status="active",
                          service_areas=[area])
        service.service_at_locations.append(ServiceAtLocation(location=online))
        session.add(service)
    session.commit()


@pytest.fixture(scope="module")
def catalog_app():
    url = scratch_database_url("search_engine")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    facts = _catalog(random.Random(20261130))
    with app.app_context():
        Base.metadata.create_all(app.extensions["directory"].db.engine)
        _build(facts)
    yield app, facts
    with app.app_context():
        app.extensions["directory"].db.engine.dispose()
    drop_scratch_database(url)


def _matches(fact: dict, query: SearchQuery) -> bool:
    if query.categories and fact["category"] not in query.categories:
        return False
    if query.languages and not fact["languages"] & set(query.languages):
        return False
    if query.cost and not (fact["free"] and "free" in query.cost):
        return False
    if query.insurance and not (fact["medicaid"] and "medicaid" in query.insurance):
        return False
    if query.gender and fact["gender"] not in ("all", query.gender):
        return False
    if query.wheelchair and not fact["wheelchair"]:
        return False
    if query.beds_available and not fact["beds"]:
        return False
    if query.age is not None and fact["minimum_age"] is not None and (
            fact["minimum_age"] > query.age):
        return False
    return not query.open_now or fact["open_weekdays"]


def brute_force(facts, query: SearchQuery) -> list[tuple[str, float]]:
    """Every matching service within the radius, nearest place first, by geopy."""
    found = []
    for fact in facts:
        if not _matches(fact, query):
            continue
        distance = min(great_circle((query.latitude, query.longitude), place).miles
                       for place in fact["places"])
        if distance <= query.radius_miles:
            found.append((distance, fact["name"]))
    return [(name, distance) for distance, name in sorted(found)]


filters = st.fixed_dictionaries({
    "categories": st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True).map(tuple),
    "languages": st.lists(st.sampled_from(LANGUAGES[1:]), max_size=1).map(tuple),
    "cost": st.sampled_from(((), ("free",))),
    "insurance": st.sampled_from(((), ("medicaid",))),
    "gender": st.sampled_from((None, "female", "male")),
    "wheelchair": st.booleans(),
    "beds_available": st.booleans(),
    "age": st.sampled_from((None, 19, 30)),
    "open_now": st.booleans(),
})


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    d_lat=st.floats(-0.6, 0.6), d_lon=st.floats(-0.8, 0.8),
    radius=st.sampled_from((1.0, 5.0, 10.0, 25.0, 50.0)), page=st.sampled_from((1, 2)),
    per_page=st.sampled_from((5, 20)), chosen=filters,
)
def test_results_equal_brute_force_with_geopy(catalog_app, d_lat, d_lon, radius, page,
                                              per_page, chosen):
    app, facts = catalog_app
    query = SearchQuery(latitude=CENTER[0] + d_lat, longitude=CENTER[1] + d_lon,
                        radius_miles=radius, page=page, per_page=per_page, **chosen)
    expected = brute_force(facts, query)
    with app.app_context():
        results = search(session, query, now=NOW)
    start = (page - 1) * per_page
    wanted = expected[start:start + per_page]
    assert [hit.name for hit in results.hits] == [name for name, _ in wanted]
    for hit, (_, distance) in zip(results.hits, wanted, strict=True):
        assert hit.distance_miles == pytest.approx(distance, rel=1e-9, abs=1e-9)
    assert results.has_next == (len(expected) > start + per_page)
    if results.total is not None:
        assert results.total == len(expected)


def test_virtual_services_appear_where_their_area_covers_the_searcher(catalog_app):
    app, _ = catalog_app
    with app.app_context():
        inside = search(session, SearchQuery(latitude=45.5, longitude=-122.7, region_code="US-OR"))
        outside = search(session, SearchQuery(latitude=44.0, longitude=-121.0,
                                              region_code="US-OR"))
        texas = search(session, SearchQuery(latitude=30.27, longitude=-97.74,
                                            region_code="US-TX"))
    assert {h.name for h in inside.virtual_hits} == {"Statewide phone coaching",
                                                     "Metro video group"}
    assert {h.name for h in outside.virtual_hits} == {"Statewide phone coaching"}
    assert not inside.more_virtual and not outside.more_virtual
    assert {h.name for h in texas.virtual_hits} == {"Texas text line"}
    assert all(h.is_virtual and h.distance_miles is None for h in inside.virtual_hits)
    assert all(not h.is_virtual for h in inside.hits)


def test_virtual_only_delivery_lists_just_online_services(catalog_app):
    app, _ = catalog_app
    with app.app_context():
        results = search(session, SearchQuery(latitude=45.5, longitude=-122.7,
                                              region_code="US-OR", delivery=("virtual",)))
    assert [h.name for h in results.hits] == ["Metro video group", "Statewide phone coaching"]


def test_keyword_without_a_point_ranks_by_relevance_and_counts_services(catalog_app):
    app, facts = catalog_app
    with app.app_context():
        every = search(session, SearchQuery(keyword="service"))
        narrowed = search(session, SearchQuery(keyword="Service 012"))  # words are ANDed
        phrase = search(session, SearchQuery(keyword="phone coaching"))
    assert every.total == len(facts)  # one line per service, not per place
    assert len(every.hits) == 20 and every.has_next
    assert [h.name for h in narrowed.hits] == ["Service 012"]
    assert [h.name for h in phrase.hits] == ["Statewide phone coaching"]


def test_hostile_keywords_are_plain_words(catalog_app):
    app, _ = catalog_app
    with app.app_context():
        for keyword in ('"', "AND OR NOT", "NEAR(a b)", "*", "service) OR (x", "ü' --"):
            search(session, SearchQuery(keyword=keyword))
            search(session, SearchQuery(keyword=keyword, latitude=45.5, longitude=-122.7))


# --- the index follows every write -----------------------------------------------------------

@pytest.fixture
def fresh_app():
    url = scratch_database_url("search_sync")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        Base.metadata.create_all(app.extensions["directory"].db.engine)
        yield app
        session.remove()
        app.extensions["directory"].db.engine.dispose()
    drop_scratch_database(url)


def _one_service(name="Harbor Peer Coaching", lat=45.52, lon=-122.68):
    organization = Organization(name="Harbor Recovery", description="x")
    location = Location(name="Harbor office", latitude=lat, longitude=lon,
                        organization=organization, time_zone="America/Los_Angeles")
    service = Service(name=name, organization=organization, status="active",
                      description="Weekly coaching with a peer mentor.")
    service.service_at_locations.append(ServiceAtLocation(location=location))
    session.add(service)
    session.commit()
    return service, location


def _names(**kw) -> list[str]:
    query = SearchQuery(latitude=45.52, longitude=-122.68, radius_miles=10, **kw)
    return [hit.name for hit in search(session, query).hits]


def test_index_follows_inserts_edits_and_deletes(fresh_app):
    service, location = _one_service()
    assert _names() == ["Harbor Peer Coaching"]
    assert _names(keyword="mentor") == ["Harbor Peer Coaching"]

    service.name = "Harbor Mentoring"
    session.commit()
    assert _names() == ["Harbor Mentoring"]

    location.latitude, location.longitude = 47.6, -122.3  # moved to Seattle
    session.commit()
    assert _names() == []

    location.latitude, location.longitude = 45.53, -122.67
    service.status = "inactive"
    session.commit()
    assert _names() == []

    service.status = "active"
    session.commit()
    session.delete(service)
    session.commit()
    assert _names() == []
    assert session.execute(select(func.count()).select_from(SearchEntry)).scalar_one() == 0


def test_index_follows_child_objects_and_rolls_back_with_the_catalog(fresh_app):
    service, location = _one_service()
    service.languages.append(Language(code="es", name="Spanish"))
    session.commit()
    assert _names(languages=("es",)) == ["Harbor Peer Coaching"]

    location.accessibility.append(Accessibility(description="Wheelchair accessible"))
    session.commit()
    assert _names(wheelchair=True) == ["Harbor Peer Coaching"]

    service.name = "Uncommitted name"
    session.flush()
    assert _names() == ["Uncommitted name"]  # searches in the same transaction see it
    session.rollback()
    assert _names() == ["Harbor Peer Coaching"]


def test_certified_and_verified_filters_use_today(fresh_app):
    service, _ = _one_service()
    service.narr_level = "II"
    service.certification_expires = date.today() - timedelta(days=1)
    service.assured_date = date.today() - timedelta(days=400)
    session.commit()
    assert _names(certified_only=True) == []
    assert _names(verified_recently=True) == []
    service.certification_expires = date.today() + timedelta(days=30)
    service.assured_date = date.today() - timedelta(days=30)
    session.commit()
    assert _names(certified_only=True) == ["Harbor Peer Coaching"]
    assert _names(verified_recently=True) == ["Harbor Peer Coaching"]


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # 01:00 Saturday in Portland: inside Friday's 20:00-02:00.
        ("America/Los_Angeles", datetime(2026, 12, 5, 9, 0, tzinfo=UTC), True),
        # The same instant is 04:00 Saturday in Kentucky: closed.
        ("America/New_York", datetime(2026, 12, 5, 9, 0, tzinfo=UTC), False),
        # Friday 19:59 in Portland: not yet.
        ("America/Los_Angeles", datetime(2026, 12, 5, 3, 59, tzinfo=UTC), False),
    ],
)
def test_open_now_filter_across_time_zones_and_midnight(fresh_app, zone, moment, expected):
    service, location = _one_service()
    location.time_zone = zone
    service.service_at_locations[0].schedules.append(
        Schedule(freq="WEEKLY", byday="FR", opens_at="20:00", closes_at="02:00"))
    session.commit()
    query = SearchQuery(latitude=45.52, longitude=-122.68, radius_miles=10, open_now=True)
    names = [hit.name for hit in search(session, query, now=moment).hits]
    assert names == (["Harbor Peer Coaching"] if expected else [])


def test_keywords_match_words_not_prefixes_of_other_words(fresh_app):
    _one_service(name="Houston Street Coaching")
    _one_service(name="Sober Housing Network", lat=45.53)
    assert _names(keyword="housing") == ["Sober Housing Network"]
    assert _names(keyword="houses") == ["Sober Housing Network"]  # stemmed, not prefixed
    assert search(session, SearchQuery(keyword="housing")).total == 1


def test_online_section_is_capped_and_says_there_are_more(fresh_app):
    organization = Organization(name="Online org", description="x")
    for number in range(7):
        online = Location(name="Online", location_type="virtual", organization=organization)
        service = Service(name=f"Phone line {number}", organization=organization,
                          status="active",
                          service_areas=[ServiceArea(extent_type="text", extent="US")])
        service.service_at_locations.append(ServiceAtLocation(location=online))
        session.add(service)
    session.commit()
    mixed = search(session, SearchQuery(latitude=45.5, longitude=-122.7))
    online = search(session, SearchQuery(latitude=45.5, longitude=-122.7, delivery=("virtual",)))
    assert [h.name for h in mixed.virtual_hits] == [f"Phone line {n}" for n in range(5)]
    assert mixed.more_virtual
    assert online.total == 7 and len(online.hits) == 7
