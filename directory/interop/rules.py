"""Rules a catalog record must follow beyond its HSDS type: our profile's values and ranges.

Shared by the JSON loader and the tabular (CSV) reader, so both refuse the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from directory.catalog.hours import parse_time
from directory.catalog.models import (
    GENDER_ELIGIBILITY,
    LOCATION_TYPES,
    NARR_LEVELS,
    SERVICE_STATUSES,
    Location,
    Schedule,
    Service,
)
from directory.database import Base

Getter = Callable[[str], Any]


def record_problems(model: type[Base], get: Getter) -> list[tuple[str, str]]:
    """Every (field, message) where the record read through ``get(field)`` breaks a rule."""
    problems: list[tuple[str, str]] = []

    def choice(name: str, choices) -> None:
        value = get(name)
        if value is not None and value not in choices:
            problems.append((name, f"{value!r} is not one of {', '.join(map(repr, choices))}"))

    if model is Service:
        choice("status", SERVICE_STATUSES)
        choice("gender_eligibility", GENDER_ELIGIBILITY)
        choice("narr_level", NARR_LEVELS)
        for name in ("beds_total", "beds_available", "minimum_age", "maximum_age"):
            value = get(name)
            if value is not None and value < 0:
                problems.append((name, "must not be negative"))
        total, available = get("beds_total"), get("beds_available")
        if total is not None and available is not None and available > total:
            problems.append(("beds_available", "is more than beds_total"))
        low, high = get("minimum_age"), get("maximum_age")
        if low is not None and high is not None and low > high:
            problems.append(("maximum_age", "is below minimum_age"))
    elif model is Location:
        choice("location_type", LOCATION_TYPES)
        latitude, longitude = get("latitude"), get("longitude")
        if latitude is not None and not -90 <= latitude <= 90:
            problems.append(("latitude", "must be between -90 and 90"))
        if longitude is not None and not -180 <= longitude <= 180:
            problems.append(("longitude", "must be between -180 and 180"))
        if (latitude is None) != (longitude is None):
            problems.append(("latitude", "latitude and longitude go together"))
        zone = get("time_zone")
        if zone:
            try:
                ZoneInfo(zone)
            except (KeyError, ValueError):
                problems.append(("time_zone", f"{zone!r} is not an IANA time zone"))
    elif model is Schedule:
        for name in ("opens_at", "closes_at"):
            value = get(name)
            if value and parse_time(value) is None:
                problems.append((name, f"{value!r} is not a time like 09:00"))
    return problems
