"""Building blocks: phone numbers, people, addresses and locations of an organization."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

import zipcodes

from . import make_id, rng_for, slugify
from .phrases_d import ACCESSIBILITY_DETAILS, FIRST_NAMES, LAST_NAMES, LOCATION_DESCRIPTIONS
from .regions import Region, Street
from .regions_b import zip_centroid

ACCESSIBILITY = tuple(ACCESSIBILITY_DETAILS)
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pl": "Polish", "vi": "Vietnamese",
                  "ru": "Russian", "nv": "Navajo", "ase": "American Sign Language"}
MAX_JITTER = 0.004


class PhoneBook:
    """Hands out fictional numbers 555-0100..555-0199, never the same one twice per area code."""

    def __init__(self, region: Region):
        codes = sorted({code for codes in region.area_codes.values() for code in codes})
        self.free: dict[str, list[int]] = {}
        for code in codes:
            numbers = list(range(100, 200))
            rng_for(f"phones:{region.key}:{code}").shuffle(numbers)
            self.free[code] = numbers
        self.region = region

    def number(self, city: str, zip_code: str | None = None) -> str:
        """A number with an area code of the ZIP code (or else the city); the city's first
        area code is its main one, and overlays are used when it runs out."""
        codes = list(self.region.area_codes[city])
        if zip_code:
            local = zipcodes.matching(zip_code)[0]["area_codes"]
            codes = [c for c in codes if c in local] + [c for c in codes if c not in local]
        for code in codes:
            if self.free[code]:
                return f"({code}) 555-0{self.free[code].pop()}"
        raise RuntimeError(f"out of 555-01XX numbers for {city}")


def ascii_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalpha()).lower()


def person(region: Region, rng: random.Random) -> tuple[str, str]:
    """A fictional (first, last) name that fits the region."""
    return rng.choice(FIRST_NAMES[region.key]), rng.choice(LAST_NAMES[region.key])


_SUFFIXES = {"St": "Street", "Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Dr": "Drive",
             "Hwy": "Highway", "Ln": "Lane"}
_DIRECTIONS = {"N", "S", "E", "W", "NE", "NW", "SE", "SW"}


def street_name(street: str) -> str:
    """``W Fullerton Ave`` -> ``Fullerton Avenue``; ``Central Ave SW`` -> ``Central Avenue``."""
    words = [w for w in street.split() if w not in _DIRECTIONS]
    return " ".join(_SUFFIXES.get(w, w) for w in words)


@dataclass
class Site:
    """A location of an organization while it is being built."""

    location: dict
    street: Street | None
    city: str
    address: str | None  # "1420 W Fullerton Ave"
    language_codes: list[str] = field(default_factory=list)


class Addresses:
    """Street numbers handed out per region, so no two locations share an address."""

    def __init__(self, region: Region):
        self.region = region
        self.used: set[tuple[str, str, int]] = set()

    def pick(self, city: str, rng: random.Random, hood: str | None = None,
             avoid: set[str] | None = None) -> tuple[Street, int]:
        streets = list(self.region.streets[city])
        if hood:
            streets = [s for s in streets if s.hood == hood] or streets
        fresh = [s for s in streets if s.street not in (avoid or set())]
        street = rng.choice(fresh or streets)
        low, high = (100, 999) if self.region.key == "eastern-kentucky" else (200, 5999)
        while True:
            number = rng.randint(low, high)
            if re.match(r"^\d+(st|nd|rd|th) ", street.street.split(" ", 1)[-1]):
                number = rng.randint(100, 3999)  # numbered streets run short in Chicago
            if self.region.key == "chicago" and street.street.startswith("E "):
                number = rng.randint(200, 1599)  # east of State St the lake comes quickly
            key = (city, street.street, number)
            if key not in self.used:
                self.used.add(key)
                return street, number


def physical_location(*, org_id: str, key: str, name: str, kind: str, city: str,
                      region: Region, street: Street, number: int, rng: random.Random,
                      phones: list[dict] | None = None) -> Site:
    """A physical location with its address, coordinates, accessibility and time zone."""
    location_id = make_id(f"{key}:location")
    lat, lon = zip_centroid(street.zip_code, city, region.state)
    address_1 = f"{number} {street.street}"
    description = rng.choice(LOCATION_DESCRIPTIONS[kind])
    if kind == "office":
        chosen = [a for a in ACCESSIBILITY if rng.random() < 0.55]
        if rng.random() < 0.85 and "Wheelchair accessible" not in chosen:
            chosen.insert(0, "Wheelchair accessible")
    else:
        chosen = [a for a in ("Accessible parking", "Wheelchair accessible") if rng.random() < 0.4]
    location = {
        "id": location_id, "organization_id": org_id, "location_type": "physical",
        "name": name, "description": description, "transportation": street.transit,
        "latitude": round(lat + rng.uniform(-MAX_JITTER, MAX_JITTER), 6),
        "longitude": round(lon + rng.uniform(-MAX_JITTER, MAX_JITTER), 6),
        "time_zone": region.time_zone,
        "addresses": [{
            "id": make_id(f"{key}:address"), "location_id": location_id,
            "address_1": address_1, "city": city, "state_province": region.state,
            "postal_code": street.zip_code, "country": "US", "address_type": "physical",
        }],
        "phones": [{"id": make_id(f"{key}:phone:{i}"), "location_id": location_id, **p}
                   for i, p in enumerate(phones or [])],
        "languages": [],
        "accessibility": [
            {"id": make_id(f"{key}:accessibility:{slugify(item)}"), "location_id": location_id,
             "description": item, "details": ACCESSIBILITY_DETAILS[item]}
            for item in chosen
        ],
    }
    return Site(location, street, city, address_1)


def virtual_location(*, org_id: str, key: str, short: str, domain: str, region: Region,
                     city: str) -> Site:
    location_id = make_id(f"{key}:location")
    location = {
        "id": location_id, "organization_id": org_id, "location_type": "virtual",
        "name": f"{short} online and by phone",
        "description": "Phone and video services; there is no walk-in address for these.",
        "url": f"https://{domain}/online", "time_zone": region.time_zone, "languages": [],
    }
    return Site(location, None, city, None)


def finish_location_languages(site: Site) -> None:
    """Location languages: every language spoken by a service delivered there (English first)."""
    codes = ["en"] + [c for c in site.language_codes if c != "en"]
    location_id = site.location["id"]
    site.location["languages"] = [
        {"id": make_id(f"{location_id}:language:{code}"), "location_id": location_id,
         "name": LANGUAGE_NAMES[code], "code": code}
        for code in dict.fromkeys(codes)
    ]
