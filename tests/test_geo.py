"""Geocoding: the gazetteer and its builder, the offline and online geocoders, distances.

The gazetteer tests need no database; the cache tests run on a scratch database of the suite's
kind. Online providers are played by small fake classes (the network is closed here).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import logging
import math
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from flask import Flask
from geopy.distance import great_circle
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders import Nominatim
from geopy.location import Location
from geopy.point import Point
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from directory import create_app
from directory.database import Base
from directory.geo import gazetteer as gazetteer_module
from directory.geo.distance import (
    EARTH_RADIUS_MILES,
    bounding_box,
    box_contains,
    great_circle_miles,
    round_coordinate,
)
from directory.geo.gazetteer import DATA_FILE, Gazetteer, get_gazetteer
from directory.geo.geocoders import (
    EXTENSION_KEY,
    GeocoderChain,
    OfflineGeocoder,
    geocode_place,
    get_geocoder,
)
from directory.geo.models import GeocodeCache
from directory.geo.online import OnlineGeocoder
from tests.dbutil import drop_scratch_database, scratch_database_url

REPOSITORY = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPOSITORY / "scripts" / "build_gazetteer.py"
STREET_QUERY = "123 Main St, Portland, OR 97209"

# Real centres of a few cities, to check our centroids land in town.
PORTLAND_OR = (45.5152, -122.6784)
CHICAGO = (41.8781, -87.6298)
SAINT_PAUL = (44.9537, -93.0900)
FORT_WORTH = (32.7555, -97.3308)
HAZARD_KY = (37.2498, -83.1932)
ALBUQUERQUE = (35.0844, -106.6504)
WASHINGTON_DC = (38.9072, -77.0369)


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder()


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def miles_between(location: Location, point: tuple[float, float]) -> float:
    return great_circle_miles(location.latitude, location.longitude, *point)


# --------------------------------------------------------------------------------------------
# The data file and its builder
# --------------------------------------------------------------------------------------------


def test_data_file_is_compact_sorted_and_complete():
    assert DATA_FILE.stat().st_size < 1_000_000
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines if not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    assert header == ["zip", "type", "city", "state", "lat", "lon", "timezone", "aliases"]
    zips = [row[0] for row in rows]
    assert zips == sorted(zips) and len(set(zips)) == len(zips) > 40_000
    assert {row[1] for row in rows} == {"S", "P", "U"}
    assert all(row[6] for row in rows), "every ZIP has a time zone"
    assert not {"AA", "AE", "AP"} & {row[3] for row in rows}, "no military ZIPs"


def test_builder_reproduces_the_committed_file(tmp_path):
    pytest.importorskip("zipcodes", reason="the builder's source data")
    build = load_build_script()
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert build.main(["--output", str(first)]) == 0
    assert build.main(["--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes() == DATA_FILE.read_bytes()


def _record(zip_code, city, kind="STANDARD", lat="45.0", lon="-122.0", **extra):
    record = {
        "zip_code": zip_code, "zip_code_type": kind, "active": True, "city": city,
        "acceptable_cities": [], "unacceptable_cities": [], "state": "OR",
        "county": "", "timezone": "America/Los_Angeles", "area_codes": [],
        "world_region": "NA", "country": "US", "lat": lat, "long": lon,
    }
    record.update(extra)
    return record


@pytest.fixture
def tiny_gazetteer(tmp_path) -> Gazetteer:
    """A gazetteer built by the real builder from a handful of made-up records."""
    build = load_build_script()
    records = [
        _record("97001", "Alpha", lat="45.0", lon="-122.0"),
        _record("97002", "Alpha", lat="45.2", lon="-122.4", acceptable_cities=["Beta", "Alpha"]),
        _record("97003", "Alpha", "PO BOX", lat="46.0", lon="-121.0"),  # not in the centroid
        _record("97004", "Gamma", "PO BOX", lat="44.0", lon="-120.0", timezone="Gamma"),
        _record("97005", "Delta", "UNIQUE", lat="44.5", lon="-120.5"),
        _record("97006", "Alpha", active=False),
        _record("09001", "Apo", "MILITARY", state="AE", timezone=""),
        _record("97007", "Nowhere", lat="", lon=""),
        _record("97008", "Epsilon", lat="91", lon="0"),
    ]
    rows = build.collect(records)
    path = tmp_path / "tiny.tsv.gz"
    path.write_bytes(build.render(rows, "test records"))
    assert build.render(rows, "test records") == path.read_bytes()  # byte-for-byte stable
    return Gazetteer.load(path)


def test_builder_keeps_active_civilian_zips_with_coordinates(tiny_gazetteer):
    assert sorted(tiny_gazetteer.zips) == ["97001", "97002", "97003", "97004", "97005"]
    # "Gamma" is not a zone: the nearest ZIP of the state lends its own.
    assert tiny_gazetteer.zip("97004").timezone == "America/Los_Angeles"


def test_city_centroid_is_the_mean_of_its_standard_zips(tiny_gazetteer):
    alpha = tiny_gazetteer.city("Alpha", "OR")
    assert (alpha.latitude, alpha.longitude) == (45.1, -122.2)
    assert alpha.zips == ("97001", "97002")
    beta = tiny_gazetteer.city("beta", "Oregon")  # an acceptable name of 97002
    assert (beta.latitude, beta.longitude, beta.zips) == (45.2, -122.4, ("97002",))
    gamma = tiny_gazetteer.city("Gamma", "OR")  # a PO-box-only town still has a centroid
    assert (gamma.latitude, gamma.longitude) == (44.0, -120.0)


def test_reverse_index_holds_standard_zips_and_towns_without_one(tiny_gazetteer):
    # 97003 is Alpha's PO box (Alpha has standard ZIPs); Gamma has only a PO box; Delta is an
    # organisation's ZIP, never an answer.
    assert tiny_gazetteer.nearest(46.0, -121.0)[0].zip == "97001"
    assert tiny_gazetteer.nearest(44.0, -120.0)[0].zip == "97004"
    assert tiny_gazetteer.nearest(44.5, -120.5)[0].zip == "97004"
    assert tiny_gazetteer.city("Delta", "OR").zips == ("97005",)  # still a place by name


# --------------------------------------------------------------------------------------------
# The gazetteer in a process: loaded once, small, offline
# --------------------------------------------------------------------------------------------


def test_gazetteer_loads_once_across_threads(monkeypatch):
    loaded = get_gazetteer()
    calls = []

    def slow_load(cls, path=DATA_FILE):
        calls.append(path)
        time.sleep(0.05)  # widen the window in which a second load could start
        return loaded

    monkeypatch.setattr(gazetteer_module, "_gazetteer", None)
    monkeypatch.setattr(Gazetteer, "load", classmethod(slow_load))
    results = []
    threads = [threading.Thread(target=lambda: results.append(get_gazetteer())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert all(result is loaded for result in results) and len(results) == 8


PROBE = r"""
import json, socket, sys, tracemalloc

