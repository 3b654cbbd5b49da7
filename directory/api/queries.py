"""Reading the published catalog for the HSDS API: filters, pages, streams and detail objects.

Lists are found in two steps: which ids match, in order (:class:`Matches`: a SQL query, or a
list computed in Python when results are ordered by distance), then the objects of one page or
one batch, loaded with exactly the relationships their JSON shows (a fixed number of queries,
whatever the page size).

HSDS filters read the catalog tables. Text search, our profile's filters and everything
geographic read the search index (``dir_search_entry``), with the search page's semantics; the
index holds the services search shows (active and temporarily closed).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, inspect, or_, select
from sqlalchemy.orm import selectinload, with_loader_criteria
from sqlalchemy.sql import ColumnElement, Select

from directory.catalog.listings import Page
from directory.catalog.models import (
    Attribute,
    Location,
    MetadataRecord,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.catalog.visibility import is_listed, listed_service
from directory.database import session
from directory.errors import DirectoryError, NotFound
from directory.geo import bounding_box, get_geocoder, great_circle_miles
from directory.interop.shape import CHILD_LISTS, ENTITY_NAMES

# The engine's full-text condition (FTS5 or tsvector): the API matches words as search does.
from directory.search.engine import keyword_condition, keyword_tokens, point_in_geometry
from directory.search.models import SearchEntry
from directory.search.query import DEFAULT_RADIUS_MILES, SearchQuery, filter_conditions

T = SearchEntry.__table__.c
METRES_PER_MILE = 1609.344
LOAD_BATCH = 200  # objects per query when loading or streaming
ATTRIBUTE_BATCH = 2000  # ids per query of nested objects' attributes (a full page has ~1000)
BOX_MARGIN_MILES = 0.01  # as the engine: a point on the circle's edge is never lost


class UnknownPlace(DirectoryError):
    """A postcode the geocoder does not know."""


# --- what is published ------------------------------------------------------------------------


def published_service() -> ColumnElement[bool]:
    """The one rule for which services the API shows.

    The catalog's rule (:func:`directory.catalog.visibility.listed_service`). Locations and
    taxonomies carry no status: they are always shown, but only with their published services.
    """
    return listed_service()


# --- matching ids -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Matches:
    """The ids a list request matched, in the order it is served.

    Either ``statement`` (selecting the id and a sort key, with every filter; ordered by
    ``sort`` then ``id``), or ``ordered`` (ids computed in Python, e.g. nearest first).
    """

    statement: Select | None = None
    id_column: Any = None
    sort_column: Any = None
    ordered: tuple[str, ...] | None = None

    @classmethod
    def sql(cls, id_column, sort_column, *conditions, joins: Sequence = ()) -> Matches:
        statement = select(id_column, sort_column)
        for target, on in joins:
            statement = statement.join(target, on)
        return cls(statement.where(*conditions), id_column, sort_column)

    def count(self) -> int:
        if self.ordered is not None:
            return len(self.ordered)
        return session.execute(
            select(func.count()).select_from(self.statement.subquery())).scalar_one()

    def page_ids(self, offset: int, limit: int) -> list[str]:
        if self.ordered is not None:
            return list(self.ordered[offset:offset + limit])
        return list(session.execute(
            self.statement.order_by(self.sort_column, self.id_column).offset(offset).limit(limit)
        ).scalars())

    def batches(self, size: int = LOAD_BATCH) -> Iterator[list[str]]:
        """Every id, ``size`` at a time; SQL pages by key (no growing OFFSET, no open cursor)."""
        if self.ordered is not None:
            for start in range(0, len(self.ordered), size):
                yield list(self.ordered[start:start + size])
            return
        last = None
        while True:
            statement = self.statement
            if last is not None:
                statement = statement.where(or_(
                    self.sort_column > last[1],
                    and_(self.sort_column == last[1], self.id_column > last[0]),
                ))
            rows = session.execute(
                statement.order_by(self.sort_column, self.id_column).limit(size)).all()
            if rows:
                yield [row[0] for row in rows]
            if len(rows) < size:
                return
            last = rows[-1]


def load(model, ids: Sequence[str], options: Sequence = ()) -> list:
    """The objects with these ids, in this order."""
    found: dict[str, Any] = {}
    for start in range(0, len(ids), LOAD_BATCH):
        chunk = ids[start:start + LOAD_BATCH]
        for obj in session.execute(
                select(model).where(model.id.in_(chunk)).options(*options)).scalars():
            found[obj.id] = obj
    return [found[id_] for id_ in ids if id_ in found]


def page_of(matches: Matches, model, page: int, per_page: int, options: Sequence = ()) -> Page:
    """One page of ``matches`` as loaded objects (a page past the end is empty)."""
    total = matches.count()
    ids = matches.page_ids((page - 1) * per_page, per_page) if total else []
    return Page(load(model, ids, options), total, page, per_page)


def batches_of(matches: Matches, model, options: Sequence = ()) -> Iterator[list]:
    """Every match, loaded a batch at a time (for NDJSON)."""
    for ids in matches.batches():
        yield load(model, ids, options)
        session.expunge_all()  # a long stream never holds the whole catalog in memory


# One-to-one relationships the full JSON nests objects through.
_NESTED_ONES = {ServiceAtLocation: ("location", "service")}


def attributes_of(objects: Sequence) -> dict[tuple[str, str], list[Attribute]]:
    """The attributes (taxonomy links) of every object nested in ``objects`` except services,
    which load their own: ``(entity, id) -> attributes``, as ``interop.serialize`` takes them.

    Only what is loaded already is visited, so this costs one query per batch of objects.
    """
    keys: set[tuple[str, str]] = set()
    pending = list(objects)
    while pending:
        obj = pending.pop()
        entity = ENTITY_NAMES.get(type(obj))
        if entity and not isinstance(obj, Service | Taxonomy | TaxonomyTerm):
            keys.add((entity, obj.id))
        unloaded = inspect(obj).unloaded
        for key in (*CHILD_LISTS.get(type(obj), {}), *_NESTED_ONES.get(type(obj), ())):
            if key in unloaded:
                continue
            value = getattr(obj, key)
            pending.extend(value if isinstance(value, list) else [value] if value else [])
    found: dict[tuple[str, str], list[Attribute]] = {}
    ids = sorted({id_ for _entity, id_ in keys})
    for start in range(0, len(ids), ATTRIBUTE_BATCH):
        rows = session.execute(
            select(Attribute)
            .where(Attribute.link_entity != "service",
                   Attribute.link_id.in_(ids[start:start + ATTRIBUTE_BATCH]))
            .options(selectinload(Attribute.taxonomy_term)
                     .selectinload(TaxonomyTerm.taxonomy_detail))
            .order_by(Attribute.id)
        ).scalars()
        for attribute in rows:
            key = (attribute.link_entity, attribute.link_id)
            if key in keys:
                found.setdefault(key, []).append(attribute)
    return found


# --- eager loading: exactly what the JSON shows -----------------------------------------------

# Relationships ``interop.serialize`` follows besides the nested lists of ``interop.shape``;
# None: load the object for its own fields only.
_FOLLOWED: dict[type, dict[str, type | None]] = {
    Service: {"organization": None, "program": None},
    ServiceAtLocation: {"location": Location},
    Attribute: {"taxonomy_term": TaxonomyTerm},
    TaxonomyTerm: {"taxonomy_detail": None},
}


def _nested(model, parent=None, *, skip=frozenset(), shallow=frozenset()) -> list:
    """Selectin loader paths of everything below ``model`` that the serializer follows.

    Only whole paths are returned (a path loads every step on it): fewer options to process.
    """
    options = []
    children = {**CHILD_LISTS.get(model, {}), **_FOLLOWED.get(model, {})}
    for key, child in children.items():
        if (model, key) in skip:
            continue
        attribute = getattr(model, key)
        loader = parent.selectinload(attribute) if parent is not None else selectinload(
            attribute)
        deeper = [] if child is None or (model, key) in shallow else _nested(
            child, loader, skip=skip, shallow=shallow)
        options.extend(deeper or [loader])
    return options


def service_options(shape: str) -> list:
    """Loader options of services as ``shape`` (minimal, list or full) shows them."""
    if shape == "minimal":
        return []
    if shape == "list":
        return [selectinload(Service.organization), selectinload(Service.program)]
    return _nested(Service)


def service_at_location_options(full: bool) -> list:
    """Loader options of services at locations, one-to-one or fully nested."""
    service = selectinload(ServiceAtLocation.service)
    if not full:
        return [selectinload(ServiceAtLocation.location), service.selectinload(
            Service.organization), service.selectinload(Service.program)]
    return [*_nested(ServiceAtLocation), service,
            *_nested(Service, service, skip={(Service, "service_at_locations")})]


def organization_options(full: bool, full_services: bool) -> list:
    """Loader options of organizations: own fields, nested, and services simple or nested."""
    if not (full or full_services):
        return []
    shallow = set() if full_services else {(Organization, "services")}
    # Their services: published ones only, however they are reached.
    return [*_nested(Organization, shallow=shallow),
            with_loader_criteria(Service, published_service())]


def taxonomy_term_options() -> list:
    return [selectinload(TaxonomyTerm.taxonomy_detail)]


# --- services and services at locations -------------------------------------------------------


@dataclass(frozen=True)
class ServiceFilters:
    """What a services or service_at_locations list asks for; every part narrows it (AND).

    ``profile`` carries our extension filters with the search page's semantics. Geography:
    ``point`` (lat/lon) or ``postcode``, and ``radius_miles``. With ``strict_distance`` (HSDS
    postcode/proximity) only places within the distance match; otherwise (our lat/lon) virtual
    services whose service area covers the point follow the nearby places. A postcode without
    a distance matches places in that ZIP code and services whose area covers it.
    """

    search: str = ""
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime | None = None
    profile: SearchQuery | None = None
    point: tuple[float, float] | None = None
    postcode: str | None = None
    radius_miles: float | None = None
    strict_distance: bool = False


@dataclass(frozen=True)
class _Area:
    latitude: float
    longitude: float
    region_code: str | None
    radius_miles: float | None  # None: the postcode's own area
    postcode: str | None
    with_virtual: bool


def _service_conditions(filters: ServiceFilters) -> list:
    conditions = [published_service()]
    tagged = select(Attribute.link_id).where(Attribute.link_entity == "service")
    if filters.taxonomy_term_id:
        conditions.append(Service.id.in_(
            tagged.where(Attribute.taxonomy_term_id == filters.taxonomy_term_id)))
    if filters.taxonomy_id:
        conditions.append(Service.id.in_(
            tagged.join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
            .where(TaxonomyTerm.taxonomy_id == filters.taxonomy_id)))
    if filters.organization_id:
        conditions.append(Service.organization_id == filters.organization_id)
    if filters.modified_after:
        conditions.append(Service.last_modified >= filters.modified_after)
    return conditions


def _index_conditions(filters: ServiceFilters) -> list:
    """Conditions on search index rows: text search and our profile's filters."""
    conditions = []
    profile = filters.profile
    if profile is not None:
        conditions.extend(filter_conditions(profile))
        if profile.wants_in_person != profile.wants_virtual:
            conditions.append(T.is_virtual.is_(profile.wants_virtual))
    tokens = keyword_tokens(filters.search)
    if tokens:
        conditions.append(keyword_condition(session.connection(), tokens))
    return conditions


