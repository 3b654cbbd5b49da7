"""Placing an address on the map: geocode it, or fall back to a pin placed by hand or the ZIP
centroid (then the location is marked approximate)."""

from __future__ import annotations

from dataclasses import dataclass

from directory.geo import get_gazetteer, get_geocoder

#: Two points closer than this (degrees, ~10 m) are the same pin.
SAME_POINT = 0.0001


@dataclass(frozen=True)
class Placement:
    """Where an address goes: the point, whether it is approximate, and how we know."""

    latitude: float | None
    longitude: float | None
    approximate: bool
    source: str  # "address", "zip", "city", "hand", "none"
    place_name: str = ""
    time_zone: str | None = None

    @property
    def found(self) -> bool:
        return self.latitude is not None

    def as_value(self) -> dict:
        """The coordinates part of a location's ``address`` value."""
        return {"latitude": self.latitude, "longitude": self.longitude,
                "approximate": self.approximate}


def address_query(address: dict) -> str:
    """One line for the geocoder, as the importer writes it."""
    street = ", ".join(part for part in (address.get("address_1"), address.get("address_2"))
                       if part)
    place = " ".join(part for part in (address.get("state_province"),
                                       address.get("postal_code")) if part)
    return ", ".join(part for part in (street, address.get("city"), place) if part)


def geocode_address(address: dict) -> Placement:
    """What the configured geocoder makes of the address (street, ZIP or city precision)."""
    found = get_geocoder().geocode(address_query(address))
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None:
        return zip_centroid(address)
    raw = found.raw or {}
    precision = raw.get("precision") or "address"
    approximate = bool(raw.get("approximate")) or precision in ("zip", "city")
    return Placement(found.latitude, found.longitude, approximate,
                     precision if precision in ("zip", "city") else "address",
                     found.address or "", raw.get("timezone"))


def zip_centroid(address: dict) -> Placement:
    """The centre of the address's ZIP code, or no point at all."""
    place = get_gazetteer().zip(address.get("postal_code") or "")
    if place is None:
        return Placement(None, None, True, "none")
    return Placement(place.latitude, place.longitude, True, "zip",
                     f"{place.city}, {place.state} {place.zip}", place.timezone)


def place_pin(address: dict, latitude: float | None, longitude: float | None) -> Placement:
    """The placement to save: the typed or dragged pin when it differs from the geocoder's
    answer (then approximate, placed by hand), otherwise the geocoder's answer."""
    geocoded = geocode_address(address)
    if latitude is None or longitude is None:
        return geocoded
    if geocoded.found and abs(geocoded.latitude - latitude) < SAME_POINT \
            and abs(geocoded.longitude - longitude) < SAME_POINT:
        return geocoded
    return Placement(latitude, longitude, True, "hand", nearest_place(latitude, longitude),
                     geocoded.time_zone)


def nearest_place(latitude: float, longitude: float) -> str:
    """"City, ST ZIP" of the ZIP centroid nearest the point (empty when none is near)."""
    found = get_gazetteer().nearest(latitude, longitude, 100.0)
    if found is None:
        return ""
    place, _miles = found
    return f"{place.city}, {place.state} {place.zip}"
