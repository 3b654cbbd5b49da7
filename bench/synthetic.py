"""Synthetic search-index data for the benchmarks: listings clustered around US metros.

Used by ``bench/search.py`` (and, through its cached databases, ``bench/http.py``).

Why index rows and not catalog rows: building a million HSDS services with locations,
schedules and taxonomy links through the ORM would take an hour. The search only ever reads
``dir_search_entry`` (and its R*Tree/FTS5 or tsvector/PostGIS companions), so we build rows
shaped like ``directory.search.documents.service_documents`` output and store them through
the real insertion path, ``directory.search.indexer.insert_documents``.

Everything is drawn from one ``random.Random(seed)``, so a given (size, seed) always builds
the same data and queries are reproducible.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from directory.catalog.hours import OpeningRange
from directory.catalog.listings import CATEGORY_TAXONOMY_NAME
from directory.catalog.models import Attribute, Organization, Service, Taxonomy, TaxonomyTerm
from directory.database import new_id
from directory.search.documents import tokens
from directory.search.models import SearchEntry
from directory.search.openness import encode_ranges

#: Bump when the generated data changes shape, so cached databases are rebuilt.
GENERATOR_VERSION = 1
MILES_PER_DEGREE_LAT = 69.05


@dataclass(frozen=True)
class Metro:
    name: str
    state: str
    latitude: float
    longitude: float
    population_millions: float  # metro area, 2020 census, rounded
    time_zone: str

    @property
    def sigma_miles(self) -> float:
        """Gaussian scatter: ~7 miles for the smallest metros here, 25 for New York."""
        return 3.0 + 22.0 * math.sqrt(self.population_millions / METROS[0].population_millions)


METROS = (
    Metro("New York", "NY", 40.7128, -74.0060, 19.8, "America/New_York"),
    Metro("Los Angeles", "CA", 34.0522, -118.2437, 13.2, "America/Los_Angeles"),
    Metro("Chicago", "IL", 41.8781, -87.6298, 9.6, "America/Chicago"),
    Metro("Dallas", "TX", 32.7767, -96.7970, 7.6, "America/Chicago"),
    Metro("Houston", "TX", 29.7604, -95.3698, 7.1, "America/Chicago"),
    Metro("Washington", "DC", 38.9072, -77.0369, 6.4, "America/New_York"),
    Metro("Philadelphia", "PA", 39.9526, -75.1652, 6.2, "America/New_York"),
    Metro("Miami", "FL", 25.7617, -80.1918, 6.1, "America/New_York"),
    Metro("Atlanta", "GA", 33.7490, -84.3880, 6.1, "America/New_York"),
    Metro("Boston", "MA", 42.3601, -71.0589, 4.9, "America/New_York"),
    Metro("Phoenix", "AZ", 33.4484, -112.0740, 4.8, "America/Phoenix"),
    Metro("San Francisco", "CA", 37.7749, -122.4194, 4.7, "America/Los_Angeles"),
    Metro("Riverside", "CA", 33.9533, -117.3962, 4.6, "America/Los_Angeles"),
    Metro("Detroit", "MI", 42.3314, -83.0458, 4.4, "America/Detroit"),
    Metro("Seattle", "WA", 47.6062, -122.3321, 4.0, "America/Los_Angeles"),
    Metro("Minneapolis", "MN", 44.9778, -93.2650, 3.7, "America/Chicago"),
    Metro("San Diego", "CA", 32.7157, -117.1611, 3.3, "America/Los_Angeles"),
    Metro("Tampa", "FL", 27.9506, -82.4572, 3.2, "America/New_York"),
    Metro("Denver", "CO", 39.7392, -104.9903, 3.0, "America/Denver"),
    Metro("St. Louis", "MO", 38.6270, -90.1994, 2.8, "America/Chicago"),
    Metro("Baltimore", "MD", 39.2904, -76.6122, 2.8, "America/New_York"),
    Metro("Charlotte", "NC", 35.2271, -80.8431, 2.7, "America/New_York"),
    Metro("Orlando", "FL", 28.5383, -81.3792, 2.7, "America/New_York"),
    Metro("San Antonio", "TX", 29.4241, -98.4936, 2.6, "America/Chicago"),
    Metro("Portland", "OR", 45.5152, -122.6784, 2.5, "America/Los_Angeles"),
    Metro("Sacramento", "CA", 38.5816, -121.4944, 2.4, "America/Los_Angeles"),
    Metro("Pittsburgh", "PA", 40.4406, -79.9959, 2.4, "America/New_York"),
    Metro("Austin", "TX", 30.2672, -97.7431, 2.3, "America/Chicago"),
    Metro("Las Vegas", "NV", 36.1699, -115.1398, 2.3, "America/Los_Angeles"),
    Metro("Columbus", "OH", 39.9612, -82.9988, 2.1, "America/New_York"),
    Metro("Salt Lake City", "UT", 40.7608, -111.8910, 1.3, "America/Denver"),
    Metro("Albuquerque", "NM", 35.0844, -106.6504, 0.9, "America/Denver"),
)
_METRO_WEIGHTS = [m.population_millions for m in METROS]

# The directory taxonomy (scripts/seed/taxonomy.py): code -> (name, parent code).
TERMS = {
    "peer-support": ("Peer recovery support", None),
    "mentorship": ("Mentorship and peer recovery coaching", "peer-support"),
    "family": ("Family counseling and education", None),
    "family-counseling": ("Family counseling", "family"),
    "family-education": ("Family education and support groups", "family"),
    "sober-support": ("Sober-support networks", None),
    "mutual-help": ("Mutual-help meetings", "sober-support"),
    "rco": ("Recovery community organizations", "sober-support"),
    "recovery-housing": ("Peer recovery housing", None),
    "employment": ("Recovery-friendly employment", None),
    "telehealth": ("Telehealth counseling", None),
    "transportation": ("Transportation", None),
}
#: Every code a person can filter by (the category filter of the queries draws from these).
CATEGORY_CODES = tuple(TERMS)
#: Leaf codes a listing is tagged with, and how common each is as the main category.
LEAF_WEIGHTS = {
    "mutual-help": 25, "mentorship": 15, "recovery-housing": 12, "rco": 10,
    "family-counseling": 8, "family-education": 7, "employment": 8, "telehealth": 8,
    "transportation": 7,
}
# Keywords the queries use; the pools below make each match a realistic share of listings
# (roughly: family 25%, coaching 20%, housing 15%, spanish 25%).
KEYWORDS = ("family", "housing", "coaching", "spanish")

# Small word pools. Words that stem like a keyword ("house", "coach", "families") are left
# out, so the naive baseline's prefix match agrees with FTS5/tsvector stemming.
PLACE_WORDS = (
    "Harbor", "Bridges", "New Day", "Cornerstone", "Lighthouse", "Pathways", "Second Wind",
    "Open Door", "Riverside", "Northside", "Eastside", "Westside", "Southside", "Hope",
    "Serenity", "Unity", "Phoenix", "Keystone", "Summit", "Beacon", "Crossroads", "Anchor",
    "Evergreen", "Horizon", "Compass", "Lantern", "Willow", "Cedar", "Maple", "Granite",
)
ORG_SUFFIXES = (
    "Recovery Alliance", "Community Services", "Recovery Network", "Health Partners",
    "Wellness Collective", "Family Services", "Recovery Center", "Outreach",
)
KIND_PHRASES = {
    "mentorship": ("Peer Recovery Coaching", "Recovery Mentors", "Recovery Coaching Program"),
    "family-counseling": ("Family Counseling", "Family Recovery Counseling"),
    "family-education": ("Family Education Group", "Parents in Recovery Group"),
    "mutual-help": ("Mutual-Help Meeting", "Recovery Meeting", "Peer Support Meeting"),
    "rco": ("Recovery Community Center", "Recovery Cafe", "Drop-In Center"),
    "recovery-housing": ("Recovery Housing", "Sober Living Residence", "Recovery Residence"),
    "employment": ("Recovery Works Employment", "Job Readiness", "Career Coaching"),
    "telehealth": ("Telehealth Counseling", "Virtual Recovery Support"),
    "transportation": ("Recovery Rides", "Transportation Assistance"),
}
SUMMARY_SENTENCES = {
    "mentorship": "Trained peers with lived experience help you set and reach recovery goals.",
    "family-counseling": "Sessions for parents, partners and relatives of people in recovery.",
    "family-education": "Weekly classes on addiction, boundaries and supporting a loved one.",
    "mutual-help": "Free peer-led meetings; newcomers welcome, no sign-up needed.",
    "rco": "Drop-in space, recovery events, volunteer opportunities and advocacy.",
    "recovery-housing": "Alcohol- and drug-free shared living with peer accountability.",
    "employment": "Resume help, interview practice and recovery-friendly employers.",
    "telehealth": "Counseling and recovery support by phone or video.",
    "transportation": "Rides to meetings, appointments, work and treatment.",
}
GENERIC_SENTENCES = (
    "Walk-ins welcome during open hours.",
    "Call ahead to ask about availability.",
    "Serving the whole metro area.",
    "Evening and weekend options available.",
    "Open to adults in any stage of recovery.",
)
SPANISH_SENTENCE = "Services offered in English and Spanish."
STREETS = ("Main St", "Oak Ave", "Market St", "Broadway", "Park Ave", "Elm St", "2nd St",
           "Washington Blvd", "Lincoln Ave", "Grand Ave", "Church St", "Mill Rd")
OTHER_LANGUAGES = (("vi", 0.03), ("zh", 0.04), ("ru", 0.02), ("ar", 0.02), ("ht", 0.01),
                   ("ko", 0.02), ("tl", 0.02), ("fr", 0.02))


def _hours(spec: list[tuple[tuple[str, ...], time, time]]) -> str:
    return encode_ranges(
        OpeningRange(day, opens, closes) for days, opens, closes in spec for day in days
    )


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
# A few schedule shapes, encoded once with the real encoder (encoding per row would only
# slow the build down); an empty string is a listing without hours.
HOURS_PATTERNS = (
    _hours([(_WEEKDAYS, time(9), time(17))]),
    _hours([(_WEEKDAYS, time(8), time(20)), (("SA",), time(10), time(14))]),
    _hours([(("MO", "WE", "FR"), time(19), time(20, 30))]),
    _hours([(("TU", "TH"), time(18), time(21))]),
    _hours([(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), time(0), time(23, 59))]),
    _hours([(("FR", "SA"), time(22), time(1))]),  # past midnight
    "",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def pick_metro(rng: random.Random) -> Metro:
    """A metro drawn in proportion to its population."""
    return rng.choices(METROS, weights=_METRO_WEIGHTS)[0]


def scatter(rng: random.Random, metro: Metro) -> tuple[float, float]:
    """A point around ``metro``: gaussian in miles, converted to degrees at that latitude."""
    north = rng.gauss(0.0, metro.sigma_miles)
    east = rng.gauss(0.0, metro.sigma_miles)
    latitude = metro.latitude + north / MILES_PER_DEGREE_LAT
    longitude = metro.longitude + east / (
        MILES_PER_DEGREE_LAT * math.cos(math.radians(metro.latitude)))
    return latitude, longitude


def sample_point(rng: random.Random) -> tuple[Metro, float, float]:
    """Where people search from: the same clustering as the listings."""
    metro = pick_metro(rng)
    return (metro, *scatter(rng, metro))


def _service(rng: random.Random, metro: Metro, today: date) -> dict[str, Any]:
    """The part of a document shared by every place of one service (like ``documents._base``)."""
    leaves = list(LEAF_WEIGHTS)
    codes = rng.choices(leaves, weights=list(LEAF_WEIGHTS.values()))
    if rng.random() < 0.25:
        codes.append(rng.choice(leaves))
    codes = list(dict.fromkeys(codes))
    all_codes = codes + [TERMS[c][1] for c in codes if TERMS[c][1]]
    place = rng.choice(PLACE_WORDS)
    if rng.random() < 0.3:
        place = f"{metro.name} {place}"
    name = f"{place} {rng.choice(KIND_PHRASES[codes[0]])}"
    organization = f"{rng.choice(PLACE_WORDS)} {rng.choice(ORG_SUFFIXES)}"
    languages = ["en"] if rng.random() < 0.95 else []
    spanish = rng.random() < 0.25
    if spanish:
        languages.append("es")
    languages += [code for code, share in OTHER_LANGUAGES if rng.random() < share]
    summary = " ".join(
        [SUMMARY_SENTENCES[codes[0]], rng.choice(GENERIC_SENTENCES)]
        + ([SPANISH_SENTENCE] if spanish else [])
    )
    housing = "recovery-housing" in codes
    beds = rng.randint(4, 24) if housing else None
    minimum_age = 18 if rng.random() < 0.6 else None
    return {
        "service_id": _uuid(rng),
        "name": name,
        "organization_name": organization,
        "summary": summary,
        "category_names": "|".join(TERMS[c][0] for c in codes),
        "category_codes": tokens(all_codes),
        "language_codes": tokens(languages),
        "gender": rng.choices(("all", "female", "male"), weights=(85, 8, 7))[0],
        "minimum_age": minimum_age,
        "maximum_age": 25 if minimum_age and rng.random() < 0.05 else None,
        "free": rng.random() < 0.4,
        "sliding_scale": rng.random() < 0.2,
        "medicaid": rng.random() < 0.45,
        "medicare": rng.random() < 0.25,
        "private_insurance": rng.random() < 0.35,
        "accepting_new_clients": rng.choices((True, False, None), weights=(70, 10, 20))[0],
        "beds_total": beds,
        "beds_available": rng.randint(0, beds) if beds else None,
        "allows_mat": rng.random() < 0.6 if housing else None,
        "narr_level": rng.choice(("I", "II", "III", "IV")) if housing else None,
        "certification_expires": today + timedelta(days=rng.randint(-60, 700)) if housing
        else None,
        "assured_date": today - timedelta(days=rng.randint(0, 700)),
        "weekly_minutes": rng.choice(HOURS_PATTERNS),
        # As documents._base builds it: names, description, then every term name (with parents).
        "search_text": " ".join([name, organization, summary]
                                + [TERMS[c][0] for c in all_codes]),
    }


def _in_person(rng: random.Random, base: dict[str, Any], metro: Metro) -> dict[str, Any]:
    latitude, longitude = scatter(rng, metro)
    return {
        **base,
        "location_id": _uuid(rng),
        "is_virtual": False,
        "latitude": latitude,
        "longitude": longitude,
        "location_name": base["organization_name"] if rng.random() < 0.5 else None,
        "address": f"{rng.randint(1, 9999)} {rng.choice(STREETS)}, {metro.name}, {metro.state}",
        "city": metro.name,
        "state": metro.state,
        "postal_code": f"{rng.randint(1000, 99999):05d}",
        "phone": f"555-01{rng.randint(0, 99):02d}",
        "wheelchair": rng.random() < 0.6,
        "time_zone": metro.time_zone,
    }


def _virtual(rng: random.Random, base: dict[str, Any], metro: Metro) -> dict[str, Any]:
    # Most virtual services serve one state; some serve the whole country.
    area = "US" if rng.random() < 0.15 else f"US-{metro.state}"
    return {
        **base, "location_id": None, "is_virtual": True, "latitude": None, "longitude": None,
        "phone": "555-0100", "wheelchair": False, "time_zone": None,
        "area_codes": tokens([area]),
    }


def documents(count: int, seed: int = 1, today: date | None = None,
              virtual_share: float = 0.03, second_place_share: float = 0.1,
              ) -> Iterator[dict[str, Any]]:
    """``count`` index documents (rows): ~3% virtual, ~10% of services at a second place."""
    rng = random.Random(seed)
    today = today or date(2026, 6, 1)  # fixed, so a cached database matches a fresh build
    made = 0
    while made < count:
        metro = pick_metro(rng)
        base = _service(rng, metro, today)
        if rng.random() < virtual_share:
            yield _virtual(rng, base, metro)
            made += 1
            continue
        places = 2 if rng.random() < second_place_share else 1
        for _ in range(min(places, count - made)):
            yield _in_person(rng, base, metro)
            made += 1


def batches(items, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ensure_catalog(session: Session) -> int:
    """Catalog rows behind the index rows, for the page benchmarks; returns services added.

    The search pages read the taxonomy (the category filter only accepts known codes) and count
    services per category on every request, so a database with index rows but no catalog would
    flatter them. This adds the taxonomy and, per indexed service, a service row with its
    organization and category links. Core inserts: the indexer's ORM hooks do not fire, so
    the index stays as built. Does nothing when services exist already.
    """
    if session.execute(select(func.count()).select_from(Service)).scalar_one():
        return 0
    taxonomy_id = new_id()
    session.execute(insert(Taxonomy), [{"id": taxonomy_id, "name": CATEGORY_TAXONOMY_NAME,
                                        "description": "Synthetic benchmark taxonomy"}])
    term_ids = {code: new_id() for code in TERMS}
    session.execute(insert(TaxonomyTerm), [
        {"id": term_ids[code], "code": code, "name": name, "description": "",
         "parent_id": term_ids[parent] if parent else None, "taxonomy_id": taxonomy_id,
         "taxonomy": CATEGORY_TAXONOMY_NAME, "language": "en"}
        for code, (name, parent) in TERMS.items()
    ])
    entry = SearchEntry.__table__.c
    rows = session.execute(
        select(entry.service_id, func.min(entry.name), func.min(entry.organization_name),
               func.min(entry.summary), func.min(entry.category_codes))
        .group_by(entry.service_id)).all()
    organizations = {name: new_id() for name in sorted({row[2] for row in rows})}
    session.execute(insert(Organization), [{"id": id_, "name": name, "description": ""}
                                           for name, id_ in organizations.items()])
    for batch in batches(rows, 10_000):
        session.execute(insert(Service), [
            {"id": service_id, "organization_id": organizations[organization], "name": name,
             "description": summary, "status": "active"}
            for service_id, name, organization, summary, _codes in batch
        ])
        session.execute(insert(Attribute), [
            {"id": new_id(), "link_id": service_id, "taxonomy_term_id": term_ids[code],
             "link_entity": "service", "link_type": "taxonomy"}
            for service_id, _name, _organization, _summary, codes in batch
            for code in codes.split() if code in LEAF_WEIGHTS  # leaves; parents are implied
        ])
    return len(rows)
