"""Public search pages through the test client: /search, /search/map, /search/print and
/search.json, on services made with the factories around Portland, OR (ZIP 97204)."""

from __future__ import annotations

import html
import logging
import re
from datetime import date, timedelta

import pytest

# The geocode cache's table must be on the metadata before the suite creates its schema (the
# app imports it only on the first geocode).
import directory.geo.models  # noqa: F401
from directory.catalog.models import Language, ServiceArea
from tests.factories import PLACES

PORTLAND, COLUMBUS = PLACES[0], PLACES[1]
RESULT_LINK = re.compile(r'<a href="/services/([0-9a-f-]{36})">([^<]+)</a>')


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def result_names(response) -> list[str]:
    """Names of the in-person results, in page order (the online section left out)."""
    body = response.get_data(as_text=True)
    listed = body.split('<ol class="results"', 1)
    if len(listed) == 1:
        return []
    listed = listed[1].split("</ol>", 1)[0]
    return [html.unescape(name) for _id, name in RESULT_LINK.findall(listed)]


def online_names(response) -> list[str]:
    body = response.get_data(as_text=True)
    if 'class="virtual-results"' not in body:
        return []
    section = body.split('class="virtual-results"', 1)[1].split("</section>", 1)[0]
    return [html.unescape(name) for _id, name in RESULT_LINK.findall(section)]


@pytest.fixture
def coaching(make_taxonomy_term):
    return make_taxonomy_term(name="Mentorship and peer recovery coaching", code="mentorship")


@pytest.fixture
def housing(make_taxonomy_term):
    return make_taxonomy_term(name="Peer recovery housing", code="recovery-housing")


@pytest.fixture
def portland(make_service, make_location, coaching, housing):
    """Three Portland services at increasing distances from ZIP 97204, one in Columbus, OH."""
    near = make_location(place=PORTLAND, name="Old Town")  # 45.5152, -122.6784
    middle = make_location(place=PORTLAND, name="Overlook", latitude=45.5600,
                           longitude=-122.6900)
    gresham = make_location(place=PORTLAND, name="Gresham", latitude=45.4987,
                            longitude=-122.4302)
    ohio = make_location(place=COLUMBUS)
    return {
        "near": make_service(name="Old Town Peer Coaching", location=near, terms=[coaching]),
        "middle": make_service(
            name="Overlook Recovery House", location=middle, terms=[housing],
            languages=[Language(name="English", code="en")], beds_total=8, beds_available=3,
            allows_mat=True,
        ),
        "gresham": make_service(
            name="Gresham Family Coaching", location=gresham, terms=[coaching],
            languages=[Language(name="English", code="en")],
            assured_date=date.today() - timedelta(days=900), minimum_age=18,
        ),
        "ohio": make_service(name="Columbus Peer Center", location=ohio, terms=[coaching]),
    }


# ---- finding the place and ordering by distance ----------------------------------------------


def test_search_by_zip_lists_nearby_services_nearest_first(client, portland):
    response = client.get("/search", query_string={"place": "97204"})
    assert response.status_code == 200
    body = squash(page_text(response))
    assert result_names(response) == [
        "Old Town Peer Coaching", "Overlook Recovery House", "Gresham Family Coaching",
    ]
    assert "Columbus Peer Center" not in body
    assert "3 services within 25 miles of Portland, OR 97204" in body
    assert "Distances are measured from the center of ZIP 97204." in body
    miles = [float(m) for m in re.findall(r"<strong>(\d+\.\d) miles?</strong>", body)]
    assert miles == sorted(miles) and len(miles) == 3
    assert miles[0] < 1.0 < miles[2] < 25


def test_search_by_city_and_state(client, portland):
    response = client.get("/search", query_string={"place": "Portland, OR", "radius": "50"})
    body = squash(page_text(response))
    assert "3 services within 50 miles of Portland, OR" in body
    assert result_names(response)[0] == "Old Town Peer Coaching"
    # The chosen distance stays selected for the next search.
    assert re.search(r'<option value="50" selected>', response.get_data(as_text=True))


def test_a_smaller_radius_leaves_far_services_out(client, portland):
    response = client.get("/search", query_string={"place": "97204", "radius": "5"})
    assert result_names(response) == ["Old Town Peer Coaching", "Overlook Recovery House"]