def _region_code(state: str | None) -> str | None:
    return f"US-{state}" if state else None


def _area(filters: ServiceFilters) -> _Area | None:
    if filters.postcode:
        place = get_geocoder().geocode(filters.postcode)
        raw = (place.raw or {}) if place is not None else {}
        if place is None or raw.get("precision") != "zip":
            raise UnknownPlace(filters.postcode)
        return _Area(place.latitude, place.longitude, _region_code(raw.get("state")),
                     filters.radius_miles, filters.postcode, with_virtual=False)
    if filters.point:
        latitude, longitude = filters.point
        nearest = get_geocoder().reverse((latitude, longitude))
        state = (nearest.raw or {}).get("state") if nearest is not None else None
        return _Area(latitude, longitude, _region_code(state),
                     filters.radius_miles or DEFAULT_RADIUS_MILES, None,
                     with_virtual=not filters.strict_distance)
    return None


def _in_box(area: _Area) -> list:
    min_lat, max_lat, min_lon, max_lon = bounding_box(
        area.latitude, area.longitude, area.radius_miles + BOX_MARGIN_MILES)
    conditions = [T.is_virtual.is_(False), T.latitude.between(min_lat, max_lat)]
    if min_lon <= max_lon:
        conditions.append(T.longitude.between(min_lon, max_lon))
    else:  # the box crosses the antimeridian
        conditions.append(or_(T.longitude >= min_lon, T.longitude <= max_lon))
    return conditions


