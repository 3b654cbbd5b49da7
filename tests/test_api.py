"""The HSDS API: valid HSDS on the demo catalog, every parameter and their combinations, NDJSON,
places, errors, caching, CORS and rate limits."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import pytest
from flask import Flask
from flask_limiter import Limiter
from geopy.distance import great_circle
from jsonschema import Draft202012Validator
from sqlalchemy import event

from directory import Directory, create_app
from directory import settings as directory_settings
from directory.catalog.models import (
    Accessibility,
    Attribute,
    Language,
    Organization,
    ServiceArea,
    Taxonomy,
)
from directory.geo import get_geocoder
from directory.ratelimit import existing_limiter
from tests.conftest import REPOSITORY_DIR, app_settings, dispose_engines
from tests.factories import PLACES, _save
from tests.test_api_support import (
    API,
    assert_page,
    assert_valid,
    mount_api,
    ndjson_lines,
)

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
PORTLAND = PLACES[0]  # Portland, OR 97204
DENVER = PLACES[2]


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture
def api_app(app: Flask) -> Flask:
    return mount_api(app)


@pytest.fixture
def api(api_app: Flask):
    return api_app.test_client()


@pytest.fixture(scope="module")
def seeded_api_app(seeded_db_url: str):
    """The demo catalog with the API, and a limit no test run reaches."""
    application = mount_api(create_app(app_settings(
        seeded_db_url, DIRECTORY_API_RATE_LIMIT="100000/minute")))
    yield application
    dispose_engines(application)


@pytest.fixture
def seeded_api(seeded_api_app: Flask):
    return seeded_api_app.test_client()


def ids(body: dict) -> list[str]:
    return [item["id"] for item in body["contents"]]


def get_json(client, path: str, status: int = 200, **query):
    response = client.get(API + path, query_string=query)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def service_ids(client, path: str = "/services", **query) -> set[str]:
    body = get_json(client, path, per_page=100, **query)
    if path == "/service_at_locations":
        return {item["service"]["id"] for item in body["contents"]}
    return set(ids(body))


def save(app: Flask, obj):
    return _save(app, obj)


# --------------------------------------------------------------------------------------------
# The demo catalog is valid HSDS, in every shape
# --------------------------------------------------------------------------------------------

LIST_SHAPES = [
    ("/services", {}, "service_list"),
    ("/services", {"full": "true"}, "service"),
    ("/service_at_locations", {}, "service_at_location_list"),
    ("/service_at_locations", {"full": "true"}, "service_at_location"),
    ("/organizations", {}, "organization_list"),
    ("/organizations", {"full": "true"}, "organization"),
    ("/organizations", {"full_service": "true"}, "organization"),
    ("/taxonomies", {}, "taxonomy"),
    ("/taxonomy_terms", {}, "taxonomy_term"),
]


def test_root_names_the_hsds_version_profile_and_openapi_document(seeded_api):
    body = get_json(seeded_api, "/")
    assert body == {"version": "3.0", "profile": "http://localhost/api/profile",
                    "openapi_url": "http://localhost/api/openapi.json"}
    for url in (body["profile"], body["openapi_url"]):
        assert seeded_api.get(url.removeprefix("http://localhost")).status_code == 200


@pytest.mark.parametrize(("path", "query", "kind"), LIST_SHAPES)
def test_every_list_item_of_the_demo_catalog_is_valid_hsds(seeded_api, path, query, kind):
    first = get_json(seeded_api, path, per_page=100, **query)
    assert_page(first, kind)
    assert first["total_items"] > 0
    streamed = ndjson_lines(seeded_api.get(API + path, query_string={**query,
                                                                     "format": "ndjson"}))
    assert len(streamed) == first["total_items"]
    assert [item["id"] for item in streamed[:len(first["contents"])]] == ids(first)
    for item in streamed:
        assert_valid(kind, item)


@pytest.mark.parametrize(("path", "query", "kind", "list_query"), [
    ("/services", {}, "service", {"full": "true"}),
    ("/service_at_locations", {}, "service_at_location", {"full": "true"}),
    ("/organizations", {}, "organization", {"full": "true"}),
    ("/organizations", {"full_service": "true"}, "organization", {"full_service": "true"}),
    ("/taxonomies", {}, "taxonomy", {}),
    ("/taxonomy_terms", {}, "taxonomy_term", {}),
])
def test_objects_by_id_are_the_nested_list_items(seeded_api, path, query, kind, list_query):
    """Each object by id is its (validated) nested list item; a sample, to stay quick."""
    every = ndjson_lines(seeded_api.get(API + path, query_string={**list_query,
                                                                  "format": "ndjson"}))
    for item in every[::7]:
        assert get_json(seeded_api, f"{path}/{item['id']}", **query) == item
    assert_valid(kind, every[-1])


def _profile(client) -> dict:
    return get_json(client, "/profile")


def _walk(node, key=None):
    """(key it hangs under, object) for every object in a JSON tree."""
    if isinstance(node, dict):
        yield key, node
        for child_key, child in node.items():
            yield from _walk(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child, key)


def test_extension_fields_are_exactly_those_of_our_profile(seeded_api):
    """Every field we serve is HSDS or documented in the profile, and the profile's types hold."""
    profile = _profile(seeded_api)
    Draft202012Validator.check_schema(profile)
    hsds = json.loads((REPOSITORY_DIR / "directory/api/schemas/service.json").read_text())
    hsds_location = json.loads(
        (REPOSITORY_DIR / "directory/api/schemas/location.json").read_text())
    checks = {
        "service": (set(hsds["properties"]), profile["$defs"]["service"]),
        "location": (set(hsds_location["properties"]), profile["$defs"]["location"]),
    }
    seen: dict[str, set[str]] = {"service": set(), "location": set()}
    services = ndjson_lines(seeded_api.get(f"{API}/services?format=ndjson&full=true"))
    for key, obj in _walk(services):
        kind = "service" if key in (None, "service", "services") else (
            "location" if key in ("location", "locations") else None)
        if kind is None or "id" not in obj:
            continue
        own, schema = checks[kind]
        extras = set(obj) - own
        assert extras <= set(schema["properties"]), (kind, extras)
        assert not list(Draft202012Validator(schema).iter_errors(obj))
        seen[kind] |= extras
    assert seen["service"] == set(profile["$defs"]["service"]["properties"])
    assert seen["location"] == set(profile["$defs"]["location"]["properties"])


