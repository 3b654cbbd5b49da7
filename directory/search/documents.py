"""Turning a catalog service into its search index rows (pure functions, no database)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from directory.catalog.hours import closures, opening_ranges
from directory.catalog.models import Location, Service, ServiceArea
from directory.catalog.visibility import is_listed
from directory.search.openness import encode_ranges

INDEXED_STATUSES = ("active", "temporarily closed")
WHEELCHAIR_WORDS = ("wheelchair",)


def tokens(values) -> str:
    """Space-delimited tokens with a space at each end, so ``LIKE '% x %'`` matches one."""
    unique = sorted({str(value).strip().lower() for value in values if value})
    return " " + " ".join(unique) + " " if unique else " "


def _category_terms(service: Service):
    terms = []
    for term in service.taxonomy_terms:
        terms.append(term)
        if term.parent is not None:
            terms.append(term.parent)
    return terms


def _languages(service: Service, location: Location | None) -> set[str]:
    languages = {lang.code for lang in service.languages if lang.code}
    if location is not None:
        languages |= {lang.code for lang in location.languages if lang.code}
    return {code.lower()[:2] if len(code) > 3 else code.lower() for code in languages}


def _areas(areas: list[ServiceArea]) -> dict[str, Any]:
    codes, polygons = [], []
    for area in areas:
        extent = (area.extent or "").strip()
        kind = (area.extent_type or "").lower()
        if kind == "geojson" and extent:
            try:
                polygons.append(json.loads(extent))
            except ValueError:
                continue
        elif extent and (extent.upper() == "US" or extent.upper().startswith("US-")):
            codes.append(extent.upper())
    result: dict[str, Any] = {"area_codes": tokens(codes), "area_geojson": None,
                              "area_min_lat": None, "area_max_lat": None,
                              "area_min_lon": None, "area_max_lon": None}
    points = [pt for polygon in polygons for pt in _polygon_points(polygon)]
    if points:
        result["area_geojson"] = json.dumps(polygons, separators=(",", ":"))
        result["area_min_lat"] = min(lat for _, lat in points)
        result["area_max_lat"] = max(lat for _, lat in points)
        result["area_min_lon"] = min(lon for lon, _ in points)
        result["area_max_lon"] = max(lon for lon, _ in points)
    return result


def _polygon_points(geometry: dict) -> list[tuple[float, float]]:
    """Every (lon, lat) vertex of a GeoJSON Polygon or MultiPolygon (others: none)."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates = geometry.get("coordinates") if kind else None
    if kind == "Polygon":
        rings = coordinates
    elif kind == "MultiPolygon":
        rings = [ring for polygon in coordinates for ring in polygon]
    else:
        return []
    try:
        return [(float(pt[0]), float(pt[1])) for ring in rings for pt in ring]
    except (TypeError, ValueError, IndexError):
        return []


def _base(service: Service) -> dict[str, Any]:
    terms = _category_terms(service)
    visible_terms = [t for t in service.taxonomy_terms if t.code and "." not in t.code]
    return {
        "service_id": service.id,
        "name": service.name,
        "organization_name": service.organization.name if service.organization else "",
        "summary": (service.description or "")[:300],
        "category_names": "|".join(t.name for t in visible_terms),
        "category_codes": tokens(t.code for t in terms),
        "gender": service.gender_eligibility or "all",
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "free": bool(service.free_of_charge),
        "sliding_scale": bool(service.sliding_scale),
        "medicaid": bool(service.accepts_medicaid),
        "medicare": bool(service.accepts_medicare),
        "private_insurance": bool(service.accepts_private_insurance),
        "accepting_new_clients": service.accepting_new_clients,
        "beds_total": service.beds_total,
        "beds_available": service.beds_available,
        "availability_updated_at": service.availability_updated_at,
        "allows_mat": service.allows_mat,
        "narr_level": service.narr_level,
        "certification_expires": service.certification_expires,
        "assured_date": service.assured_date,
        **_areas(service.service_areas),
        "search_text": " ".join(
            part for part in (
                service.name, service.alternate_name,
                service.organization.name if service.organization else None,
                service.description, service.eligibility_description,
                " ".join(t.name for t in terms),
            ) if part
        ),
    }


def service_documents(service: Service) -> Iterator[dict[str, Any]]:
    """One index row per place the service is offered; none for inactive services."""
    if service.status not in INDEXED_STATUSES or not is_listed(service):
        return
    base = _base(service)
    places = service.service_at_locations or []
    if not places:
        yield {**base, "is_virtual": True, "location_id": None, "latitude": None,
               "longitude": None, "language_codes": tokens(_languages(service, None)),
               "wheelchair": False, "time_zone": None,
               "phone": service.phones[0].number if service.phones else None,
               "weekly_minutes": encode_ranges(opening_ranges(service.schedules),
                                               closures(service.schedules))}
        return
    for sal in places:
        location = sal.location
        virtual = location.location_type == "virtual" or not location.has_coordinates
        address = location.physical_address
        schedules = sal.schedules or location.schedules or service.schedules
        phones = [*sal.phones, *location.phones, *service.phones]
        yield {
            **base,
            "location_id": location.id,
            "is_virtual": virtual,
            "latitude": None if virtual else location.latitude,
            "longitude": None if virtual else location.longitude,
            "location_name": location.name,
            "address": address.one_line if address and not virtual else None,
            "city": address.city if address else None,
            "state": address.state_province if address else None,
            "postal_code": address.postal_code if address else None,
            "phone": phones[0].number if phones else None,
            "language_codes": tokens(_languages(service, location)),
            "wheelchair": any(
                word in (item.description or "").lower()
                for item in location.accessibility for word in WHEELCHAIR_WORDS
            ),
            "time_zone": location.time_zone,
            "weekly_minutes": encode_ranges(opening_ranges(schedules), closures(schedules)),
        }


def utc_now() -> datetime:
    return datetime.now(UTC)