def test_use_my_location_coordinates_are_rounded_and_searched(client, portland):
    response = client.get("/search", query_string={"lat": "45.518149", "lon": "-122.674512"})
    body = squash(page_text(response))
    assert result_names(response)[0] == "Old Town Peer Coaching"
    assert "within 25 miles of your location" in body
    # The hidden fields carry the point on, rounded to 3 decimals.
    assert 'name="lat" value="45.518"' in body and 'name="lon" value="-122.675"' in body


def test_result_lines_show_what_a_person_needs(client, portland):
    body = squash(page_text(client.get("/search", query_string={"place": "97204"})))
    assert 'href="tel:+15035550142"' in body
    assert "Main Street, Portland, OR 97204" in body
    assert "3 beds available" in body and "MAT-friendly" in body
    assert "Accepting new clients" in body
    assert "Verified this month" in body
    assert "May be out of date" in body  # Gresham: checked 900 days ago
    assert "Mentorship and peer recovery coaching" in body
    assert f'href="/services/{portland["near"].id}"' in body


# ---- filters ---------------------------------------------------------------------------------


def test_filters_narrow_the_results(client, portland):
    def names(**args):
        return result_names(client.get("/search", query_string={"place": "97204", **args}))

    assert names(language="es") == ["Old Town Peer Coaching"]
    assert names(beds="1") == ["Overlook Recovery House"]
    assert names(mat="1", language="en") == ["Overlook Recovery House"]
    assert names(category="mentorship") == ["Old Town Peer Coaching", "Gresham Family Coaching"]
    # Several values of one filter are OR.
    assert len(names(category=["mentorship", "recovery-housing"])) == 3
    assert names(verified="1") == ["Old Town Peer Coaching", "Overlook Recovery House"]
    assert names(keyword="overlook") == ["Overlook Recovery House"]


def test_empty_fields_of_a_form_sent_without_script_are_fine(client, portland):
    empty = {name: "" for name in ("lat", "lon", "keyword", "age", "gender", "sort", "language",
                                   "page", "category")}
    response = client.get("/search", query_string={"place": "97204", "radius": "25", **empty})
    assert "Please check your search" not in page_text(response)
    assert len(result_names(response)) == 3


def test_unknown_filter_values_are_ignored(client, portland):
    response = client.get("/search", query_string={
        "place": "97204", "category": "no-such-category", "language": "xx", "sort": "loudest",
        "gender": "other"})
    assert response.status_code == 200
    assert len(result_names(response)) == 3


def test_filters_sit_in_a_disclosure_that_says_what_is_on(client, portland):
    empty = client.get("/search").get_data(as_text=True)
    assert '<details class="filters">' in empty and "<summary>More filters" in empty
    # On a page of results, kinds of support and filters fold into one disclosure that
    # names what is chosen.
    body = squash(page_text(client.get("/search", query_string={
        "place": "97204", "beds": "1", "category": "recovery-housing"})))
    assert '<details class="filters refine">' in body
    assert "Kind of support and filters: Peer recovery housing, 1 filter on" in squash(
        re.sub(r"<[^>]+>", "", body))
    # A mistake in a filter opens it.
    wrong = client.get("/search", query_string={"place": "97204", "age": "999"})
    assert '<details class="filters" open>' in wrong.get_data(as_text=True)


# ---- places we cannot use, and bad parameters ------------------------------------------------


def test_an_unknown_place_says_so_and_suggests_spellings(client, portland):
    response = client.get("/search", query_string={"place": "Portlnd, OR"})
    assert response.status_code == 200
    body = squash(page_text(response))
    assert "We couldn’t find “Portlnd, OR”." in body
    assert "Did you mean:" in body
    assert 'href="/search?place=Portland,+OR"' in response.get_data(as_text=True)
    assert result_names(response) == []