def test_profile_matches_the_readme_table(seeded_api):
    readme = (REPOSITORY_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Our HSDS profile", 1)[1].split("\n\n", 2)[1]
    documented: dict[str, set[str]] = {}
    for row in table.splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        documented.setdefault(cells[0], set()).update(re.findall(r"`(\w+)`", cells[1]))
    profile = _profile(seeded_api)
    assert documented == {kind: set(profile["$defs"][kind]["properties"])
                          for kind in ("service", "location")}


# --------------------------------------------------------------------------------------------
# Pages, shapes and streams
# --------------------------------------------------------------------------------------------


def test_pages_cover_every_result_once_in_name_order(api, make_service, make_organization):
    organization = make_organization()
    made = [make_service(organization=organization, name=f"Coaching {letter}")
            for letter in "ECADB"]
    pages = [get_json(api, "/services", page=number, per_page=2) for number in (1, 2, 3)]
    for number, body in enumerate(pages, start=1):
        assert_page(body, "service_list")
        assert (body["total_items"], body["total_pages"], body["page_number"]) == (5, 3, number)
    assert [body["size"] for body in pages] == [2, 2, 1]
    assert [body["last_page"] for body in pages] == [False, False, True]
    names = [item["name"] for body in pages for item in body["contents"]]
    assert names == sorted(service.name for service in made)
    beyond = get_json(api, "/services", page=4, per_page=2)
    assert beyond["empty"] and beyond["contents"] == [] and beyond["total_items"] == 5


def test_an_empty_catalog_is_one_empty_page(api):
    body = get_json(api, "/services")
    assert assert_page(body) == []
    assert (body["total_items"], body["total_pages"], body["empty"]) == (0, 0, True)


def test_default_page_size_is_the_sites_and_per_page_is_capped(api, api_app, make_service):
    organization = make_service().organization
    for _ in range(api_app.config["DIRECTORY_PAGE_SIZE"]):
        make_service(organization=organization)
    assert get_json(api, "/services")["size"] == api_app.config["DIRECTORY_PAGE_SIZE"]
    assert get_json(api, "/services", per_page=100)["size"] == 21
    assert get_json(api, "/services", per_page=101, status=400)["parameter"] == "per_page"
    assert get_json(api, "/organizations", per_page=101, status=400)["parameter"] == "per_page"


def test_minimal_services_are_ids_and_modified_dates_all_in_one_page(api, make_service):
    stamped = make_service(last_modified=datetime(2026, 3, 1, 9, 30, tzinfo=UTC))
    unstamped = make_service(last_modified=None)
    body = get_json(api, "/services", minimal="true")
    assert_page(body)
    assert sorted(body["contents"], key=lambda item: item["id"]) == sorted([
        {"id": stamped.id, "modified_date": "2026-03-01T09:30:00Z"}, {"id": unstamped.id},
    ], key=lambda item: item["id"])
    assert get_json(api, "/services", minimal="true", per_page=5000)["size"] == 2
    assert get_json(api, "/services", minimal="true", full="true",
                    status=400)["parameter"] == "minimal"


def test_full_services_are_fully_nested(api, make_service):
    service = make_service()
    listed = get_json(api, "/services")["contents"][0]
    assert "phones" not in listed and listed["organization"]["id"] == service.organization_id
    full = get_json(api, "/services", full="true")["contents"][0]
    assert full == get_json(api, f"/services/{service.id}")
    assert full["phones"][0]["number"] == "503-555-0142"
    assert full["service_at_locations"][0]["location"]["addresses"]
    assert_valid("service", full)


def test_ndjson_streams_every_result_without_pages(api, make_service, make_organization):
    organization = make_organization()
    made = {make_service(organization=organization).id for _ in range(5)}
    response = api.get(f"{API}/services?format=ndjson&per_page=2&page=2")
    assert response.status_code == 200
    assert response.mimetype == "application/x-ndjson"
    assert "ETag" not in response.headers
    lines = ndjson_lines(response)
    assert {item["id"] for item in lines} == made
    for item in lines:
        assert_valid("service_list", item)
    sal_lines = ndjson_lines(api.get(f"{API}/service_at_locations?format=ndjson&full=true"))
    assert {item["service"]["id"] for item in sal_lines} == made
    organizations = ndjson_lines(api.get(f"{API}/organizations?format=ndjson&full_service=true"))
    assert [len(item["services"]) for item in organizations] == [5]


def test_ndjson_of_the_demo_catalog_streams_in_batches(seeded_api_app, seeded_api):
    statements = []
    engine = _engine(seeded_api_app)
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        lines = ndjson_lines(seeded_api.get(f"{API}/services?format=ndjson&minimal=true"))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(lines) > 200  # more than one batch of ids
    id_batches = [sql for sql in statements if "LIMIT" in sql.upper()]
    assert len(id_batches) >= 2


# --------------------------------------------------------------------------------------------
# Only published listings
# --------------------------------------------------------------------------------------------


def test_only_published_services_appear_anywhere(api, make_service, make_organization):
    organization = make_organization()
    shown = make_service(organization=organization, name="Shown")
    inactive = make_service(organization=organization, name="Paused", status="inactive")
    defunct = make_service(organization=organization, name="Closed for good", status="defunct")
    assert service_ids(api) == {shown.id, inactive.id}
    assert service_ids(api, "/service_at_locations") == {shown.id, inactive.id}
    assert get_json(api, f"/services/{defunct.id}", status=404) == {
        "error": "No published object has this id."}
    defunct_place = defunct.service_at_locations[0].id
    assert get_json(api, f"/service_at_locations/{defunct_place}", status=404)["error"]
    for query in ({}, {"full_service": "true"}):
        nested = get_json(api, f"/organizations/{organization.id}", **query)["services"]
        assert {item["id"] for item in nested} == {shown.id, inactive.id}
    streamed = ndjson_lines(api.get(f"{API}/organizations?format=ndjson&full=true"))
    assert {item["id"] for item in streamed[0]["services"]} == {shown.id, inactive.id}
    assert {item["id"] for item in ndjson_lines(
        api.get(f"{API}/services?format=ndjson"))} == {shown.id, inactive.id}


# --------------------------------------------------------------------------------------------
# HSDS filters, alone and together
# --------------------------------------------------------------------------------------------


@pytest.fixture
def tagged_catalog(app, make_service, make_organization, make_taxonomy_term):
    """Four published services and a defunct one, tagged and dated to tell filters apart."""
    other_taxonomy = save(app, Taxonomy(name="AIRS/211 crosswalk", description="Codes"))
    mentoring = make_taxonomy_term(name="Mentoring", code="mentoring")
    family = make_taxonomy_term(name="Family counseling", code="family")
    airs = make_taxonomy_term(name="Support groups", code="PN-8100.0500",
                              taxonomy_id=other_taxonomy.id, taxonomy="AIRS")
    north, south = make_organization(name="North Star"), make_organization(name="South Bend")

    def made(name, organization, terms, modified):
        return make_service(name=name, organization=organization, terms=terms,
                            last_modified=datetime(*modified, tzinfo=UTC))

    services = {
        "a": made("Alpha lantern walk", north, [mentoring], (2026, 1, 10)),
        "b": made("Bravo family night", north, [family, airs], (2025, 2, 1)),
        "c": made("Charlie mentoring circle", south, [mentoring, airs], (2026, 5, 1)),
        "d": made("Delta family lantern", south, [family], (2024, 12, 31)),
    }
    make_service(name="Echo lantern (closed)", organization=north, terms=[mentoring],
                 status="defunct", last_modified=datetime(2026, 6, 1, tzinfo=UTC))
    return {"services": services, "terms": {"mentoring": mentoring, "family": family,
                                            "airs": airs},
            "organizations": {"north": north, "south": south},
            "taxonomies": {"ours": mentoring.taxonomy_id, "airs": other_taxonomy.id}}


def _expect(catalog, *letters) -> set[str]:
    return {catalog["services"][letter].id for letter in letters}


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_hsds_filters_combine_as_and(api, tagged_catalog, path):
    c = tagged_catalog
    terms, organizations, taxonomies = c["terms"], c["organizations"], c["taxonomies"]
    cases = [
        ({}, "abcd"),
        ({"taxonomy_term_id": terms["mentoring"].id}, "ac"),
        ({"taxonomy_term_id": terms["airs"].id}, "bc"),
        ({"taxonomy_id": taxonomies["airs"]}, "bc"),
        ({"taxonomy_id": taxonomies["ours"]}, "abcd"),
        ({"organization_id": organizations["north"].id}, "ab"),
        ({"modified_after": "2026-01-01"}, "ac"),
        ({"modified_after": "2026-01-10T00:00:00Z"}, "ac"),
        ({"modified_after": "2026-01-10T00:00:01+00:00"}, "c"),
        ({"modified_after": "2025-12-31T19:00:00-05:00"}, "ac"),
        ({"search": "lantern"}, "ad"),
        ({"search": "family"}, "bd"),
        ({"search": "family lantern"}, "d"),
        ({"taxonomy_term_id": terms["mentoring"].id,
          "organization_id": organizations["south"].id}, "c"),
        ({"taxonomy_id": taxonomies["airs"], "modified_after": "2026-01-01"}, "c"),
        ({"search": "lantern", "organization_id": organizations["north"].id}, "a"),
        ({"search": "lantern", "taxonomy_term_id": terms["family"].id,
          "modified_after": "2025-01-01"}, ""),
        ({"taxonomy_term_id": UNKNOWN_ID}, ""),
        ({"organization_id": UNKNOWN_ID}, ""),
    ]
    for query, expected in cases:
        assert service_ids(api, path, **query) == _expect(tagged_catalog, *expected), query


# --------------------------------------------------------------------------------------------
# Our profile's filters (the search page's semantics)
# --------------------------------------------------------------------------------------------

RECENT = date.today() - timedelta(days=10)
PROFILE_FILTER_CASES = [
    ({"cost": "free"}, {"free_of_charge": True}, {"free_of_charge": False}),
    ({"cost": "sliding_scale"}, {"sliding_scale": True, "free_of_charge": False},
     {"sliding_scale": False, "free_of_charge": False}),
    ({"cost": "free,sliding_scale"}, {"sliding_scale": True, "free_of_charge": False},
     {"sliding_scale": False, "free_of_charge": False}),
    ({"insurance": "medicaid"}, {"accepts_medicaid": True}, {"accepts_medicare": True}),
    ({"insurance": ["medicare", "private"]}, {"accepts_private_insurance": True},
     {"accepts_medicaid": True}),
    ({"age": "30"}, {"minimum_age": 18, "maximum_age": 64}, {"minimum_age": 40}),
    ({"gender": "female"}, {"gender_eligibility": "female"}, {"gender_eligibility": "male"}),
    ({"accepting_new_clients": "true"}, {"accepting_new_clients": True},
     {"accepting_new_clients": False}),
    ({"beds_available": "true"}, {"beds_total": 6, "beds_available": 2},
     {"beds_total": 6, "beds_available": 0}),
    ({"allows_mat": "true"}, {"allows_mat": True, "beds_total": 4},
     {"allows_mat": False, "beds_total": 4}),
    ({"certified": "true"},
     {"narr_level": "II", "certification_expires": date.today() + timedelta(days=90)},
     {"narr_level": "II", "certification_expires": date.today() - timedelta(days=1)}),
    ({"verified_recently": "true"}, {"assured_date": RECENT},
     {"assured_date": date.today() - timedelta(days=800)}),
    ({"language": "vi"}, {"languages": "vi"}, {}),
    ({"language": ["vi", "so"]}, {"languages": "so"}, {}),
]


def _profiled_service(make_service, kwargs: dict):
    kwargs = dict(kwargs)
    if "languages" in kwargs:
        kwargs["languages"] = [Language(name="Other", code=kwargs["languages"])]
    return make_service(**kwargs)


@pytest.mark.parametrize(("query", "matching", "other"), PROFILE_FILTER_CASES)
def test_profile_filters(api, make_service, query, matching, other):
    match = _profiled_service(make_service, matching)
    _profiled_service(make_service, other)
    for path in ("/services", "/service_at_locations"):
        assert service_ids(api, path, **query) == {match.id}, (path, query)


def test_false_flags_do_not_filter(api, make_service):
    made = {make_service(accepting_new_clients=flag).id for flag in (True, False)}
    assert service_ids(api, accepting_new_clients="false") == made


def test_category_includes_sub_categories(api, make_service, make_taxonomy_term):
    housing = make_taxonomy_term(name="Recovery housing", code="recovery-housing")
    womens = make_taxonomy_term(name="Women's homes", parent=housing)
    family = make_taxonomy_term(name="Family", code="family")
    in_child = make_service(terms=[womens])
    in_parent = make_service(terms=[housing])
    elsewhere = make_service(terms=[family])
    assert service_ids(api, category="recovery-housing") == {in_child.id, in_parent.id}
    assert service_ids(api, category=womens.code) == {in_child.id}
    assert service_ids(api, category="family,recovery-housing") == {
        in_child.id, in_parent.id, elsewhere.id}
    assert service_ids(api, category="recovery-housing",
                       taxonomy_term_id=housing.id) == {in_parent.id}


def test_wheelchair_and_delivery(api, make_service, make_location):
    ramp = make_location(accessibility=[Accessibility(description="Wheelchair accessible")])
    stairs = make_location(accessibility=[Accessibility(description="Second floor, stairs")])
    online = make_location(location_type="virtual", latitude=None, longitude=None, name="Online")
    accessible = make_service(location=ramp)
    upstairs = make_service(location=stairs)
    virtual = make_service(location=online)
    assert service_ids(api, wheelchair="true") == {accessible.id, virtual.id}
    assert service_ids(api, delivery="virtual") == {virtual.id}
    assert service_ids(api, delivery="in_person") == {accessible.id, upstairs.id}
    assert service_ids(api, delivery="in_person,virtual") == {
        accessible.id, upstairs.id, virtual.id}
    assert service_ids(api, "/service_at_locations", wheelchair="true",
                       delivery="in_person") == {accessible.id}


# --------------------------------------------------------------------------------------------
# Places: lat/lon/radius (ours), postcode and proximity (HSDS)
# --------------------------------------------------------------------------------------------


def _offset(place, north_miles: float):
    city, state, zip_code, latitude, longitude, zone = place
    return (city, state, zip_code, latitude + north_miles / 69.05, longitude, zone)


@pytest.fixture
def portland_catalog(app, make_service, make_location, make_organization):
    """Services 0.5, 3 and 40 miles north of downtown Portland, one in Denver, and a virtual
    service for all of Oregon."""
    organization = make_organization()

    def at(place, name):
        location = make_location(organization=organization, place=place, name=name)
        return make_service(organization=organization, location=location, name=name)

    made = {
        "near": at(_offset(PORTLAND, 0.5), "Near"),
        "mid": at(_offset(PORTLAND, 3), "Mid"),
        "far": at(_offset(PORTLAND, 40), "Far"),
        "denver": at(DENVER, "Denver"),
    }
    online = make_location(organization=organization, location_type="virtual",
                           latitude=None, longitude=None, name="Phone line")
    made["oregon"] = make_service(organization=organization, location=online,
                                  name="Oregon phone coaching",
                                  service_areas=[ServiceArea(name="Oregon", extent="US-OR",
                                                             extent_type="text")])
    return made


def test_lat_lon_radius_nearest_first_then_virtual_services_covering_the_point(
        api, portland_catalog):
    c = portland_catalog
    point = {"lat": PORTLAND[3], "lon": PORTLAND[4]}
    body = get_json(api, "/services", radius=5, **point)
    assert ids(body) == [c["near"].id, c["mid"].id, c["oregon"].id]
    assert ids(get_json(api, "/services", **point)) == [c["near"].id, c["mid"].id,
                                                         c["oregon"].id]
    assert ids(get_json(api, "/services", radius=50, **point))[:3] == [
        c["near"].id, c["mid"].id, c["far"].id]
    assert ids(get_json(api, "/services", radius=1, delivery="in_person", **point)) == [
        c["near"].id]
    assert ids(get_json(api, "/services", delivery="virtual", **point)) == [c["oregon"].id]
    denver = {"lat": DENVER[3], "lon": DENVER[4]}
    assert ids(get_json(api, "/services", radius=10, **denver)) == [c["denver"].id]
    paged = get_json(api, "/services", radius=50, per_page=2, page=2, **point)
    assert paged["total_items"] == 4 and ids(paged) == [c["far"].id, c["oregon"].id]
    streamed = ndjson_lines(api.get(f"{API}/services", query_string={
        "format": "ndjson", "radius": 5, **point}))
    assert [item["id"] for item in streamed] == ids(body)
    sal = get_json(api, "/service_at_locations", radius=5, **point)
    assert [item["service"]["id"] for item in sal["contents"]] == ids(body)


def _zip_centre(app, code: str) -> tuple[float, float]:
    with app.app_context():
        place = get_geocoder().geocode(code)
    return place.latitude, place.longitude


def test_postcode_and_proximity_in_metres(api, api_app, portland_catalog):
    c = portland_catalog
    centre = _zip_centre(api_app, "97204")
    within = {name: great_circle(centre, (_offset(PORTLAND, miles)[3], PORTLAND[4])).m
              for name, miles in (("near", 0.5), ("mid", 3), ("far", 40))}
    proximity = (within["near"] + within["mid"]) / 2  # between the nearest two
    body = get_json(api, "/service_at_locations", postcode="97204", proximity=proximity)
    assert [item["service"]["id"] for item in body["contents"]] == [c["near"].id]
    wider = get_json(api, "/service_at_locations", postcode="97204-1234",
                     proximity=within["far"] + 100)
    assert [item["service"]["id"] for item in wider["contents"]] == [
        c["near"].id, c["mid"].id, c["far"].id]
    miles = get_json(api, "/service_at_locations", postcode="97204", radius=5)
    assert [item["service"]["id"] for item in miles["contents"]] == [c["near"].id, c["mid"].id]
    assert_page(body, "service_at_location_list")


def test_postcode_alone_matches_its_places_and_services_covering_it(
        api, make_service, make_location, portland_catalog):
    c = portland_catalog
    in_zip = make_service(location=make_location(place=PORTLAND))
    expected = {c["near"].id, c["mid"].id, c["far"].id, c["oregon"].id, in_zip.id}
    assert service_ids(api, "/service_at_locations", postcode="97204") == expected
    assert service_ids(api, "/service_at_locations", postcode="80202") == {c["denver"].id}
    assert service_ids(api, "/service_at_locations", postcode="97204",
                       delivery="virtual") == {c["oregon"].id}


def test_proximity_from_lat_lon_leaves_virtual_services_out(api, portland_catalog):
    c = portland_catalog
    body = get_json(api, "/service_at_locations", lat=PORTLAND[3], lon=PORTLAND[4],
                    proximity=8000)
    assert [item["service"]["id"] for item in body["contents"]] == [c["near"].id, c["mid"].id]


# --------------------------------------------------------------------------------------------
# Organizations and taxonomies
# --------------------------------------------------------------------------------------------


def test_organizations_search_and_nesting(api, make_service, make_organization):
    north = make_organization(name="North Star Recovery", description="Peer mentors.")
    harbor = make_organization(name="Harbor Families", description="Family education nights.")
    service = make_service(organization=north)
    assert ids(get_json(api, "/organizations")) == [harbor.id, north.id]
    assert ids(get_json(api, "/organizations", search="star")) == [north.id]
    assert ids(get_json(api, "/organizations", search="family EDUCATION")) == [harbor.id]
    assert ids(get_json(api, "/organizations", search="star mentors")) == [north.id]
    assert ids(get_json(api, "/organizations", search="star families")) == []
    plain = get_json(api, "/organizations", search="star")["contents"][0]
    assert "services" not in plain and "phones" not in plain
    full = get_json(api, "/organizations", search="star", full="true")["contents"][0]
    assert [item["id"] for item in full["services"]] == [service.id]
    assert "phones" not in full["services"][0] and full["phones"]
    nested = get_json(api, f"/organizations/{north.id}", full_service="true")
    assert nested["services"][0]["phones"] == get_json(api, f"/services/{service.id}")["phones"]
    assert "phones" not in get_json(api, f"/organizations/{north.id}")["services"][0]
    assert_valid("organization", nested)


def test_taxonomy_terms_filters(api, app, make_taxonomy_term):
    housing = make_taxonomy_term(name="Recovery housing", code="recovery-housing")
    womens = make_taxonomy_term(name="Women's homes", parent=housing)
    mens = make_taxonomy_term(name="Men's homes", parent=housing)
    mentoring = make_taxonomy_term(name="Mentoring", code="mentoring")
    airs = save(app, Taxonomy(name="AIRS", description="211 codes"))
    groups = make_taxonomy_term(name="Support groups", code="PN-8100.0500",
                                taxonomy_id=airs.id, taxonomy="AIRS")
    everything = get_json(api, "/taxonomy_terms", per_page=100)
    assert_page(everything, "taxonomy_term")
    assert everything["total_items"] == 5
    assert set(ids(get_json(api, "/taxonomy_terms", top_only="true"))) == {
        housing.id, mentoring.id, groups.id}
    assert set(ids(get_json(api, "/taxonomy_terms", parent_id=housing.id))) == {
        womens.id, mens.id}
    assert ids(get_json(api, "/taxonomy_terms", taxonomy_id=airs.id)) == [groups.id]
    assert ids(get_json(api, "/taxonomy_terms", search="homes", parent_id=housing.id)) == [
        mens.id, womens.id]
    assert ids(get_json(api, "/taxonomy_terms", search="PN-8100")) == [groups.id]
    assert ids(get_json(api, "/taxonomy_terms", top_only="true", parent_id=housing.id)) == []
    assert ids(get_json(api, "/taxonomy_terms", top_only="false", taxonomy_id=airs.id)) == [
        groups.id]
    term = get_json(api, f"/taxonomy_terms/{womens.id}")
    assert term["parent_id"] == housing.id and term["taxonomy_detail"]["id"]
    taxonomies = get_json(api, "/taxonomies")
    assert_page(taxonomies, "taxonomy")
    assert ids(get_json(api, "/taxonomies", search="211")) == [airs.id]
    assert get_json(api, f"/taxonomies/{airs.id}") == {
        "id": airs.id, "name": "AIRS", "description": "211 codes"}


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/services", {"per_page": "0"}, "per_page"),
    ("/services", {"per_page": "101"}, "per_page"),
    ("/services", {"per_page": "ten"}, "per_page"),
    ("/services", {"page": "0"}, "page"),
    ("/services", {"page": "1.5"}, "page"),
    ("/services", {"page": "9" * 40}, "page"),
    ("/services", {"page": ["1", "2"]}, "page"),
    ("/services", {"format": "xml"}, "format"),
    ("/services", {"full": "maybe"}, "full"),
    ("/services", {"minimal": "true", "full": "true"}, "minimal"),
    ("/services", {"modified_after": "last tuesday"}, "modified_after"),
    ("/services", {"modified_after": "0001-01-01T00:00:00+01:00"}, "modified_after"),
    ("/services", {"search": "x" * 201}, "search"),
    ("/services", {"search": "family\x00"}, "search"),
    ("/services", {"taxonomy_term_id": "x" * 65}, "taxonomy_term_id"),
    ("/services", {"lat": "91", "lon": "0"}, "lat"),
    ("/services", {"lat": "nan", "lon": "0"}, "lat"),
    ("/services", {"lat": "45"}, "lon"),
    ("/services", {"radius": "5"}, "radius"),
    ("/services", {"lat": "45", "lon": "-122", "radius": "0"}, "radius"),
    ("/services", {"lat": "45", "lon": "-122", "radius": "251"}, "radius"),
    ("/services", {"cost": "cheap"}, "cost"),
    ("/services", {"insurance": "medicaid,gold"}, "insurance"),
    ("/services", {"gender": "other"}, "gender"),
    ("/services", {"age": "200"}, "age"),
    ("/services", {"delivery": "drone"}, "delivery"),
    ("/services", {"category": ",".join(f"c{n}" for n in range(21))}, "category"),
    ("/services", {"colour": "blue"}, "colour"),
    ("/services", {"postcode": "97209"}, "postcode"),
    ("/service_at_locations", {"proximity": "500"}, "proximity"),
    ("/service_at_locations", {"postcode": "972"}, "postcode"),
    ("/service_at_locations", {"postcode": "00000"}, "postcode"),
    ("/service_at_locations", {"postcode": "97209", "lat": "45", "lon": "-122"}, "postcode"),
    ("/service_at_locations", {"postcode": "97209", "radius": "5", "proximity": "100"},
     "radius"),
    ("/service_at_locations", {"postcode": "97209", "proximity": "-1"}, "proximity"),
    ("/service_at_locations", {"minimal": "true"}, "minimal"),
    ("/organizations", {"full_service": "yes please"}, "full_service"),
    ("/organizations", {"taxonomy_id": "x"}, "taxonomy_id"),
    ("/taxonomies", {"top_only": "true"}, "top_only"),
    ("/taxonomy_terms", {"top_only": "2"}, "top_only"),
    ("/taxonomy_terms", {"parent_id": "a\x01"}, "parent_id"),
    ("/", {"page": "1"}, "page"),
    (f"/services/{UNKNOWN_ID}", {"full": "true"}, "full"),
    (f"/organizations/{UNKNOWN_ID}", {"full": "true"}, "full"),
]