def _nearest(rows, area: _Area) -> list[str]:
    """Keys of (key, latitude, longitude) rows within the radius, nearest first."""
    best: dict[str, float] = {}
    for key, latitude, longitude in rows:
        distance = great_circle_miles(area.latitude, area.longitude, latitude, longitude)
        if distance <= area.radius_miles and distance < best.get(key, math.inf):
            best[key] = distance
    return [key for key, _ in sorted(best.items(), key=lambda item: (item[1], item[0]))]


def _covers(area_codes: str | None, area_geojson: str | None, area: _Area) -> bool:
    """Whether a service area (index tokens such as "us-or", or GeoJSON) covers the point."""
    codes = (area_codes or "").split()
    if "us" in codes or (area.region_code and area.region_code.lower() in codes):
        return True
    if area_geojson:
        try:
            polygons = json.loads(area_geojson)
        except ValueError:
            return False
        return any(point_in_geometry(area.longitude, area.latitude, p) for p in polygons)
    return False


def _covering(area: _Area) -> ColumnElement[bool]:
    """Index rows whose service area may cover the point (checked exactly in Python after)."""
    codes = T.area_codes.contains(" us ", autoescape=True)
    if area.region_code:
        codes = codes | T.area_codes.contains(f" {area.region_code.lower()} ", autoescape=True)
    return codes | and_(
        T.area_min_lat <= area.latitude, T.area_max_lat >= area.latitude,
        T.area_min_lon <= area.longitude, T.area_max_lon >= area.longitude)


