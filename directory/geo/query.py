"""What a search box can hold: cleaning, coordinates, trailing ZIP codes, and cache keys."""

from __future__ import annotations

import math
import re

from directory.geo.names import tokens

MAX_QUERY_LENGTH = 200  # longer is not a place; refusing it keeps difflib and providers cheap

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_COORDINATES = re.compile(rf"^\(?\s*({_NUMBER})\s*(?:,|\s)\s*({_NUMBER})\s*\)?$")
_COUNTRY = re.compile(
    r"[\s,]+(?:usa|u\.s\.a\.?|us|u\.s\.?|united states(?: of america)?)$", re.IGNORECASE
)
_TRAILING_ZIP = re.compile(r"^(.*?)(?:^|[\s,]+)(\d{5})(?:-?\d{4})?$")


def clean_query(query: object) -> str:
    """The query with runs of whitespace collapsed ("" for anything that is not text)."""
    return " ".join(query.split()) if isinstance(query, str) else ""


def is_usable(text: str) -> bool:
    """Whether a cleaned query is worth looking up at all."""
    return 0 < len(text) <= MAX_QUERY_LENGTH


def looks_like_coordinates(text: str) -> bool:
    return _COORDINATES.match(text) is not None


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``(lat, lon)`` from "45.5,-122.6", "45.5 -122.6" or "(45.5, -122.6)", if in range."""
    match = _COORDINATES.match(text)
    if match is None:
        return None
    latitude, longitude = float(match.group(1)), float(match.group(2))
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def split_zip(text: str) -> tuple[str, str | None]:
    """``(rest, zip)`` with a trailing country name dropped and a trailing ZIP (or ZIP+4) split off.

    Only a ZIP at the end counts: "12345 Main St" starts with a house number.
    """
    text = _COUNTRY.sub("", text)
    match = _TRAILING_ZIP.match(text)
    if match is None:
        return text, None
    return match.group(1).rstrip(" ,"), match.group(2)


def query_key(text: str) -> str | None:
    """A cache key, blind to case, accents, punctuation and spacing ("Main St." = "main st")."""
    text = clean_query(text)
    if not is_usable(text):
        return None
    return " ".join(word for word in tokens(text) if word != ",") or None