@pytest.mark.parametrize(("path", "query", "parameter"), BAD_REQUESTS)
def test_bad_parameters_are_400_naming_the_parameter(api, path, query, parameter):
    body = get_json(api, path, status=400, **query)
    assert body["parameter"] == parameter
    assert isinstance(body["error"], str) and body["error"]
    assert set(body) == {"error", "parameter"}


@pytest.mark.parametrize("path", ["/services", "/service_at_locations", "/organizations",
                                  "/taxonomies", "/taxonomy_terms"])
def test_unknown_ids_are_404_json(api, path):
    for value in (UNKNOWN_ID, "not-an-id", "x" * 65, "nul%00byte", "%E2%9C%93"):
        body = get_json(api, f"{path}/{value}", status=404)
        assert set(body) == {"error"}


def test_every_error_under_the_api_is_json(api):
    assert set(get_json(api, "/no/such/thing", status=404)) == {"error"}
    for method in ("post", "put", "patch", "delete"):
        for path in (f"{API}/services", f"{API}/", f"{API}/services/{UNKNOWN_ID}"):
            response = getattr(api, method)(path)
            assert response.status_code == 405, (method, path)
            assert response.get_json()["error"]
            assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_head_answers_like_get_without_a_body(api, make_service):
    make_service()
    head, get = api.head(f"{API}/services"), api.get(f"{API}/services")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]


