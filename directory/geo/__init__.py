"""Geocoding: an offline US gazetteer, an optional online provider, and great-circle distances.

Search pages call :func:`geocode_place`; anything else wanting a geopy-style geocoder calls
:func:`get_geocoder`. See the "Geocoding" section of the design notes.
"""

from directory.geo.distance import bounding_box, great_circle_miles, round_coordinate
from directory.geo.gazetteer import get_gazetteer
from directory.geo.geocoders import (
    GeocoderChain,
    OfflineGeocoder,
    PlaceResult,
    geocode_place,
    get_geocoder,
)

__all__ = [
    "GeocoderChain",
    "OfflineGeocoder",
    "PlaceResult",
    "bounding_box",
    "geocode_place",
    "get_gazetteer",
    "get_geocoder",
    "great_circle_miles",
    "round_coordinate",
]