def _covered(rows, area: _Area) -> list[str]:
    """Keys of (key, sort key, area codes, area GeoJSON) rows covering the point, by sort key."""
    seen: dict[str, Any] = {}
    for key, sort_key, codes, geojson in rows:
        if key not in seen and _covers(codes, geojson, area):
            seen[key] = sort_key
    return [key for key, _ in sorted(seen.items(), key=lambda item: (item[1], item[0]))]


def _in_postcode(area: _Area) -> ColumnElement[bool]:
    return or_(T.postal_code == area.postcode, T.postal_code.like(f"{area.postcode}-%"))


def find_services(filters: ServiceFilters) -> Matches:
    """The published services ``filters`` match: by name, or nearest first around a point."""
    conditions = _service_conditions(filters)
    index = _index_conditions(filters)
    area = _area(filters)
    if area is None:
        if index:
            conditions.append(exists(select(T.id).where(T.service_id == Service.id, *index)))
        return Matches.sql(Service.id, Service.name, *conditions)
    candidates = T.service_id.in_(select(Service.id).where(*conditions))
    nearby = _nearest(session.execute(
        select(T.service_id, T.latitude, T.longitude).where(*_in_box(area), *index, candidates)
    ), area)
    if area.with_virtual:
        chosen = set(nearby)
        covering = _covered(session.execute(
            select(T.service_id, T.name, T.area_codes, T.area_geojson)
            .where(T.is_virtual.is_(True), _covering(area), *index, candidates)), area)
        nearby += [key for key in covering if key not in chosen]
    return Matches(ordered=tuple(nearby))


def find_service_at_locations(filters: ServiceFilters) -> Matches:
    """Published services at their locations: by service name, or nearest first."""
    sal = ServiceAtLocation
    conditions = [sal.service_id.in_(select(Service.id).where(*_service_conditions(filters)))]
    index = _index_conditions(filters)
    area = _area(filters)
    same_place = and_(T.service_id == sal.service_id, T.location_id == sal.location_id)
    if area is None:
        if index:
            conditions.append(exists(select(T.id).where(same_place, *index)))
        return Matches.sql(sal.id, Service.name, *conditions,
                           joins=[(Service, Service.id == sal.service_id)])
    if area.radius_miles is not None:
        ordered = _nearest(session.execute(
            select(sal.id, T.latitude, T.longitude).join(SearchEntry, same_place)
            .where(*_in_box(area), *index, *conditions)), area)
        if area.with_virtual:
            chosen = set(ordered)
            covering = _covered(session.execute(
                select(sal.id, T.name, T.area_codes, T.area_geojson).join(SearchEntry, same_place)
                .where(T.is_virtual.is_(True), _covering(area), *index, *conditions)), area)
            ordered += [key for key in covering if key not in chosen]
        return Matches(ordered=tuple(ordered))
    # A postcode alone: places in it, and places of services whose area covers it.
    covering_services = _covered(session.execute(
        select(T.service_id, T.name, T.area_codes, T.area_geojson)
        .where(_covering(area), *index)), area)
    place = _in_postcode(area)
    if covering_services:
        place = or_(place, T.service_id.in_(covering_services))
    conditions.append(exists(select(T.id).where(same_place, place, *index)))
    return Matches.sql(sal.id, Service.name, *conditions,
                       joins=[(Service, Service.id == sal.service_id)])


