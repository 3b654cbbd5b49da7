"""The offline US gazetteer: ZIP and city centroids, loaded once per process from seed data.

The file (written by ``scripts/build_gazetteer.py``) holds one row per ZIP; city centroids are the
mean of each city's ZIP centroids, computed here at load. Everything is plain tuples, floats and
shared strings (about 26 MB), read-only, shared by every thread of the process.
"""

from __future__ import annotations

import difflib
import gzip
import heapq
import math
import threading
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

from directory.geo.distance import EARTH_RADIUS_MILES, great_circle_miles, wrap_longitude
from directory.geo.names import city_key, state_code
from directory.paths import SEED_DATA_DIR

DATA_FILE = SEED_DATA_DIR / "gazetteer" / "us_places.tsv.gz"
STANDARD, PO_BOX = "S", "P"  # ZipPlace.kind; "U" is a unique ZIP (one organisation)


class ZipPlace(NamedTuple):
    """A ZIP code's centroid. ``kind`` is S (standard), P (PO box) or U (one organisation)."""

    zip: str
    city: str
    state: str
    latitude: float
    longitude: float
    timezone: str
    kind: str


class CityPlace(NamedTuple):
    """A city's centroid: the mean of the ZIPs in ``zips``."""

    name: str
    state: str
    latitude: float
    longitude: float
    timezone: str
    zips: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


# Which ZIPs make a city's centroid: its own standard ZIPs when it has any (PO boxes and single
# organisations sit at a post office or a campus, not in the middle of town), then standard ZIPs
# that accept the name as an alias, then the rest.
_PRIMARY_STANDARD, _ALIAS_STANDARD, _PRIMARY_OTHER, _ALIAS_OTHER = range(4)


def normalise_zip(text: str) -> str | None:
    """The five-digit ZIP of "97209", "97209-1234" or "972091234"; None otherwise."""
    text = text.strip()
    if len(text) == 10 and text[5] == "-":
        text = text[:5] + text[6:]
    if text.isascii() and text.isdigit() and len(text) in (5, 9):
        return text[:5]
    return None


