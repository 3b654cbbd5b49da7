"""geopy-compatible geocoders: the offline gazetteer, the chain, and what the search pages call.

Every ``Location`` we return carries a ``raw`` dict saying how good it is::

    {"precision": "zip" | "city" | "coordinates" | "address", "approximate": bool,
     "source": "offline" | <provider>, "zip": ..., "city": ..., "state": ..., "timezone": ...}

``approximate`` is true when the query was more precise than the answer (a street address
answered with its ZIP or city centroid, or a point answered with its nearest ZIP).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from flask import Flask, current_app, has_app_context
from geopy.location import Location

from directory.geo.distance import great_circle_miles, wrap_longitude
from directory.geo.gazetteer import CityPlace, Gazetteer, ZipPlace, get_gazetteer
from directory.geo.names import city_key, split_state, tokens
from directory.geo.query import (
    clean_query,
    is_usable,
    looks_like_coordinates,
    parse_coordinates,
    split_zip,
)

log = logging.getLogger(__name__)

EXTENSION_KEY = "directory_geocoder"
MAX_CITY_WORDS = 5  # "Saint Petersburg Beach": longer tails are street names, not cities
REVERSE_MAX_MILES = 100.0
MAX_ECHO = 60  # how much of an over-long query we repeat back
# How far a provider's street address may lie from our ZIP or city centroid for the same query
# (a big city's edge is ~30 miles from its centroid).
AGREEMENT_MILES = 60.0


def _raw(precision: str, approximate: bool, place=None, **extra) -> dict:
    raw = {
        "precision": precision,
        "approximate": approximate,
        "source": "offline",
        "zip": None,
        "city": None,
        "state": None,
        "timezone": None,
    }
    if isinstance(place, ZipPlace):
        raw.update(zip=place.zip, city=place.city, state=place.state, timezone=place.timezone)
    elif isinstance(place, CityPlace):
        raw.update(city=place.name, state=place.state, timezone=place.timezone)
    raw.update(extra)
    return raw


def zip_location(place: ZipPlace, approximate: bool = False, **extra) -> Location:
    address = f"{place.city}, {place.state} {place.zip}"
    point = (place.latitude, place.longitude)
    return Location(address, point, _raw("zip", approximate, place, **extra))


def city_location(place: CityPlace, approximate: bool = False, **extra) -> Location:
    point = (place.latitude, place.longitude)
    return Location(place.label, point, _raw("city", approximate, place, **extra))


@dataclass
class _Parsed:
    """A place query taken apart: ``street`` holds whatever precedes the city."""

    zip: ZipPlace | None = None
    zip_text: str | None = None
    state: str | None = None
    cities: tuple[CityPlace, ...] = ()
    street: list[str] = field(default_factory=list)
    last_segment: list[str] = field(default_factory=list)


class OfflineGeocoder:
    """Geocodes US ZIPs, cities and coordinates from the gazetteer, with no network."""

    source = "offline"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer or get_gazetteer()

    def geocode(self, query: str, exactly_one: bool = True) -> Location | list[Location] | None:
        """A ``Location`` for the query, or None; never raises on bad input.

        With ``exactly_one=False``, a city name without a state gives every city of that name.
        """
        text = clean_query(query)
        if not is_usable(text):
            return None
        found = self._resolve(text)
        if not found:
            return None
        return found[0] if exactly_one else found

    def reverse(
        self, query, exactly_one: bool = True, max_miles: float | None = REVERSE_MAX_MILES
    ) -> Location | list[Location] | None:
        """The nearest ZIP centroid to a point (a geopy ``Point``, a pair, or "lat, lon").

        None for an invalid point, or when no ZIP centroid is within ``max_miles``.
        """
        point = _point(query)
        if point is None:
            return None
        found = self.gazetteer.nearest(*point, max_miles)
        if found is None:
            return None
        place, miles = found
        location = zip_location(place, approximate=True, distance_miles=round(miles, 3))
        return location if exactly_one else [location]

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """"City, ST" labels spelled like the place in the query, for "Did you mean …?"."""
        text = clean_query(query)
        if not is_usable(text) or looks_like_coordinates(text):
            return []
        parsed = self._parse(text)
        segment = [word for word in parsed.last_segment if not word.isdigit()]
        names = [segment[-size:] for size in range(1, min(3, len(segment)) + 1)]
        return [city.label for city in self.gazetteer.suggest(names, parsed.state, limit)]

    # -- parsing ---------------------------------------------------------------------------

    def _resolve(self, text: str) -> list[Location]:
        coordinates = parse_coordinates(text)
        if coordinates is not None:
            label = f"{coordinates[0]}, {coordinates[1]}"
            return [Location(label, coordinates, _raw("coordinates", False))]
        if looks_like_coordinates(text):
            return []  # a pair of numbers out of range is a mistake, not a place

        parsed = self._parse(text)
        zip_place, cities, approximate = parsed.zip, parsed.cities, bool(parsed.street)
        if zip_place is not None and parsed.state in (None, zip_place.state):
            # Words we could not place (a street, or a misspelt city) make the answer approximate.
            unplaced = approximate or (not cities and bool(parsed.last_segment))
            return [zip_location(zip_place, approximate=unplaced)]
        if cities:
            approximate = approximate or parsed.zip_text is not None
            return [
                city_location(city, approximate, **_alternatives(city, cities)) for city in cities
            ]
        if zip_place is not None:  # the state disagrees with the ZIP, and no city matched
            return [zip_location(zip_place, approximate=True)]
        return []

    def _parse(self, text: str) -> _Parsed:
        rest, zip_text = split_zip(text)
        parsed = _Parsed(zip_text=zip_text)
        if zip_text is not None:
            parsed.zip = self.gazetteer.zip(zip_text)
        words = tokens(rest)
        while words and words[0] == ",":
            words.pop(0)
        words, parsed.state = split_state(words)
        while words and words[-1] == ",":
            words.pop()
        start = len(words) - words[::-1].index(",") if "," in words else 0
        parsed.last_segment = words[start:]

        # The longest run of trailing words that names a city ("South Saint Paul" before
        # "Saint Paul"); what comes before it is a street, or at least not a place we know.
        for size in range(min(MAX_CITY_WORDS, len(parsed.last_segment)), 0, -1):
            key = city_key(parsed.last_segment[-size:])
            if parsed.state is not None:
                city = self.gazetteer.city_by_key(key, parsed.state)
                cities = (city,) if city else ()
            else:
                cities = self.gazetteer.cities_named(key)
            if cities:
                parsed.cities = cities
                parsed.street = [word for word in words[: len(words) - size] if word != ","]
                break
        return parsed


class GeocoderChain:
    """Ask each geocoder in turn until one gives an answer that is not approximate.

    The first (offline) geocoder answers ZIPs, cities and coordinates; later ones (an online
    provider) are asked only about what it could not place exactly: street addresses and
    unknown names. A later geocoder failing in any way, or answering further than
    ``AGREEMENT_MILES`` from the approximate answer so far, leaves that answer.
    """

    def __init__(self, geocoders) -> None:
        if not geocoders:
            raise ValueError("a GeocoderChain needs at least one geocoder")
        self.geocoders = list(geocoders)

    @property
    def offline(self) -> OfflineGeocoder | None:
        return next((g for g in self.geocoders if isinstance(g, OfflineGeocoder)), None)

    def geocode(self, query: str, exactly_one: bool = True) -> Location | list[Location] | None:
        text = clean_query(query)
        if not is_usable(text):
            return None
        best = None
        for position, geocoder in enumerate(self.geocoders):
            if position and looks_like_coordinates(text):
                break  # coordinates need no provider: either valid already or out of range
            try:
                found = geocoder.geocode(text, exactly_one=exactly_one)
            except Exception as error:  # a provider must never break a search
                if position == 0:
                    raise
                # The class name only: messages and URLs can hold what the person searched for.
                log.warning(
                    "Geocoder %s failed (%s); using the offline answer.",
                    getattr(geocoder, "source", type(geocoder).__name__),
                    type(error).__name__,
                )
                continue
            if found and best and _miles_apart(found, best) > AGREEMENT_MILES:
                # A provider's fuzzy match in another city or state ("Main St" in Portland, ME
                # for Portland, OR): the offline centroid is the better answer.
                log.info("Geocoder %s answered too far from the offline answer; kept that.",
                         getattr(geocoder, "source", type(geocoder).__name__))
                continue
            if found and not _approximate(found):
                return found
            best = best or found
        return best

    def reverse(self, query, exactly_one: bool = True) -> Location | list[Location] | None:
        """The offline nearest ZIP: reverse lookups never need a provider."""
        offline = self.offline or OfflineGeocoder()
        return offline.reverse(query, exactly_one=exactly_one)


def _point(query) -> tuple[float, float] | None:
    # Checked here rather than by geopy's Point, which warns and wraps latitudes past a pole.
    if isinstance(query, str):
        return parse_coordinates(clean_query(query))
    try:
        latitude, longitude = float(query[0]), float(query[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude) and abs(latitude) <= 90):
        return None
    return latitude, wrap_longitude(longitude)


def _alternatives(city: CityPlace, cities: tuple[CityPlace, ...]) -> dict:
    others = [other.label for other in cities if other is not city]
    return {"alternatives": others} if others else {}


def _first(found: Location | list[Location]) -> Location:
    return found[0] if isinstance(found, list) else found


def _approximate(found: Location | list[Location]) -> bool:
    return bool((_first(found).raw or {}).get("approximate"))


def _miles_apart(one: Location | list[Location], other: Location | list[Location]) -> float:
    one, other = _first(one), _first(other)
    return great_circle_miles(one.latitude, one.longitude, other.latitude, other.longitude)


def build_geocoder(config) -> GeocoderChain:
    """The chain a configuration asks for: offline, then the online provider if one is set."""
    from directory.geo.online import online_geocoder_from_config

    online = online_geocoder_from_config(config)
    return GeocoderChain([OfflineGeocoder()] + ([online] if online else []))


def get_geocoder(app: Flask | None = None) -> GeocoderChain:
    """The geocoder chain of ``app`` (the current app by default), built once per app."""
    if app is None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    chain = app.extensions.get(EXTENSION_KEY)
    if chain is None:
        chain = app.extensions.setdefault(EXTENSION_KEY, build_geocoder(app.config))
    return chain


# -- what the search pages use -------------------------------------------------------------


@dataclass(frozen=True)
class PlaceResult:
    """The answer to a place typed in a search box, with what to tell the person.

    ``message`` is one of ``found``, ``approximate`` (a street answered with its ZIP or city),
    ``ambiguous`` (a city name in several states: ``suggestions`` lists the others),
    ``not_found`` (``suggestions`` may hold close spellings), ``invalid`` (too long, or
    coordinates out of range) and ``empty``.
    """

    query: str
    location: Location | None
    suggestions: list[str] = field(default_factory=list)
    message: str = "found"

    @property
    def found(self) -> bool:
        return self.location is not None


def geocode_place(query: str, geocoder=None) -> PlaceResult:
    """Geocode what someone typed, with suggestions when we could not find it.

    ``geocoder`` defaults to the current app's chain (the offline geocoder outside an app).
    """
    text = clean_query(query)
    if not text:
        return PlaceResult("", None, [], "empty")
    if not is_usable(text):
        return PlaceResult(text[:MAX_ECHO] + "…", None, [], "invalid")
    if geocoder is None:
        geocoder = get_geocoder() if has_app_context() else OfflineGeocoder()
    location = geocoder.geocode(text)
    if location is None:
        if looks_like_coordinates(text):
            return PlaceResult(text, None, [], "invalid")
        offline = geocoder if isinstance(geocoder, OfflineGeocoder) else None
        offline = offline or getattr(geocoder, "offline", None) or OfflineGeocoder()
        return PlaceResult(text, None, offline.suggest(text), "not_found")
    raw = location.raw or {}
    if raw.get("approximate"):
        return PlaceResult(text, location, [], "approximate")
    if raw.get("alternatives"):
        return PlaceResult(text, location, list(raw["alternatives"][:5]), "ambiguous")
    return PlaceResult(text, location, [], "found")