sys.modules["zipcodes"] = None  # importing it would now fail: the data file must suffice

def no_network(*args, **kwargs):
    raise AssertionError("the offline geocoder opened a network connection")

socket.socket.connect = no_network
socket.create_connection = no_network

import directory.geo
from directory.geo.gazetteer import Gazetteer

tracemalloc.start()
gazetteer = Gazetteer.load()
held = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
found = directory.geo.OfflineGeocoder(gazetteer).geocode("Portland, OR")
print(json.dumps({"held": held, "city": found.address,
                  "zipcodes": "zipcodes" in sys.modules and sys.modules["zipcodes"] is not None}))
"""


def test_gazetteer_is_small_and_needs_neither_zipcodes_nor_network():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPOSITORY,
        check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["city"] == "Portland, OR"
    assert not report["zipcodes"]
    assert report["held"] < 40 * 2**20, f"{report['held'] / 2**20:.1f} MiB"


def test_gazetteer_lookups():
    gazetteer = get_gazetteer()
    assert gazetteer.zip("97209").city == "Portland"
    assert gazetteer.zip("97209-1234") == gazetteer.zip("972091234") == gazetteer.zip(" 97209 ")
    for bad in ("9720", "972099", "97209-12", "abcde", "", "９７２０９"):
        assert gazetteer.zip(bad) is None
    assert gazetteer.city("portland", "or") == gazetteer.city("PORTLAND", "Oregon")
    assert gazetteer.city("Portland").state == "OR"  # the Portland with the most ZIPs
    assert [city.state for city in gazetteer.cities_named("portland")][:2] == ["OR", "ME"]
    assert gazetteer.city("Portland", "ZZ") is None


# --------------------------------------------------------------------------------------------
# Offline geocoding
# --------------------------------------------------------------------------------------------

CITY_SPELLINGS = [
    ("Portland, OR", "Portland, OR", PORTLAND_OR),
    ("portland or", "Portland, OR", PORTLAND_OR),
    ("Portland, Oregon", "Portland, OR", PORTLAND_OR),
    ("PORTLAND,OREGON", "Portland, OR", PORTLAND_OR),
    ("  portland    or  ", "Portland, OR", PORTLAND_OR),
    ("Portland, OR, USA", "Portland, OR", PORTLAND_OR),
    ("Portland OR United States", "Portland, OR", PORTLAND_OR),
    ("CHICAGO IL", "Chicago, IL", CHICAGO),
    ("Chicago, Ill.", "Chicago, IL", CHICAGO),
    ("chicago illinois", "Chicago, IL", CHICAGO),
    ("Saint Paul, MN", "Saint Paul, MN", SAINT_PAUL),
    ("St. Paul, MN", "Saint Paul, MN", SAINT_PAUL),
    ("st paul minnesota", "Saint Paul, MN", SAINT_PAUL),
    ("St.Paul, Minn.", "Saint Paul, MN", SAINT_PAUL),
    ("Ft Worth TX", "Fort Worth, TX", FORT_WORTH),
    ("Ft. Worth, Texas", "Fort Worth, TX", FORT_WORTH),
    ("Fort Worth, TX", "Fort Worth, TX", FORT_WORTH),
    ("Hazard, KY", "Hazard, KY", HAZARD_KY),
    ("Albuquerque NM", "Albuquerque, NM", ALBUQUERQUE),
    ("albuquerque, new mexico", "Albuquerque, NM", ALBUQUERQUE),
    ("Washington, DC", "Washington, DC", WASHINGTON_DC),
    ("Washington D.C.", "Washington, DC", WASHINGTON_DC),
    ("washington, district of columbia", "Washington, DC", WASHINGTON_DC),
]


@pytest.mark.parametrize(("query", "label", "centre"), CITY_SPELLINGS)
def test_city_spellings(offline, query, label, centre):
    location = offline.geocode(query)
    assert location.address == label
    assert miles_between(location, centre) < 10
    raw = location.raw
    assert raw["precision"] == "city" and raw["approximate"] is False
    assert raw["source"] == "offline" and raw["zip"] is None
    assert f"{raw['city']}, {raw['state']}" == label and raw["timezone"].startswith("America/")


@pytest.mark.parametrize(("query", "label", "state"), [
    ("Mt Vernon, NY", "Mount Vernon, NY", "NY"),
    ("Billings MT", "Billings, MT", "MT"),  # MT is Montana here, not "Mount"
    ("O'Fallon, MO", "O Fallon, MO", "MO"),
    ("OFallon MO", "O Fallon, MO", "MO"),
    ("O\u2019Fallon, IL", "O Fallon, IL", "IL"),
    ("St. Mary's, GA", "Saint Marys, GA", "GA"),
    ("Lee's Summit, MO", "Lees Summit, MO", "MO"),
    ("Coeur d'Alene, ID", "Coeur D Alene, ID", "ID"),
    ("Winston-Salem, NC", "Winston Salem, NC", "NC"),
    ("Charleston, West Virginia", "Charleston, WV", "WV"),
    ("Charleston, W. Va.", "Charleston, WV", "WV"),
    ("Kansas City MO", "Kansas City, MO", "MO"),
    ("South Saint Paul, MN", "South Saint Paul, MN", "MN"),
    ("San Juan, PR", "San Juan, PR", "PR"),
    ("Honolulu, Hawaii", "Honolulu, HI", "HI"),
    ("Anchorage AK", "Anchorage, AK", "AK"),
    ("New York", "New York, NY", "NY"),
    ("new york new york", "New York, NY", "NY"),
    ("Indiana, PA", "Indiana, PA", "PA"),
    ("Española, NM", "Espanola, NM", "NM"),
])
def test_more_city_spellings(offline, query, label, state):
    location = offline.geocode(query)
    assert location is not None, query
    assert (location.address, location.raw["state"]) == (label, state)


@pytest.mark.parametrize("query", ["97209", "97209-1234", "972091234", "Portland OR 97209",
                                   "Portland, Oregon 97209", "portland or 97209-0001", "97209 USA"])
def test_zip_spellings(offline, query):
    location = offline.geocode(query)
    assert location.address == "Portland, OR 97209"
    assert location.raw == {
        "precision": "zip", "approximate": False, "source": "offline", "zip": "97209",
        "city": "Portland", "state": "OR", "timezone": "America/Los_Angeles",
    }
    assert miles_between(location, PORTLAND_OR) < 3


@pytest.mark.parametrize(("query", "precision"), [
    (STREET_QUERY, "zip"),
    ("123 Main St, Portland, OR", "city"),
    ("123 Main St Portland OR", "city"),
    ("1600 SW 4th Ave., Portland, Oregon", "city"),
    ("123 Main St 97209", "zip"),
    ("PO Box 123, Portland, OR 97208", "zip"),
])
def test_street_addresses_fall_back_and_say_so(offline, query, precision):
    location = offline.geocode(query)
    assert location.raw["precision"] == precision
    assert location.raw["approximate"] is True
    assert location.raw["state"] == "OR"
    assert miles_between(location, PORTLAND_OR) < 5


def test_zip_wins_over_city_unless_the_state_disagrees(offline):
    assert offline.geocode("Beaverton, OR 97209").raw["zip"] == "97209"
    disagree = offline.geocode("Chicago, IL 97209")
    assert disagree.address == "Chicago, IL" and disagree.raw["approximate"] is True
    unknown_zip = offline.geocode("Portland, OR 00000")
    assert unknown_zip.address == "Portland, OR" and unknown_zip.raw["approximate"] is True


def test_a_city_in_several_states(offline):
    location = offline.geocode("Portland")
    assert location.address == "Portland, OR"
    assert "Portland, ME" in location.raw["alternatives"]
    every = offline.geocode("Portland", exactly_one=False)
    assert [found.address for found in every][:2] == ["Portland, OR", "Portland, ME"]
    assert len({found.address for found in every}) == len(every) > 5


@pytest.mark.parametrize(("query", "point"), [
    ("45.52,-122.68", (45.52, -122.68)),
    ("45.52 -122.68", (45.52, -122.68)),
    ("45.52, -122.68", (45.52, -122.68)),
    ("(45.52, -122.68)", (45.52, -122.68)),
    ("+45.52,-122.68", (45.52, -122.68)),
    ("-33.8688, 151.2093", (-33.8688, 151.2093)),
    ("90,180", (90.0, 180.0)),
    ("0 0", (0.0, 0.0)),
])
def test_coordinates(offline, query, point):
    location = offline.geocode(query)
    assert (location.latitude, location.longitude) == point
    assert location.raw["precision"] == "coordinates" and location.raw["approximate"] is False


BAD_QUERIES = [
    "", "   ", "\t\n", "zzzz", "999999", "00000", "9720", "91.0,10", "-91 0", "45, 181",
    "45,-180.5", "1e999,0", "nan,nan", "x" * 201, "Portland, OR " + "x" * 200, ",,,", "!!!",
    "\x00", "' OR 1=1 --", "<script>alert(1)</script>", "🙂", "Portland, ZZ", "ZZ",
    "12345678901234567890", "123 Main St",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_gives_none(offline, query):
    assert offline.geocode(query) is None


@pytest.mark.parametrize("query", [None, 97209, b"97209", ["97209"]])
def test_non_text_gives_none(offline, query):
    assert offline.geocode(query) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=250) | st.from_regex(r"\A[0-9 ,.+-]{0,30}\Z"))
def test_no_text_makes_the_geocoder_raise(text):
    geocoder = OfflineGeocoder()
    found = geocoder.geocode(text)
    assert found is None or isinstance(found, Location)
    result = geocode_place(text, geocoder)  # suggestions too
    assert result.message in {"found", "approximate", "ambiguous", "not_found", "invalid", "empty"}
    assert all(isinstance(label, str) for label in result.suggestions)


# --------------------------------------------------------------------------------------------
# Suggestions and the search pages' helper
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("Portlnd, OR", "Portland, OR"),
    ("portlund oregon", "Portland, OR"),
    ("Albuquerqe NM", "Albuquerque, NM"),
    ("Sant Paul, MN", "Saint Paul, MN"),
    ("Chicgo", "Chicago, IL"),
    ("Pittsburg, PA", "Pittsburgh, PA"),
    ("Portland, WA", "Portland, OR"),
    ("123 Main St, Portlnd, OR 00000", "Portland, OR"),
])
def test_suggestions_for_unknown_places(offline, query, expected):
    result = geocode_place(query, offline)
    assert result.location is None and result.message == "not_found"
    assert expected in result.suggestions
    assert len(result.suggestions) <= 5
    assert result.query == query.strip()


def test_suggestions_stay_in_the_state_given(offline):
    suggestions = offline.suggest("Portlnd, ME")
    assert suggestions[0] == "Portland, ME"
    assert all(label.endswith(", ME") for label in suggestions)


def test_geocode_place_messages(offline):
    assert geocode_place("Portland, OR", offline).message == "found"
    assert geocode_place("97209", offline).message == "found"
    approximate = geocode_place(STREET_QUERY, offline)
    assert approximate.message == "approximate" and approximate.location.raw["zip"] == "97209"
    ambiguous = geocode_place("Portland", offline)
    assert ambiguous.message == "ambiguous" and "Portland, ME" in ambiguous.suggestions
    assert ambiguous.location.address == "Portland, OR"
    assert geocode_place("   ", offline).message == "empty"
    assert geocode_place("91.0,10", offline).message == "invalid"
    too_long = geocode_place("x" * 500, offline)
    assert too_long.message == "invalid" and len(too_long.query) < 100
    missing = geocode_place("zzzz", offline)
    assert (missing.message, missing.suggestions, missing.found) == ("not_found", [], False)


def test_geocode_place_uses_the_current_apps_geocoder():
    app = Flask(__name__)
    fake = FakeProvider(answer=Location("1 Fake St", (45.5, -122.6), {}))
    app.extensions[EXTENSION_KEY] = GeocoderChain(
        [OfflineGeocoder(), OnlineGeocoder(fake, "fake", min_delay=0, cache=False)]
    )
    with app.app_context():
        result = geocode_place(STREET_QUERY)
    assert result.message == "found" and result.location.raw["source"] == "fake"
    assert geocode_place(STREET_QUERY).location.raw["source"] == "offline"  # no app: offline


# --------------------------------------------------------------------------------------------
# Reverse geocoding
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("point", "city", "state", "zip_prefix"), [
    ((45.5152, -122.6784), "Portland", "OR", "972"),
    ((40.7484, -73.9857), "New York", "NY", "10"),  # the Empire State Building
    ((41.8781, -87.6298), "Chicago", "IL", "606"),
    ((37.29, -83.19), "Hazard", "KY", "417"),
    ((21.2793, -157.8292), "Honolulu", "HI", "968"),  # Waikiki
    ((35.0844, -106.6504), "Albuquerque", "NM", "871"),
    ((51.86, -177.0), "Adak", "AK", "995"),  # a PO-box-only town
])
def test_reverse_finds_the_nearest_zip(offline, point, city, state, zip_prefix):
    location = offline.reverse(point)
    raw = location.raw
    assert (raw["city"], raw["state"]) == (city, state)
    assert raw["zip"].startswith(zip_prefix)
    assert raw["precision"] == "zip" and raw["approximate"] is True
    assert raw["distance_miles"] < 10


def test_reverse_accepts_geopy_points_and_strings(offline):
    assert offline.reverse("45.5152, -122.6784").raw["state"] == "OR"
    assert offline.reverse((45.5152, 237.3216)).raw["state"] == "OR"  # longitude wrapped
    assert offline.reverse([45.5152, -122.6784]).raw["state"] == "OR"
    assert offline.reverse(Point(45.5152, -122.6784)).raw["state"] == "OR"


def test_reverse_across_the_antimeridian(offline):
    # West of Adak on the map is east of 180° in degrees: the search must wrap to find it.
    location = offline.reverse((51.85, 179.9), max_miles=None)
    assert location.raw["zip"] == "99546"
    assert location.raw["distance_miles"] == pytest.approx(
        great_circle((51.85, 179.9), (location.latitude, location.longitude)).miles, abs=1e-3
    )


def test_reverse_of_a_zip_centroid_is_that_zip(offline):
    gazetteer = get_gazetteer()
    standard = sorted(z for z, place in gazetteer.zips.items() if place.kind == "S")
    for zip_code in random.Random(7).sample(standard, 200):
        place = gazetteer.zips[zip_code]
        nearest, miles = gazetteer.nearest(place.latitude, place.longitude)
        assert miles == 0 and (nearest.latitude, nearest.longitude) == place[3:5]


def test_reverse_far_from_any_zip(offline):
    assert offline.reverse((30.0, -40.0)) is None  # mid-Atlantic: beyond the 100-mile default
    assert offline.reverse((30.0, -40.0), max_miles=None) is not None
    for bad in ("nowhere", (91, 0), (-90.5, 0), None, "1,2,3,4", (float("nan"), 0), (1,), "x"):
        assert offline.reverse(bad) is None


def test_grid_search_matches_brute_force():
    gazetteer = get_gazetteer()
    indexed = [place for places in gazetteer._grid.values() for place in places]
    # The nearest point has the largest cosine of the central angle (spherical law of cosines).
    trig = [
        (math.sin(math.radians(p.latitude)), math.cos(math.radians(p.latitude)),
         math.radians(p.longitude), p)
        for p in indexed
    ]
    rng = random.Random(11)
    points = [(rng.uniform(18, 65), rng.uniform(-170, -65)) for _ in range(50)]
    points += [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(12)]
    points += [(51.5, 179.9), (52.0, -179.99), (89.99, 0.0), (-89.99, 10.0), (0.0, 180.0)]
    for latitude, longitude in points:
        sin_lat, cos_lat = math.sin(math.radians(latitude)), math.cos(math.radians(latitude))
        lon = math.radians(longitude)
        _, _, _, expected = max(
            trig, key=lambda t: sin_lat * t[0] + cos_lat * t[1] * math.cos(t[2] - lon)
        )
        _, miles = gazetteer.nearest(latitude, longitude)
        assert miles == pytest.approx(
            great_circle_miles(latitude, longitude, expected.latitude, expected.longitude),
            rel=1e-6, abs=1e-6,
        )


# --------------------------------------------------------------------------------------------
# Distances, boxes, rounding
# --------------------------------------------------------------------------------------------

latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)


def test_distance_matches_geopy_great_circle():
    rng = random.Random(3)
    pairs = [
        (rng.uniform(-90, 90), rng.uniform(-180, 180), rng.uniform(-90, 90), rng.uniform(-180, 180))
        for _ in range(5000)
    ]
    pairs += [  # near neighbours, as in a city search
        (lat, lon, max(-90, min(90, lat + rng.uniform(-0.1, 0.1))), lon + rng.uniform(-0.1, 0.1))
        for lat, lon, _, _ in pairs[:1000]
    ]
    for lat1, lon1, lat2, lon2 in pairs:
        expected = great_circle((lat1, lon1), (lat2, lon2)).miles
        assert great_circle_miles(lat1, lon1, lat2, lon2) == pytest.approx(expected, rel=1e-6)


@settings(max_examples=300, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes)
def test_distance_matches_geopy_everywhere(lat1, lon1, lat2, lon2):
    expected = great_circle((lat1, lon1), (lat2, lon2)).miles
    actual = great_circle_miles(lat1, lon1, lat2, lon2)
    assert actual == pytest.approx(expected, rel=1e-6, abs=1e-6)
    assert actual == pytest.approx(great_circle_miles(lat2, lon2, lat1, lon1), abs=1e-9)


def test_distance_landmarks():
    assert great_circle_miles(45.5, -122.6, 45.5, -122.6) == 0
    assert great_circle_miles(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_MILES)
    assert great_circle_miles(90, 0, -90, 0) == pytest.approx(math.pi * EARTH_RADIUS_MILES)
    # Portland to Chicago is about 1,750 miles.
    assert 1700 < great_circle_miles(*PORTLAND_OR, *CHICAGO) < 1800


@settings(max_examples=500, deadline=None)
@given(
    latitudes, longitudes, st.floats(0, 3000, allow_nan=False),
    st.floats(0, 1), st.floats(0, 360, allow_nan=False),
)
def test_bounding_box_holds_every_point_within_the_radius(lat, lon, radius, fraction, bearing):
    box = bounding_box(lat, lon, radius)
    min_lat, max_lat, min_lon, max_lon = box
    assert -90 <= min_lat <= lat <= max_lat <= 90
    assert -180 <= min_lon <= 180 and -180 <= max_lon <= 180
    point = great_circle(miles=radius * fraction).destination((lat, lon), bearing)
    assert box_contains(box, point.latitude, point.longitude), (point, box)
    assert box_contains(box, lat, lon)


def test_bounding_box_holds_points_on_the_circle_everywhere():
    rng = random.Random(5)
    centres = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(300)]
    centres += [(89.9, 0), (-89.9, 45), (60, 179.99), (-45, -179.99), (0, 180), (0, -180)]
    for lat, lon in centres:
        radius = rng.choice((0.5, 5, 25, 100, 1000, 5000))
        box = bounding_box(lat, lon, radius)
        for bearing in range(0, 360, 5):
            point = great_circle(miles=radius).destination((lat, lon), bearing)
            assert box_contains(box, point.latitude, point.longitude), (lat, lon, radius, bearing)


def test_bounding_box_is_tight_away_from_poles():
    min_lat, max_lat, min_lon, max_lon = bounding_box(45.0, -122.0, 69.09)
    assert max_lat - 45.0 == pytest.approx(1.0, rel=1e-3)  # a degree of latitude is ~69.09 mi
    assert max_lon + 122.0 == pytest.approx(1.0 / math.cos(math.radians(45)), rel=1e-2)
    assert (45.0 - min_lat, -122.0 - min_lon) == pytest.approx((max_lat - 45, max_lon + 122))


def test_bounding_box_wraps_across_the_antimeridian():
    min_lat, max_lat, min_lon, max_lon = box = bounding_box(51.9, 179.5, 100)
    assert min_lon > max_lon  # two pieces: [min_lon, 180] and [-180, max_lon]
    assert box_contains(box, 51.9, -179.5) and box_contains(box, 51.9, 179.0)
    assert not box_contains(box, 51.9, 0.0)
    west = bounding_box(51.9, -179.5, 100)
    assert west[2] > west[3] and box_contains(west, 51.9, 179.5)


def test_bounding_box_near_a_pole_spans_every_longitude():
    assert bounding_box(89.5, 10, 100)[1:] == (90.0, -180.0, 180.0)
    assert bounding_box(-89.5, 10, 100)[0] == -90.0
    assert bounding_box(0, 0, 20_000) == (-90.0, 90.0, -180.0, 180.0)
    with pytest.raises(ValueError):
        bounding_box(0, 0, -1)


def test_round_coordinate():
    assert round_coordinate(45.523456) == 45.52
    assert round_coordinate(-122.6789, 3) == -122.679
    assert math.copysign(1, round_coordinate(-0.001)) == 1.0  # never "-0.0" in a URL


# --------------------------------------------------------------------------------------------
# The online provider, the chain, the cache
# --------------------------------------------------------------------------------------------


class FakeProvider:
    """Stands in for a geopy geocoder: answers, or fails the way a provider can."""

    def __init__(self, answer: Location | None = None, error: Exception | None = None):
        self.answer, self.error, self.queries = answer, error, []

    def geocode(self, query, exactly_one=True):
        self.queries.append(query)
        if self.error is not None:
            raise self.error
        return self.answer


STREET_ANSWER = Location(
    "123, Main Street, Portland, Multnomah County, Oregon, 97209, United States",
    (45.5290, -122.6860),
    {"place_id": 42, "osm_type": "way", "importance": 0.3},
)


def chain_with(provider: FakeProvider, **options) -> GeocoderChain:
    options.setdefault("cache", False)
    online = OnlineGeocoder(provider, "fake", min_delay=0, **options)
    return GeocoderChain([OfflineGeocoder(), online])


@pytest.mark.parametrize("query", [
    "Portland, OR", "97209", "portland or 97209", "45.52,-122.68", "91,10", "", "   ", "x" * 201,
])
def test_chain_keeps_offline_answers_offline(query):
    provider = FakeProvider(answer=STREET_ANSWER)
    chain_with(provider).geocode(query)
    assert provider.queries == []


def test_chain_asks_online_about_street_addresses():
    provider = FakeProvider(answer=STREET_ANSWER)
    location = chain_with(provider).geocode(STREET_QUERY)
    assert provider.queries == [STREET_QUERY]
    assert location.address == STREET_ANSWER.address
    assert location.raw == {
        "precision": "address", "approximate": False, "source": "fake", "zip": "97209",
        "city": "Portland", "state": "OR", "timezone": "America/Los_Angeles", "cached": False,
    }


def test_chain_asks_online_about_places_it_does_not_know():
    provider = FakeProvider(answer=STREET_ANSWER)
    assert chain_with(provider).geocode("Pioneer Courthouse Square").raw["source"] == "fake"
    assert chain_with(FakeProvider()).geocode("Pioneer Courthouse Square") is None


@pytest.mark.parametrize("error", [
    GeocoderTimedOut("Service timed out"),
    GeocoderServiceError(f"HTTP 500 for https://geo.example/search?q={STREET_QUERY}"),
    GeocoderUnavailable("no network"),
    ConnectionError("no network"),
    ValueError("unexpected answer"),
])
def test_online_failures_fall_back_to_offline_and_log_no_query(caplog, error):
    provider = FakeProvider(error=error)
    with caplog.at_level(logging.WARNING, logger="directory.geo"):
        location = chain_with(provider).geocode(STREET_QUERY)
    assert provider.queries == [STREET_QUERY]
    assert location.raw["source"] == "offline" and location.raw["approximate"] is True
    assert location.raw["zip"] == "97209"
    assert type(error).__name__ in caplog.text
    for fragment in ("123", "Main", "Portland", "97209", "geo.example"):
        assert fragment not in caplog.text


def test_an_online_answer_in_another_city_is_not_believed():
    portland_maine = Location("123 Main St, Portland, ME 04101", (43.6591, -70.2568), {})
    provider = FakeProvider(answer=portland_maine)
    location = chain_with(provider).geocode(STREET_QUERY)
    assert provider.queries == [STREET_QUERY]
    assert location.raw["source"] == "offline" and location.raw["state"] == "OR"


def test_online_failure_for_an_unknown_place_gives_none():
    provider = FakeProvider(error=GeocoderTimedOut("Service timed out"))
    assert chain_with(provider).geocode("Pioneer Courthouse Square") is None


def test_online_no_answer_keeps_the_offline_one():
    location = chain_with(FakeProvider()).geocode(STREET_QUERY)
    assert location.raw["source"] == "offline" and location.raw["approximate"] is True


def test_online_requests_are_spaced_by_min_delay():
    provider = FakeProvider(answer=STREET_ANSWER)
    online = OnlineGeocoder(provider, "fake", min_delay=0.2, cache=False)
    start = time.monotonic()
    online.geocode("1 Main St, Portland, OR")
    online.geocode("2 Main St, Portland, OR")
    assert time.monotonic() - start >= 0.19
    assert len(provider.queries) == 2


def test_get_geocoder_is_offline_by_default_and_built_once_per_app():
    app, other = Flask(__name__), Flask(__name__)
    chain = get_geocoder(app)
    assert [type(g) for g in chain.geocoders] == [OfflineGeocoder]
    assert get_geocoder(app) is chain is app.extensions[EXTENSION_KEY]
    assert get_geocoder(other) is not chain
    with app.app_context():
        assert get_geocoder() is chain


def test_get_geocoder_builds_the_configured_provider():
    app = Flask(__name__)
    app.config.update(
        DIRECTORY_GEOCODER="Nominatim",
        DIRECTORY_GEOCODER_USER_AGENT="recovery-directory-tests (admin@example.org)",
        DIRECTORY_GEOCODER_DOMAIN="nominatim.example.org",
        DIRECTORY_GEOCODER_MIN_DELAY="0.5",
    )
    offline, online = get_geocoder(app).geocoders
    assert isinstance(offline, OfflineGeocoder) and online.source == "nominatim"
    assert isinstance(online.provider, Nominatim)
    assert online.provider.timeout == 3.0
    assert online.provider.domain == "nominatim.example.org"
    assert online.provider.headers["User-Agent"].startswith("recovery-directory-tests")
    assert online._geocode.min_delay_seconds == 0.5


@pytest.mark.parametrize(("settings_", "message"), [
    ({"DIRECTORY_GEOCODER": "nominatim"}, "DIRECTORY_GEOCODER_USER_AGENT"),
    ({"DIRECTORY_GEOCODER": "no-such-service", "DIRECTORY_GEOCODER_USER_AGENT": "x"},
     "not a geopy geocoder"),
])
def test_get_geocoder_refuses_bad_configuration(settings_, message):
    app = Flask(__name__)
    app.config.update(settings_)
    with pytest.raises(RuntimeError, match=message):
        get_geocoder(app)


@pytest.fixture
def cache_app():
    """The standalone app on a scratch database with our tables (SQLite file or PostgreSQL)."""
    url = scratch_database_url("geo")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "geo-tests-secret-key"})
    with app.app_context():
        Base.metadata.create_all(app.extensions["directory"].db.engine)
    yield app
    with app.app_context():
        app.extensions["directory"].db.engine.dispose()
    drop_scratch_database(url)


def _cache_rows(app) -> list[GeocodeCache]:
    with app.app_context():
        db = app.extensions["directory"].db
        return list(db.session.scalars(select(GeocodeCache)))


def test_online_answers_are_cached(cache_app):
    provider = FakeProvider(answer=STREET_ANSWER)
    chain = chain_with(provider, cache=True)
    with cache_app.app_context():
        first = chain.geocode(STREET_QUERY)
        second = chain.geocode("123 MAIN ST.  Portland OR, 97209")  # the same key
    assert provider.queries == [STREET_QUERY]
    assert (second.latitude, second.longitude) == (first.latitude, first.longitude)
    assert first.raw["cached"] is False and second.raw["cached"] is True
    assert {k: v for k, v in second.raw.items() if k != "cached"} == {
        k: v for k, v in first.raw.items() if k != "cached"
    }
    (row,) = _cache_rows(cache_app)
    # Privacy: the row holds the point, keyed by a hash; never the text someone searched for.
    expected_key = hashlib.sha256(b"123 main st portland or 97209").hexdigest()
    assert (row.provider, row.query_key) == ("fake", expected_key)
    assert row.address is None and row.raw is None
    assert row.created_at is not None and row.created_at.tzinfo is not None


def test_cache_is_per_provider_and_skips_misses(cache_app):
    with cache_app.app_context():
        assert chain_with(FakeProvider(), cache=True).geocode(STREET_QUERY).raw["source"] == (
            "offline"
        )
        other = OnlineGeocoder(FakeProvider(answer=STREET_ANSWER), "other", min_delay=0)
        other.geocode(STREET_QUERY)
        chain_with(FakeProvider(answer=STREET_ANSWER), cache=True).geocode(STREET_QUERY)
    with cache_app.app_context():
        db = cache_app.extensions["directory"].db
        count = db.session.scalar(select(func.count()).select_from(GeocodeCache))
    assert count == 2
    assert sorted(row.provider for row in _cache_rows(cache_app)) == ["fake", "other"]


def test_a_broken_cache_still_geocodes_and_logs_no_query(cache_app, caplog):
    with cache_app.app_context():
        GeocodeCache.__table__.drop(cache_app.extensions["directory"].db.engine)
        provider = FakeProvider(answer=STREET_ANSWER)
        with caplog.at_level(logging.WARNING, logger="directory.geo"):
            location = chain_with(provider, cache=True).geocode(STREET_QUERY)
    assert location.raw["source"] == "fake" and provider.queries == [STREET_QUERY]
    assert "Geocode cache unavailable" in caplog.text
    assert "Main" not in caplog.text and "main" not in caplog.text


def test_no_cache_outside_an_app():
    provider = FakeProvider(answer=STREET_ANSWER)
    online = OnlineGeocoder(provider, "fake", min_delay=0)
    online.geocode(STREET_QUERY)
    online.geocode(STREET_QUERY)
    assert len(provider.queries) == 2