class Gazetteer:
    """Lookups by ZIP, by city and state, by closeness of spelling, and by nearest point."""

    CELL_DEGREES = 0.25  # reverse-lookup grid cells: a few dozen ZIPs at most in a city
    MAX_RINGS = 40  # ten degrees out; further from any ZIP, a full scan is quicker

    def __init__(self, places: list[ZipPlace], aliases: dict[str, tuple[str, ...]]) -> None:
        self.zips: dict[str, ZipPlace] = {place.zip: place for place in places}
        self._states: dict[str, dict[str, CityPlace]] = {}  # state -> city key -> city
        self._by_key: dict[str, tuple[CityPlace, ...]] = {}  # city key -> cities, likeliest first
        self._grid: dict[tuple[int, int], tuple[ZipPlace, ...]] = {}
        self._build_cities(places, aliases)
        self._build_grid(places)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Gazetteer:
        """Read the gazetteer file (``scripts/build_gazetteer.py`` explains the format)."""
        places: list[ZipPlace] = []
        aliases: dict[str, tuple[str, ...]] = {}
        strings: dict[str, str] = {}  # one copy of each repeated city, state and zone name
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("#") or line.startswith("zip\t"):
                    continue
                zip_code, kind, city, state, lat, lon, zone, alias_text = (
                    line.rstrip("\n").split("\t")
                )
                city, state, zone = (strings.setdefault(s, s) for s in (city, state, zone))
                places.append(
                    ZipPlace(zip_code, city, state, float(lat), float(lon), zone, kind)
                )
                if alias_text:
                    aliases[zip_code] = tuple(
                        strings.setdefault(name, name) for name in alias_text.split("|")
                    )
        return cls(places, aliases)

    # -- building --------------------------------------------------------------------------

    def _build_cities(self, places, aliases) -> None:
        keys: dict[str, str] = {}  # city_key of each distinct spelling, computed once

        def key_of(name: str) -> str:
            key = keys.get(name)
            if key is None:
                key = keys[name] = city_key(name)
            return key

        groups: dict[tuple[str, str], list[tuple[int, str, ZipPlace]]] = defaultdict(list)
        for place in places:
            standard = place.kind == STANDARD
            tier = _PRIMARY_STANDARD if standard else _PRIMARY_OTHER
            groups[(key_of(place.city), place.state)].append((tier, place.city, place))
            tier = _ALIAS_STANDARD if standard else _ALIAS_OTHER
            for alias in aliases.get(place.zip, ()):
                groups[(key_of(alias), place.state)].append((tier, alias, place))

        ranked: dict[str, list[tuple[int, int, str, CityPlace]]] = defaultdict(list)
        while groups:
            (key, state), members = groups.popitem()  # free as we go: this is the peak
            if not key:
                continue
            tier, city = _city(state, members)
            self._states.setdefault(state, {})[key] = city
            ranked[key].append((tier, -len(city.zips), state, city))

        # Without a state, "Portland" means the city with the most standard ZIPs of that name.
        self._by_key = {key: tuple(row[-1] for row in sorted(rows)) for key, rows in ranked.items()}
        by_length: dict[int, list[str]] = defaultdict(list)
        for key in sorted(self._by_key):
            by_length[len(key)].append(key)
        self._keys_by_length = {size: tuple(keys) for size, keys in by_length.items()}

    def _build_grid(self, places) -> None:
        # Reverse lookups answer with standard ZIPs (areas people live in) and the PO boxes of
        # towns that have no standard ZIP; never single organisations ("Parcel Return Service").
        with_standard = {(p.city, p.state) for p in places if p.kind == STANDARD}
        cells: dict[tuple[int, int], list[ZipPlace]] = defaultdict(list)
        for place in places:
            if place.kind == STANDARD or (
                place.kind == PO_BOX and (place.city, place.state) not in with_standard
            ):
                cells[self._cell(place.latitude, place.longitude)].append(place)
        self._grid = {cell: tuple(members) for cell, members in cells.items()}

    # -- lookups ---------------------------------------------------------------------------

    def zip(self, text: str) -> ZipPlace | None:
        """The ZIP of "97209" or "97209-1234"."""
        code = normalise_zip(text)
        return self.zips.get(code) if code else None

    def city(self, name: str, state: str | None = None) -> CityPlace | None:
        """A city by name, in a state given by code or name; without one, the likeliest city."""
        code = state_code(state) if state else None
        if state and code is None:
            return None
        return self.city_by_key(city_key(name), code)

    def city_by_key(self, key: str, state: str | None = None) -> CityPlace | None:
        """A city by :func:`~directory.geo.names.city_key` and state code."""
        if state is not None:
            return self._states.get(state, {}).get(key)
        found = self._by_key.get(key)
        return found[0] if found else None

    def cities(self):
        """Every (city, state) entry, aliases included."""
        for cities in self._states.values():
            yield from cities.values()

    def cities_named(self, key: str) -> tuple[CityPlace, ...]:
        """Every city with this key, the likeliest first."""
        return self._by_key.get(key, ())

    def suggest(self, names, state: str | None = None, limit: int = 5) -> list[CityPlace]:
        """Cities spelled closest to any of ``names``, within ``state`` (a code) when given.

        ``names`` are alternative readings of the query (strings or word lists: "Portlnd" and
        "Main St Portlnd"); the closest spellings come first. Given a state, the same name in
        other states comes before them ("Portland, WA" was probably meant for Oregon).
        """
        keys = {city_key(name) for name in ([names] if isinstance(names, str) else names)}
        keys.discard("")
        scores: dict[str, float] = {}
        for key in keys:
            if state is not None:
                pool = self._states.get(state, {})
            else:
                pool = _similar_length(key, self._keys_by_length)
            for score, match in _close_matches(key, pool, limit):
                scores[match] = max(score, scores.get(match, 0.0))
        found: list[CityPlace] = []
        if state is not None:
            found += [
                city for key in sorted(keys) for city in self.cities_named(key)[:3]
                if city.state != state
            ]
        for match in sorted(scores, key=lambda match: (-scores[match], match)):
            found.extend([self._states[state][match]] if state else self._by_key[match])
        return list(dict.fromkeys(found))[:limit]

    def nearest(
        self, latitude: float, longitude: float, max_miles: float | None = None
    ) -> tuple[ZipPlace, float] | None:
        """The ZIP centroid nearest a point, and its distance in miles (None beyond max_miles).

        Searches rings of grid cells outwards, stopping once no unvisited cell can hold anything
        nearer than the best so far; far from every ZIP, scanning them all is cheaper.
        """
        limit = math.inf if max_miles is None else max_miles
        row, column = self._cell(latitude, longitude)
        best: ZipPlace | None = None
        best_miles = math.inf

        def consider(places) -> None:
            nonlocal best, best_miles
            for place in places:
                miles = great_circle_miles(latitude, longitude, place.latitude, place.longitude)
                if miles < best_miles or (miles == best_miles and place.zip < best.zip):
                    best, best_miles = place, miles

        for ring in range(self.MAX_RINGS + 1):
            if _beyond_ring(latitude, ring - 1, self.CELL_DEGREES) > min(best_miles, limit):
                break
            for cell in self._ring(row, column, ring):
                consider(self._grid.get(cell, ()))
        else:
            for places in self._grid.values():
                consider(places)
        if best is None or best_miles > limit:
            return None
        return best, best_miles

    @classmethod
    def _cell(cls, latitude: float, longitude: float) -> tuple[int, int]:
        return (
            math.floor(latitude / cls.CELL_DEGREES),
            math.floor(wrap_longitude(longitude) / cls.CELL_DEGREES),
        )

    @classmethod
    def _ring(cls, row: int, column: int, ring: int):
        """The cells ``ring`` steps away from (row, column): the border of a square."""
        half = round(180 / cls.CELL_DEGREES)
        for d_row in range(-ring, ring + 1):
            edge = abs(d_row) == ring
            for d_column in range(-ring, ring + 1) if edge else (-ring, ring):
                # Columns wrap around the antimeridian (the Aleutians sit on both sides of it).
                yield row + d_row, (column + d_column + half) % (2 * half) - half