# --------------------------------------------------------------------------------------------
# Caching: ETag, Last-Modified, 304
# --------------------------------------------------------------------------------------------


def test_etag_and_if_none_match(api, api_app, make_service):
    service = make_service(last_modified=datetime(2026, 4, 2, 8, 0, tzinfo=UTC))
    for path in ("/services", f"/services/{service.id}", "/organizations", "/", "/profile",
                 "/openapi.json", f"/service_at_locations?postcode={PORTLAND[2]}"):
        first = api.get(API + path)
        assert first.status_code == 200, path
        etag = first.headers["ETag"]
        assert "no-cache" in first.headers["Cache-Control"]
        again = api.get(API + path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.data == b"" and again.headers["ETag"] == etag
        other = api.get(API + path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.data == first.data
    before = api.get(f"{API}/services").headers["ETag"]
    make_service(organization=service.organization)
    changed = api.get(f"{API}/services", headers={"If-None-Match": before})
    assert changed.status_code == 200 and changed.headers["ETag"] != before


def test_last_modified_and_if_modified_since(api, make_service):
    newest = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
    make_service(last_modified=newest)
    make_service(last_modified=newest - timedelta(days=30),
                 availability_updated_at=newest - timedelta(hours=1))
    response = api.get(f"{API}/services")
    assert response.headers["Last-Modified"] == format_datetime(newest, usegmt=True)
    same = api.get(f"{API}/services", headers={"If-Modified-Since": format_datetime(
        newest, usegmt=True)})
    assert same.status_code == 304
    older = api.get(f"{API}/services", headers={"If-Modified-Since": format_datetime(
        newest - timedelta(seconds=1), usegmt=True)})
    assert older.status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    both = api.get(f"{API}/services", headers={
        "If-Modified-Since": format_datetime(newest, usegmt=True),
        "If-None-Match": '"stale"'})
    assert both.status_code == 200
    stream = api.get(f"{API}/services?format=ndjson")
    assert stream.headers["Last-Modified"] == response.headers["Last-Modified"]
    assert api.get(f"{API}/services?format=ndjson", headers={
        "If-Modified-Since": stream.headers["Last-Modified"]}).status_code == 304


def test_bed_updates_move_last_modified(api, app, make_service):
    housing = make_service(beds_total=6, beds_available=1,
                           last_modified=datetime(2026, 1, 1, tzinfo=UTC),
                           availability_updated_at=datetime(2026, 2, 1, tzinfo=UTC))
    assert api.get(f"{API}/services/{housing.id}").headers["Last-Modified"] == (
        format_datetime(datetime(2026, 2, 1, tzinfo=UTC), usegmt=True))


def test_no_dates_no_last_modified(api, make_service):
    make_service(last_modified=None)
    response = api.get(f"{API}/services")
    assert "Last-Modified" not in response.headers and response.headers["ETag"]


# --------------------------------------------------------------------------------------------
# CORS
# --------------------------------------------------------------------------------------------


def test_cors_is_open_on_the_api_only(api, make_service):
    make_service()
    origin = {"Origin": "https://partner.example.org"}
    for path, status in (("/services", 200), ("/services?page=0", 400),
                         (f"/services/{UNKNOWN_ID}", 404), ("/nothing", 404)):
        response = api.get(API + path, headers=origin)
        assert response.status_code == status
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in api.get("/", headers=origin).headers


def test_preflight(api):
    response = api.options(f"{API}/services", headers={
        "Origin": "https://partner.example.org", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-API-Key, If-None-Match"})
    assert response.status_code == 204
    headers = response.headers
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert {"X-API-Key", "If-None-Match"} <= {
        name.strip() for name in headers["Access-Control-Allow-Headers"].split(",")}
    assert int(headers["Access-Control-Max-Age"]) >= 600
    assert headers["Allow"] == "GET, HEAD, OPTIONS"


# --------------------------------------------------------------------------------------------
# Rate limits and API keys
# --------------------------------------------------------------------------------------------


def _assert_limited(response) -> None:
    assert response.status_code == 429
    body = response.get_json()
    assert body["error"].startswith("Too many requests")
    retry = int(response.headers["Retry-After"])
    assert 0 < body["retry_after"] <= 60 and abs(body["retry_after"] - retry) <= 1
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.settings(DIRECTORY_API_RATE_LIMIT="3/minute")
def test_one_budget_per_client_across_the_api(api):
    for path in ("/services", "/organizations", "/"):
        response = api.get(API + path)
        assert response.status_code == 200
    assert response.headers["X-RateLimit-Limit"] == "3"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    _assert_limited(api.get(f"{API}/taxonomies"))
    assert api.options(f"{API}/services").status_code == 204  # preflights are not counted
    for _ in range(4):
        assert api.get("/").status_code == 200  # the pages are not the API's business
    neighbour = api.get(f"{API}/services", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert neighbour.status_code == 200


@pytest.mark.settings(DIRECTORY_API_RATE_LIMIT="2/minute", DIRECTORY_API_KEY_RATE_LIMIT="5/minute",
                      DIRECTORY_API_KEYS="first-key, second-key")
def test_api_keys_raise_the_limit(api):
    keyed = {"X-API-Key": "second-key"}
    for _ in range(5):
        response = api.get(f"{API}/services", headers=keyed)
        assert response.status_code == 200
    assert response.headers["X-RateLimit-Limit"] == "5"
    _assert_limited(api.get(f"{API}/services", headers=keyed))
    # Each key and the anonymous clients count separately.
    assert api.get(f"{API}/services", headers={"X-API-Key": "first-key"}).status_code == 200
    for _ in range(2):
        assert api.get(f"{API}/services").status_code == 200
    _assert_limited(api.get(f"{API}/services"))
    unknown = api.get(f"{API}/services", headers={"X-API-Key": "guess"},
                      environ_base={"REMOTE_ADDR": "203.0.113.10"})
    assert unknown.status_code == 401 and unknown.get_json()["error"]
    assert "X-API-Key" in unknown.headers["WWW-Authenticate"]


def test_rate_limit_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIRECTORY_API_RATE_LIMIT", "10/second")
    monkeypatch.setenv("DIRECTORY_API_KEYS", "a,b")
    monkeypatch.setenv("DIRECTORY_RATELIMIT_STORAGE_URI", "redis://cache:6379/2")
    config = directory_settings.TestingConfig()
    assert (config.DIRECTORY_API_RATE_LIMIT, config.DIRECTORY_API_KEY_RATE_LIMIT) == (
        "10/second", "1200/minute")
    assert config.DIRECTORY_API_KEYS == "a,b"
    assert config.DIRECTORY_RATELIMIT_STORAGE_URI == "redis://cache:6379/2"


def test_a_rate_limit_that_is_not_one_is_refused_at_start(database_url):
    with pytest.raises(ValueError, match="DIRECTORY_API_RATE_LIMIT"):
        create_app(app_settings(database_url, DIRECTORY_API_RATE_LIMIT="plenty"))


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means no Redis here
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_redis_counters_are_shared_by_every_app_server(database_url):
    settings = dict(DIRECTORY_API_RATE_LIMIT="3/minute",
                    DIRECTORY_RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0",
                    RATELIMIT_KEY_PREFIX=f"test-api-{uuid.uuid4().hex}")
    servers = [mount_api(create_app(app_settings(database_url, **settings))) for _ in range(2)]
    try:
        assert type(existing_limiter(servers[0]).storage).__name__ == "RedisStorage"
        clients = [server.test_client() for server in servers]
        statuses = [clients[n % 2].get(f"{API}/").status_code for n in range(4)]
        assert statuses == [200, 200, 200, 429]
    finally:
        for server in servers:
            dispose_engines(server)


def test_a_hosts_limiter_is_used_not_a_second_one(database_url):
    host = Flask("host_with_limiter")
    host.config.update(app_settings(database_url, DIRECTORY_API_RATE_LIMIT="3/minute"))
    limiter = Limiter(key_func=lambda: "everyone", app=host, storage_uri="memory://",
                      default_limits=["1/minute"])

    @host.get("/host")
    def host_page():
        return "host"

    Directory(host)
    mount_api(host)
    try:
        assert existing_limiter(host) is limiter
        assert len(host.extensions["limiter"]) == 1
        client = host.test_client()
        statuses = [client.get(f"{API}/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]  # our limit, not the host's default
        assert [client.get("/host").status_code for _ in range(2)] == [200, 429]
    finally:
        dispose_engines(host)


# --------------------------------------------------------------------------------------------
# Queries stay bounded
# --------------------------------------------------------------------------------------------


def _engine(app: Flask):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _statements(app: Flask, client, url: str) -> int:
    count = [0]

    def counted(*_args):
        count[0] += 1

    engine = _engine(app)
    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count[0]


@pytest.mark.parametrize("url", [
    "/services?full=true", "/services", "/service_at_locations?full=true",
    "/service_at_locations", "/organizations?full_service=true", "/organizations?full=true",
    "/taxonomy_terms", "/services?search=recovery&full=true",
])
def test_queries_do_not_grow_with_the_page(seeded_api_app, seeded_api, url):
    joiner = "&" if "?" in url else "?"
    small = _statements(seeded_api_app, seeded_api, f"{API}{url}{joiner}per_page=2")
    large = _statements(seeded_api_app, seeded_api, f"{API}{url}{joiner}per_page=100")
    # One query per relationship, whatever the page size: a bigger page only reaches a few
    # relationships two items never had (an N+1 would add about a hundred queries).
    assert large <= small + 5


# --------------------------------------------------------------------------------------------
# The docs page, the profile and mounting
# --------------------------------------------------------------------------------------------


@pytest.mark.settings(DIRECTORY_API_RATE_LIMIT="77/minute",
                      DIRECTORY_API_KEY_RATE_LIMIT="777/minute")
def test_docs_page_lists_endpoints_parameters_and_limits(api, api_app):
    from directory.api.openapi import OPERATIONS
    from directory.api.params import PARAMETERS

    response = api.get(f"{API}/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert api_app.config["DIRECTORY_SITE_NAME"] in page  # inside the site's layout
    for operation in OPERATIONS:
        assert f"GET {operation.path}</code>" in page
    for name in PARAMETERS:
        assert f"<code>{name}</code>" in page
    assert "77/minute" in page and "777/minute" in page and "X-API-Key" in page
    assert "<script" not in page


@pytest.mark.settings(DIRECTORY_URL_PREFIX="/resources")
def test_mounted_below_the_plugin_prefix(api):
    response = api.get("/resources/api/")
    assert response.status_code == 200
    assert response.get_json()["profile"] == "http://localhost/resources/api/profile"
    document = api.get("/resources/api/openapi.json").get_json()
    assert document["servers"] == [{"url": "http://localhost/resources/api"}]
    assert api.get("/api/").status_code == 404


def test_attributes_of_nested_objects_are_served(api, app, make_service, make_location,
                                                 make_organization, make_taxonomy_term):
    term = make_taxonomy_term(name="Peer-run", code="peer-run")
    owner = make_organization()
    location = make_location(organization=owner)
    service = make_service(location=location, organization=owner)
    organization_id = owner.id
    for entity, link_id in (("organization", organization_id), ("location", location.id),
                            ("phone", service.phones[0].id)):
        save(app, Attribute(link_entity=entity, link_id=link_id, taxonomy_term_id=term.id))

    def codes(attributes) -> list[str]:
        return [item["taxonomy_term"]["code"] for item in attributes]

    full = get_json(api, f"/services/{service.id}")
    assert codes(full["service_at_locations"][0]["location"]["attributes"]) == ["peer-run"]
    assert codes(full["phones"][0]["attributes"]) == ["peer-run"]
    assert full["attributes"] == []  # the service itself has none
    assert get_json(api, "/services", full="true")["contents"][0] == full
    streamed = ndjson_lines(api.get(f"{API}/services?format=ndjson&full=true"))
    assert streamed == [full]
    organization = get_json(api, f"/organizations/{organization_id}")
    assert codes(organization["attributes"]) == ["peer-run"]
    assert codes(organization["locations"][0]["attributes"]) == ["peer-run"]
    assert_valid("organization", organization)
    place = get_json(api, f"/service_at_locations/{service.service_at_locations[0].id}")
    assert codes(place["location"]["attributes"]) == ["peer-run"]
    assert "attributes" not in get_json(api, "/organizations")["contents"][0]


def test_organization_fields_without_nesting(api, app):
    organization = save(app, Organization(name="Quiet Org", description=""))
    item = get_json(api, "/organizations")["contents"][0]
    assert item == {"id": organization.id, "name": "Quiet Org", "description": ""}
    assert get_json(api, f"/organizations/{organization.id}")["services"] == []
