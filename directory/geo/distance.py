"""Great-circle distances in miles, search bounding boxes, and coordinate rounding.

Distances use the sphere geopy's ``great_circle`` uses, so they agree with it (the tests check);
never call ``geodesic`` per row: it is ~100 times slower and no more useful at city scale.
"""

from __future__ import annotations

import math

from geopy.distance import EARTH_RADIUS  # kilometres

KILOMETRES_PER_MILE = 1.609344  # the factor geopy.units.miles divides by
EARTH_RADIUS_MILES = EARTH_RADIUS / KILOMETRES_PER_MILE

# A box edge a rounding error too tight would drop a point exactly on the circle.
_BOX_PAD_RADIANS = 1e-12


def great_circle_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points in degrees, in miles (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    a = min(1.0, max(0.0, a))
    # atan2 rather than asin(sqrt(a)): stays accurate for nearly antipodal points.
    return 2 * EARTH_RADIUS_MILES * math.atan2(math.sqrt(a), math.sqrt(1 - a))


def wrap_longitude(longitude: float) -> float:
    """The same meridian in [-180, 180)."""
    return (longitude + 180.0) % 360.0 - 180.0


def bounding_box(
    latitude: float, longitude: float, radius_miles: float
) -> tuple[float, float, float, float]:
    """``(min_lat, max_lat, min_lon, max_lon)`` of every point within ``radius_miles``.

    Meant as a cheap index filter before the exact distance. The longitude span is the exact
    one of the circle's tangent meridians. Near a pole (the circle contains it) the box spans
    every longitude up to the pole. Across the antimeridian the box wraps: ``min_lon > max_lon``
    then means "``lon >= min_lon`` or ``lon <= max_lon``" (see :func:`box_contains`).
    """
    if radius_miles < 0 or not math.isfinite(radius_miles):
        raise ValueError("radius_miles must be a finite, non-negative number")
    longitude = wrap_longitude(longitude)
    angle = radius_miles / EARTH_RADIUS_MILES + _BOX_PAD_RADIANS
    phi = math.radians(latitude)
    lowest, highest = phi - angle, phi + angle
    if lowest <= -math.pi / 2 or highest >= math.pi / 2:
        return (
            max(-90.0, math.degrees(lowest)), min(90.0, math.degrees(highest)), -180.0, 180.0,
        )
    # Below the pole case, sin(angle) < cos(phi), so the asin is defined.
    d_lambda = math.degrees(math.asin(math.sin(angle) / math.cos(phi)))
    west = wrap_longitude(longitude - d_lambda)
    east = wrap_longitude(longitude + d_lambda)
    if east == -180.0 and longitude + d_lambda > 0:
        east = 180.0  # reaching the antimeridian from the east side is not a wrap
    return math.degrees(lowest), math.degrees(highest), west, east


def box_contains(box: tuple[float, float, float, float], latitude: float, longitude: float) -> bool:
    """Whether a point lies in a :func:`bounding_box` (wrapping across the antimeridian)."""
    min_lat, max_lat, min_lon, max_lon = box
    if not min_lat <= latitude <= max_lat:
        return False
    longitude = wrap_longitude(longitude) if not -180.0 <= longitude <= 180.0 else longitude
    if min_lon <= max_lon:
        return min_lon <= longitude <= max_lon or (
            # -180 and 180 are one meridian.
            abs(longitude) == 180.0 and (min_lon == -180.0 or max_lon == 180.0)
        )
    return longitude >= min_lon or longitude <= max_lon


def round_coordinate(value: float, places: int = 2) -> float:
    """``value`` rounded for logs and URLs (2 places is about 1 km: a neighbourhood, not a door)."""
    return round(float(value), places) + 0.0  # + 0.0 turns -0.0 into 0.0