def _city(state: str, members: list[tuple[int, str, ZipPlace]]) -> tuple[int, CityPlace]:
    """The tier and the centroid of a city from its ``(tier, name, ZIP)`` members."""
    if len(members) == 1:  # most towns: one ZIP, nothing to average
        tier, name, place = members[0]
        return tier, CityPlace(
            name, state, place.latitude, place.longitude, place.timezone, (place.zip,)
        )
    tier = min(member[0] for member in members)
    chosen = [member for member in members if member[0] == tier]
    zips = sorted({place.zip: place for _, _, place in chosen}.values())
    return tier, CityPlace(
        name=_most_common(name for _, name, _ in chosen),
        state=state,
        latitude=round(math.fsum(p.latitude for p in zips) / len(zips), 4),
        longitude=round(math.fsum(p.longitude for p in zips) / len(zips), 4),
        timezone=_most_common(place.timezone for place in zips),
        zips=tuple(place.zip for place in zips),
    )


def _most_common(values) -> str:
    """The most frequent value; the first in sort order among equals (so output is stable)."""
    values = list(values)
    if len(set(values)) == 1:
        return values[0]  # nearly always: skip the counting
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


SIMILARITY_CUTOFF = 0.75  # difflib's ratio: "portlnd" ~ "portland" is 0.93


def _similar_length(word: str, keys_by_length: dict[int, tuple[str, ...]]) -> list[str]:
    """The keys long enough and short enough to reach the cutoff at all.

    A ratio is at most 2·min(a, b)/(a + b): far cheaper to rule out by length, in bulk.
    """
    factor = SIMILARITY_CUTOFF / (2 - SIMILARITY_CUTOFF)
    sizes = range(math.ceil(len(word) * factor), math.floor(len(word) / factor) + 1)
    return [key for size in sizes for key in keys_by_length.get(size, ())]


def _close_matches(word: str, pool, limit: int, cutoff: float = SIMILARITY_CUTOFF):
    """``(score, match)`` of the ``limit`` best matches: difflib.get_close_matches, with scores."""
    matcher = difflib.SequenceMatcher(b=word)
    scored = []
    for candidate in pool:
        matcher.set_seq1(candidate)
        if (
            matcher.real_quick_ratio() >= cutoff
            and matcher.quick_ratio() >= cutoff
            and (score := matcher.ratio()) >= cutoff
        ):
            scored.append((score, candidate))
    return heapq.nlargest(limit, scored)


def _beyond_ring(latitude: float, ring: int, cell_degrees: float) -> float:
    """A lower bound, in miles, on the distance to any point in a grid ring past ``ring``.

    Such a point is more than ``ring`` cells away in latitude (an arc at least that long) or in
    longitude, where the arc shrinks with the cosine of the latitudes: bound both cosines by
    that of ``|latitude| + ring`` cells (a point nearer the pole than that is the first case).
    """
    if ring <= 0:
        return 0.0
    degrees = ring * cell_degrees
    shrink = math.cos(math.radians(min(90.0, abs(latitude) + degrees)))
    return 2 * EARTH_RADIUS_MILES * math.asin(shrink * math.sin(math.radians(degrees) / 2))


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process's gazetteer, loaded on first use (thread-safe)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer.load()
    return _gazetteer