def test_place_text_is_escaped(client):
    response = client.get("/search", query_string={"place": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


@pytest.mark.parametrize(("args", "message"), [
    ({"radius": "500"}, "Choose a distance from 1 to 100 miles."),
    ({"radius": "lots"}, "Choose a distance from 1 to 100 miles."),
    ({"radius": "nan"}, "Choose a distance from 1 to 100 miles."),
    ({"age": "200"}, "Enter an age from 0 to 120."),
    ({"age": "-1"}, "Enter an age from 0 to 120."),
    ({"age": "thirty"}, "Enter an age as a whole number, like 34."),
    ({"lat": "91", "lon": "0", "place": ""}, "We couldn't read your location."),
    ({"page": "0"}, "Pages go from 1 to 500."),
])
def test_bad_numbers_give_form_errors_not_500s(client, portland, args, message):
    response = client.get("/search", query_string={"place": "97204", **args})
    assert response.status_code == 200
    body = page_text(response)
    assert "Please check your search" in body
    assert message in body
    assert result_names(response) == []


def test_an_age_in_range_is_a_filter(client, portland):
    response = client.get("/search", query_string={"place": "97204", "age": "16"})
    assert "Gresham Family Coaching" not in result_names(response)
    assert len(result_names(response)) == 2
    response = client.get("/search", query_string={"place": "97204", "age": "34"})
    assert len(result_names(response)) == 3


def test_search_page_without_a_query_shows_the_form_and_tips(client):
    response = client.get("/search")
    assert response.status_code == 200
    body = page_text(response)
    assert 'role="search"' in body and "How to search" in body
    assert "Please check your search" not in body


# ---- pages, print, map -----------------------------------------------------------------------


@pytest.mark.settings(DIRECTORY_PAGE_SIZE=2)
def test_pagination_keeps_the_query(client, portland, make_service, make_location, coaching):
    far = make_location(place=PORTLAND, name="Beaverton", latitude=45.4871, longitude=-122.8037)
    make_service(name="Beaverton Coaching", location=far, terms=[coaching])
    first = client.get("/search", query_string={"place": "97204", "category": "mentorship",
                                                "radius": "50"})
    assert result_names(first) == ["Old Town Peer Coaching", "Beaverton Coaching"]
    body = first.get_data(as_text=True)
    next_link = html.unescape(re.search(r'<a rel="next"[^>]*href="([^"]+)"', body).group(1))
    assert "place=97204" in next_link and "category=mentorship" in next_link
    assert "radius=50" in next_link and "page=2" in next_link

    second = client.get(next_link)
    assert result_names(second) == ["Gresham Family Coaching"]
    back = html.unescape(re.search(r'<a rel="prev"[^>]*href="([^"]+)"',
                                   second.get_data(as_text=True)).group(1))
    assert "page=" not in back and "category=mentorship" in back


@pytest.mark.settings(DIRECTORY_PAGE_SIZE=2)
def test_pages_cover_every_result_once(client, portland):
    query = {"place": "97204", "radius": "50"}
    first = result_names(client.get("/search", query_string=query))
    second = result_names(client.get("/search", query_string={**query, "page": "2"}))
    assert first + second == [
        "Old Town Peer Coaching", "Overlook Recovery House", "Gresham Family Coaching",
    ]
    past = client.get("/search", query_string={**query, "page": "9"})
    assert past.status_code == 200 and "There are no more results." in page_text(past)


def test_print_view_lists_addresses_phones_and_hours(client, portland):
    results = client.get("/search", query_string={"place": "97204", "category": "mentorship"})
    link = html.unescape(re.search(r'href="(/search/print\?[^"]+)"',
                                   results.get_data(as_text=True)).group(1))
    assert "category=mentorship" in link
    response = client.get(link)
    assert response.status_code == 200
    body = squash(page_text(response))
    assert "Old Town Peer Coaching" in body and "Gresham Family Coaching" in body
    assert "Overlook Recovery House" not in body
    assert "Main Street, Portland, OR 97204" in body
    assert "503-555-0142" in body
    assert "Monday–Friday 09:00–17:00" in body
    assert "css/print.css" in body


def test_map_view_points_its_script_at_the_json_search(client, portland):
    response = client.get("/search/map", query_string={"place": "97204", "beds": "1"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'id="results-map"' in body
    url = html.unescape(re.search(r'data-results-url="([^"]+)"', body).group(1))
    assert url.startswith("/search.json?") and "beds=1" in url and "place=97204" in url
    assert 'data-radius-miles="25.0"' in body
    assert "vendor/leaflet/leaflet.js" in body and "js/search-map.js" in body
    assert 'data-tile-url=""' in body
    # The list is there for people without the map.
    assert result_names(response) == ["Overlook Recovery House"]


@pytest.mark.settings(DIRECTORY_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
                      DIRECTORY_TILE_ATTRIBUTION="© Example contributors")
def test_map_view_passes_configured_tiles(client, portland):
    body = client.get("/search/map", query_string={"place": "97204"}).get_data(as_text=True)
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in body
    assert "© Example contributors" in html.unescape(body)


# ---- online services -------------------------------------------------------------------------


def test_online_services_covering_the_searcher_have_their_own_section(
    client, portland, make_service, make_location
):
    def online(name, area):
        location = make_location(location_type="virtual", latitude=None, longitude=None,
                                 name="Online")
        return make_service(name=name, location=location,
                            service_areas=[ServiceArea(name=area, extent=area)])

    online("Oregon Telehealth Counseling", "US-OR")
    online("Nationwide Recovery Line", "US")
    online("Colorado Video Groups", "US-CO")
    response = client.get("/search", query_string={"place": "97204"})
    body = page_text(response)
    assert "Also available online or by phone" in body
    assert online_names(response) == ["Nationwide Recovery Line", "Oregon Telehealth Counseling"]
    assert "Oregon Telehealth Counseling" not in result_names(response)
    json_body = client.get("/search.json", query_string={"place": "97204"}).get_json()
    assert {hit["name"] for hit in json_body["virtual"]} == {
        "Nationwide Recovery Line", "Oregon Telehealth Counseling"}
    assert all(hit["virtual"] for hit in json_body["virtual"])


def test_empty_results_suggest_next_steps(client, portland):
    response = client.get("/search", query_string={"place": "97204", "radius": "1",
                                                   "beds": "1"})
    body = squash(page_text(response))
    assert "We found no services within 1 mile of Portland, OR 97204 that match." in body
    assert "Search a wider area (5 miles)" in body
    assert "Remove the filters" in body
    assert 'href="tel:988"' in body and 'href="tel:211"' in body


# ---- JSON ------------------------------------------------------------------------------------


def test_json_search_shape(client, portland):
    response = client.get("/search.json", query_string={"place": "97204", "radius": "50"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["total"] == 3 and data["has_next"] is False and data["page"] == 1
    assert data["place"]["label"] == "Portland, OR 97204"
    assert data["place"]["region"] == "US-OR"
    assert data["radius_miles"] == 50
    first = data["results"][0]
    assert first["id"] == portland["near"].id
    assert first["url"] == f"/services/{portland['near'].id}"
    assert first["name"] == "Old Town Peer Coaching"
    assert first["virtual"] is False
    assert isinstance(first["lat"], float) and isinstance(first["lon"], float)
    distances = [hit["distance_miles"] for hit in data["results"]]
    assert distances == sorted(distances)


@pytest.mark.parametrize(("args", "parameter"), [
    ({"place": "97204", "radius": "abc"}, "radius"),
    ({"place": "97204", "radius": "0"}, "radius"),
    ({"place": "97204", "age": "200"}, "age"),
    ({"lat": "45.5", "lon": "west"}, "lon"),
    ({"place": "97204", "page": "x"}, "page"),
    ({"place": "97204", "per_page": "500"}, "per_page"),
    ({"place": "Portlnd, OR"}, "place"),
    ({}, "place"),
])
def test_json_bad_parameters_are_400_naming_the_parameter(client, portland, args, parameter):
    response = client.get("/search.json", query_string=args)
    assert response.status_code == 400
    data = response.get_json()
    assert data["error"] == "invalid_parameter"
    assert data["parameter"] == parameter
    assert data["message"]


def test_json_unknown_place_offers_suggestions(client):
    data = client.get("/search.json", query_string={"place": "Portlnd, OR"}).get_json()
    assert "Portland, OR" in data["suggestions"]


# ---- privacy and security --------------------------------------------------------------------


def test_searching_logs_no_query_text_or_fine_coordinates(client, portland, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/search", query_string={"place": "Zebulon Crossing 97204",
                                        "keyword": "overlookish"})
    client.get("/search.json", query_string={"lat": "45.51234", "lon": "-122.67891"})
    client.get("/search/map", query_string={"place": "97204", "keyword": "overlookish"})
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    for secret in ("Zebulon", "overlookish", "45.512", "-122.678", "45.518"):
        assert secret not in logged


def test_search_pages_send_the_content_security_policy(client, portland):
    response = client.get("/search", query_string={"place": "97204"})
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    body = response.get_data(as_text=True)
    assert "<script>" not in body and " onclick=" not in body


def test_home_page_has_the_search_form(client, coaching):
    body = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in body
    assert 'name="place"' in body and 'name="category"' in body and 'name="keyword"' in body
    assert 'value="mentorship"' in body
    assert "More filters" in body