def get_service(service_id: str, shape: str = "full") -> Service:
    """A published service, loaded for ``shape``."""
    found = load(Service, [service_id], service_options(shape))
    if not found or not is_listed(found[0]):
        raise NotFound(service_id)
    return found[0]


def get_service_at_location(sal_id: str) -> ServiceAtLocation:
    """A published service at one location, fully nested."""
    found = load(ServiceAtLocation, [sal_id], service_at_location_options(full=True))
    if not found or not is_listed(found[0].service):
        raise NotFound(sal_id)
    return found[0]


# --- organizations and taxonomies -------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.lower().split()[:8]


def _text_match(text: str, *columns) -> list:
    """Every word appears (case-insensitively) in one of ``columns``."""
    return [or_(*(func.lower(column).contains(word, autoescape=True) for column in columns))
            for word in _words(text)]


def find_organizations(search: str = "") -> Matches:
    """Published organizations, by name (proposed and unpublished ones stay hidden)."""
    conditions = [Organization.published.is_(True),
                  *_text_match(search, Organization.name, Organization.alternate_name,
                               Organization.description)]
    return Matches.sql(Organization.id, Organization.name, *conditions)


def get_organization(organization_id: str, full_services: bool = False) -> Organization:
    """An organization, fully nested, with its published services simple or nested."""
    found = load(Organization, [organization_id],
                 organization_options(full=True, full_services=full_services))
    if not found or not found[0].published:
        raise NotFound(organization_id)
    return found[0]


def find_taxonomies(search: str = "") -> Matches:
    """Taxonomies, by name."""
    conditions = _text_match(search, Taxonomy.name, Taxonomy.description)
    return Matches.sql(Taxonomy.id, Taxonomy.name, *conditions)


def get_taxonomy(taxonomy_id: str) -> Taxonomy:
    found = load(Taxonomy, [taxonomy_id])
    if not found:
        raise NotFound(taxonomy_id)
    return found[0]


def find_taxonomy_terms(search: str = "", taxonomy_id: str | None = None,
                        top_only: bool = False, parent_id: str | None = None) -> Matches:
    """Taxonomy terms, by name: of one taxonomy, top-level only, or children of one term."""
    conditions = _text_match(search, TaxonomyTerm.name, TaxonomyTerm.code,
                             TaxonomyTerm.description)
    if taxonomy_id:
        conditions.append(TaxonomyTerm.taxonomy_id == taxonomy_id)
    if top_only:
        conditions.append(TaxonomyTerm.parent_id.is_(None))
    if parent_id:
        conditions.append(TaxonomyTerm.parent_id == parent_id)
    return Matches.sql(TaxonomyTerm.id, TaxonomyTerm.name, *conditions)


def get_taxonomy_term(term_id: str) -> TaxonomyTerm:
    found = load(TaxonomyTerm, [term_id], taxonomy_term_options())
    if not found:
        raise NotFound(term_id)
    return found[0]


# --- freshness --------------------------------------------------------------------------------


def last_modified() -> datetime | None:
    """When the catalog last changed, as it records changes: the newest service
    ``last_modified`` or bed-availability update, or change-history (metadata) entry."""
    stamps = session.execute(select(
        select(func.max(Service.last_modified)).scalar_subquery(),
        select(func.max(Service.availability_updated_at)).scalar_subquery(),
        select(func.max(MetadataRecord.last_action_date)).scalar_subquery(),
    )).one()
    known = [stamp for stamp in stamps if stamp is not None]
    return max(known) if known else None
