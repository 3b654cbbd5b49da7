"""Running a :class:`SearchQuery`: nearest-first geosearch, keyword relevance, filters.

Shape of a search with a point (the fast path, see bench/search.py):
1. spatial prefilter by an index: SQLite's R*Tree, or PostgreSQL's bounding box on indexed
   columns, over a box that starts at one mile and grows until a page is filled or the
   person's radius is reached (so dense cities never scan thousands of rows);
2. exact great-circle distance in Python for those candidates only, nearest first;
3. filters and the full-text match checked in SQL on the nearest candidates, in batches,
   reading only the index rows (no catalog tables) — then the page is ready to render.
On PostgreSQL with PostGIS the KNN operator ``<->`` orders by distance inside the index.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.engine import Connection

from directory.catalog.hours import hours_table
from directory.geo.distance import bounding_box, great_circle_miles
from directory.search.indexer import _postgis, flush_pending
from directory.search.models import SearchEntry
from directory.search.openness import decode_ranges, is_open
from directory.search.query import SearchQuery, filter_conditions
from directory.search.structures import FTS, RTREE

T = SearchEntry.__table__.c
HIT_COLUMNS = (
    T.id, T.service_id, T.name, T.organization_name, T.location_name, T.address, T.city,
    T.state, T.phone, T.summary, T.category_names, T.latitude, T.longitude, T.is_virtual,
    T.accepting_new_clients, T.beds_total, T.beds_available, T.availability_updated_at,
    T.allows_mat, T.narr_level, T.assured_date, T.time_zone, T.weekly_minutes,
)
VIRTUAL_COLUMNS = (*HIT_COLUMNS, T.area_codes, T.area_geojson)
START_RADIUS_MILES = 1.0
GROWTH = 3.0
BATCH = 200
# R*Tree keeps 32-bit floats (~1 m); widen its box a little so no point near the edge is lost.
BOX_MARGIN_MILES = 0.01
# Beside nearby results, a few online services; "delivery=virtual" lists them all.
VIRTUAL_LIMIT = 5
VIRTUAL_BATCH = 50


@dataclass(frozen=True)
class SearchHit:
    """One result line: a service, at its nearest place when the search has a point."""

    service_id: str
    name: str
    organization_name: str
    location_name: str | None
    address: str | None
    city: str | None
    state: str | None
    phone: str | None
    summary: str | None
    categories: tuple[str, ...]
    latitude: float | None
    longitude: float | None
    distance_miles: float | None
    is_virtual: bool
    open_now: bool | None
    accepting_new_clients: bool | None
    beds_total: int | None
    beds_available: int | None
    availability_updated_at: datetime | None
    allows_mat: bool | None
    narr_level: str | None
    assured_date: date | None
    time_zone: str | None = None
    weekly_minutes: str = ""

    @property
    def hours(self):
        """Weekly opening hours (a Monday-to-Sunday table) in the place's time zone."""
        return hours_table(decode_ranges(self.weekly_minutes))


@dataclass(frozen=True)
class SearchResults:
    """One page of hits. ``total`` is exact when known, None when only "more" is known."""

    query: SearchQuery
    hits: list[SearchHit]
    total: int | None
    has_next: bool
    virtual_hits: list[SearchHit]
    searched_radius_miles: float | None
    more_virtual: bool = False  # more online services than ``virtual_hits`` shows

    @property
    def page(self) -> int:
        return self.query.page

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1

    @property
    def first_index(self) -> int:
        return (self.query.page - 1) * self.query.per_page + 1 if self.hits else 0

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.hits) - 1 if self.hits else 0


def search(session, query: SearchQuery, now: datetime | None = None) -> SearchResults:
    """Run ``query`` on the index and return one page of results."""
    flush_pending(session)
    now = now or datetime.now(UTC)
    connection = session.connection()
    virtual: list[SearchHit] = []
    if query.has_point:
        if query.wants_virtual:
            virtual = _virtual_hits(connection, query, now, limited=query.wants_in_person)
        if query.wants_in_person:
            if connection.dialect.name == "postgresql" and _postgis(session):
                results = _nearest_postgis(connection, query, now, virtual[:VIRTUAL_LIMIT])
            elif connection.dialect.name == "sqlite":
                results = _nearest_sqlite(connection, query, now, virtual[:VIRTUAL_LIMIT])
            else:
                results = _nearest_by_box(connection, query, now, virtual[:VIRTUAL_LIMIT])
            return replace(results, more_virtual=len(virtual) > VIRTUAL_LIMIT)
        return _paginate_list(query, virtual, None, [])
    return _ranked(connection, query, now)


# --- keyword -------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def keyword_tokens(keyword: str) -> list[str]:
    """Search words of a keyword (at most eight; punctuation and operators dropped)."""
    return [word for word in _WORD.findall(keyword.lower()) if word][:8]


def _fts5_query(tokens: list[str]) -> str:
    # Each word quoted, so no FTS syntax gets through. No prefix matching: with stemming it
    # turns "housing" into "hous*", which finds "Houston"; the stemmer already matches
    # "families" with "family".
    return " ".join(f'"{token}"' for token in tokens)


def _keyword_matches(connection: Connection, ids: list[int], tokens: list[str]) -> set[int]:
    """Which of these entries (SQLite) match the keyword: FTS5 looks up each row id, which
    for a few hundred candidates is far cheaper than listing every match of a common word."""
    if not ids:
        return set()
    marks = ",".join(str(int(i)) for i in ids)
    return set(connection.execute(
        text(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH :q AND rowid IN ({marks})"),
        {"q": _fts5_query(tokens)},
    ).scalars())


def keyword_condition(connection: Connection, tokens: list[str]):
    """SQL condition: the entry matches every keyword word (FTS5 on SQLite, tsvector else)."""
    if connection.dialect.name == "sqlite":
        return T.id.in_(
            select(text("rowid")).select_from(text(FTS)).where(
                text(f"{FTS} MATCH :fts_query")
            ).params(fts_query=_fts5_query(tokens))
        )
    tsquery = " & ".join(tokens)
    return text("search_vector @@ to_tsquery('english', :ts_query)").bindparams(
        ts_query=tsquery
    )


# --- hits ----------------------------------------------------------------------------------

def _hit(row, distance: float | None, now: datetime) -> SearchHit:
    return SearchHit(
        service_id=row.service_id, name=row.name, organization_name=row.organization_name,
        location_name=row.location_name, address=row.address, city=row.city, state=row.state,
        phone=row.phone, summary=row.summary,
        categories=tuple(name for name in (row.category_names or "").split("|") if name),
        latitude=row.latitude, longitude=row.longitude,
        distance_miles=distance, is_virtual=bool(row.is_virtual),
        open_now=is_open(row.weekly_minutes, row.time_zone, now),
        accepting_new_clients=row.accepting_new_clients, beds_total=row.beds_total,
        beds_available=row.beds_available, availability_updated_at=row.availability_updated_at,
        allows_mat=row.allows_mat, narr_level=row.narr_level, assured_date=row.assured_date,
        time_zone=row.time_zone, weekly_minutes=row.weekly_minutes or "",
    )


def _passes_python_filters(query: SearchQuery, row, now: datetime) -> bool:
    return not query.open_now or is_open(row.weekly_minutes, row.time_zone, now) is True


def _paginate_list(query, hits, total, virtual, radius=None) -> SearchResults:
    start = (query.page - 1) * query.per_page
    page_hits = hits[start:start + query.per_page]
    has_next = len(hits) > start + query.per_page
    return SearchResults(query, page_hits, total if total is not None else len(hits),
                         has_next, virtual, radius)


# --- nearest first, by bounding boxes --------------------------------------------------------

def _box_candidates(connection: Connection, lat: float, lon: float, radius: float):
    """(id, latitude, longitude) of in-person entries in the box around the point."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius + BOX_MARGIN_MILES)
    if connection.dialect.name == "sqlite":
        sql = text(
            f"SELECT id, min_lat, min_lon FROM {RTREE} WHERE max_lat >= :a AND min_lat <= :b "
            "AND max_lon >= :c AND min_lon <= :d"
        )
        params = {"a": min_lat, "b": max_lat, "c": min_lon, "d": max_lon}
        rows = connection.execute(sql, params).all()
        if min_lon > max_lon:  # the box crosses the antimeridian: two boxes
            rows = connection.execute(sql, {**params, "d": 180.0}).all() + connection.execute(
                sql, {**params, "c": -180.0}).all()
        return rows
    where = [T.latitude.between(min_lat, max_lat), T.is_virtual.is_(False)]
    if min_lon <= max_lon:
        where.append(T.longitude.between(min_lon, max_lon))
    else:
        where.append((T.longitude >= min_lon) | (T.longitude <= max_lon))
    return connection.execute(select(T.id, T.latitude, T.longitude).where(*where)).all()


def _nearest_by_box(connection, query: SearchQuery, now, virtual) -> SearchResults:
    lat, lon, limit = query.latitude, query.longitude, query.radius_miles
    needed = query.page * query.per_page + 1
    conditions = filter_conditions(query)
    tokens = keyword_tokens(query.keyword)
    per_row_keyword = bool(tokens) and connection.dialect.name == "sqlite"
    if tokens and not per_row_keyword:
        conditions.append(keyword_condition(connection, tokens))
    best: dict[str, tuple[float, object]] = {}  # service -> (distance, row), nearest place
    checked: set[int] = set()
    radius = min(START_RADIUS_MILES, limit)
    while True:
        fresh = []
        for id_, c_lat, c_lon in _box_candidates(connection, lat, lon, radius):
            if id_ in checked:
                continue
            distance = great_circle_miles(lat, lon, c_lat, c_lon)
            if distance <= radius + BOX_MARGIN_MILES:
                fresh.append((distance, id_))
        fresh.sort()
        for start in range(0, len(fresh), BATCH):
            ids = [id_ for _, id_ in fresh[start:start + BATCH]]
            checked.update(ids)
            if per_row_keyword:
                matching = _keyword_matches(connection, ids, tokens)
                ids = [id_ for id_ in ids if id_ in matching]
                if not ids:
                    continue
            rows = connection.execute(select(*HIT_COLUMNS).where(T.id.in_(ids), *conditions))
            for row in rows:
                distance = great_circle_miles(lat, lon, row.latitude, row.longitude)
                if distance > limit or not _passes_python_filters(query, row, now):
                    continue
                current = best.get(row.service_id)
                if current is None or distance < current[0]:
                    best[row.service_id] = (distance, row)
        confirmed = sum(1 for distance, _ in best.values() if distance <= radius)
        if confirmed >= needed or radius >= limit:
            break
        radius = min(radius * GROWTH, limit)
    ordered = sorted(best.values(), key=lambda item: (item[0], item[1].name))
    hits = [_hit(row, distance, now) for distance, row in ordered if distance <= radius]
    total = len(hits) if radius >= limit else None
    start = (query.page - 1) * query.per_page
    return SearchResults(query, hits[start:start + query.per_page], total,
                         len(hits) > start + query.per_page, virtual, radius)


# --- nearest first, SQLite: R*Tree joined with the filters ---------------------------------

_RTREE = table(RTREE, column("id"), column("min_lat"), column("max_lat"), column("min_lon"),
               column("max_lon"))
NARROW_COLUMNS = (T.id, T.service_id, T.name, T.latitude, T.longitude, T.time_zone,
                  T.weekly_minutes)


def _in_box(lat: float, lon: float, radius: float):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius + BOX_MARGIN_MILES)
    box = [_RTREE.c.max_lat >= min_lat, _RTREE.c.min_lat <= max_lat]
    if min_lon <= max_lon:
        box += [_RTREE.c.max_lon >= min_lon, _RTREE.c.min_lon <= max_lon]
    else:  # across the antimeridian
        box.append((_RTREE.c.max_lon >= min_lon) | (_RTREE.c.min_lon <= max_lon))
    return T.id.in_(select(_RTREE.c.id).where(*box))


def _nearest_sqlite(connection, query: SearchQuery, now, virtual) -> SearchResults:
    """One query per growth step: the R*Tree box and every SQL filter together, returning
    narrow rows; distances in Python; the keyword checked in distance order, only as far as
    needed; full rows read for the page alone."""
    lat, lon, limit = query.latitude, query.longitude, query.radius_miles
    needed = query.page * query.per_page + 1
    conditions = filter_conditions(query)
    tokens = keyword_tokens(query.keyword)
    found: dict[str, tuple[float, str, int]] = {}  # service -> (distance, name, entry id)
    processed: set[int] = set()
    radius = min(START_RADIUS_MILES, limit)
    while True:
        candidates = []
        for row in connection.execute(
            select(*NARROW_COLUMNS).where(_in_box(lat, lon, radius), *conditions)
        ):
            if row.id in processed:
                continue
            distance = great_circle_miles(lat, lon, row.latitude, row.longitude)
            if distance <= min(radius, limit):
                candidates.append((distance, row))
        candidates.sort(key=lambda item: (item[0], item[1].name))
        complete = True
        for start in range(0, len(candidates), BATCH):
            chunk = candidates[start:start + BATCH]
            processed.update(row.id for _, row in chunk)
            matching = _keyword_matches(connection, [row.id for _, row in chunk], tokens) if (
                tokens) else None
            for distance, row in chunk:
                if matching is not None and row.id not in matching:
                    continue
                if row.service_id in found or not _passes_python_filters(query, row, now):
                    continue
                found[row.service_id] = (distance, row.name, row.id)
            if len(found) >= needed:
                complete = start + BATCH >= len(candidates)
                break
        if len(found) >= needed or radius >= limit:
            break
        radius = min(radius * GROWTH, limit)
    ordered = sorted(found.values())
    start = (query.page - 1) * query.per_page
    page = ordered[start:start + query.per_page]
    rows = {row.id: row for row in connection.execute(
        select(*HIT_COLUMNS).where(T.id.in_([entry for _, _, entry in page])))} if page else {}
    hits = [_hit(rows[entry], distance, now) for distance, _, entry in page]
    exhaustive = radius >= limit and complete and len(found) < needed
    return SearchResults(query, hits, len(ordered) if exhaustive else None,
                         len(ordered) > start + query.per_page, virtual, radius)


# --- nearest first, PostGIS ----------------------------------------------------------------

def _nearest_postgis(connection, query: SearchQuery, now, virtual) -> SearchResults:
    lat, lon, limit = query.latitude, query.longitude, query.radius_miles
    needed = query.page * query.per_page + 1
    conditions = [T.is_virtual.is_(False), *filter_conditions(query)]
    tokens = keyword_tokens(query.keyword)
    if tokens:
        conditions.append(keyword_condition(connection, tokens))
    best: dict[str, tuple[float, object]] = {}
    offset, batch, exhausted = 0, max(needed * 2, 50), False
    while True:
        rows = connection.execute(
            select(*HIT_COLUMNS).where(*conditions)
            .order_by(text("geog <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography")
                      .bindparams(lon=lon, lat=lat))
            .limit(batch).offset(offset)
        ).all()
        offset += len(rows)
        beyond = False
        for row in rows:
            distance = great_circle_miles(lat, lon, row.latitude, row.longitude)
            if distance > limit + 0.5:  # index order is spheroidal; a small margin suffices
                beyond = True
                continue
            if distance > limit or not _passes_python_filters(query, row, now):
                continue
            current = best.get(row.service_id)
            if current is None or distance < current[0]:
                best[row.service_id] = (distance, row)
        exhausted = len(rows) < batch or beyond
        if exhausted or len(best) >= needed:
            break
        batch *= 2
    ordered = sorted(best.values(), key=lambda item: (item[0], item[1].name))
    hits = [_hit(row, distance, now) for distance, row in ordered]
    start = (query.page - 1) * query.per_page
    return SearchResults(query, hits[start:start + query.per_page],
                         len(hits) if exhausted else None,
                         len(hits) > start + query.per_page, virtual, limit)


# --- virtual services covering the point -----------------------------------------------------

def _covers(row, query: SearchQuery) -> bool:
    codes = (row.area_codes or "").split()  # lower-case tokens, e.g. "us-or"
    if "us" in codes or (query.region_code and query.region_code.lower() in codes):
        return True
    if row.area_geojson:
        try:
            polygons = json.loads(row.area_geojson)
        except ValueError:
            return False
        return any(point_in_geometry(query.longitude, query.latitude, p) for p in polygons)
    return False


def point_in_geometry(lon: float, lat: float, geometry: dict) -> bool:
    """Ray casting on a GeoJSON Polygon or MultiPolygon (outer rings minus holes)."""
    kind = geometry.get("type")
    polygons = [geometry.get("coordinates")] if kind == "Polygon" else (
        geometry.get("coordinates") if kind == "MultiPolygon" else [])
    for rings in polygons or []:
        if rings and _in_ring(lon, lat, rings[0]) and not any(
                _in_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


def _in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _virtual_hits(connection, query: SearchQuery, now, limited: bool) -> list[SearchHit]:
    conditions = [T.is_virtual.is_(True), *filter_conditions(query)]
    tokens = keyword_tokens(query.keyword)
    per_row_keyword = bool(tokens) and connection.dialect.name == "sqlite"
    if tokens and not per_row_keyword:
        conditions.append(keyword_condition(connection, tokens))
    area = T.area_codes.contains(" us ", autoescape=True)
    if query.region_code:
        area = area | T.area_codes.contains(f" {query.region_code.lower()} ", autoescape=True)
    area = area | (
        (T.area_min_lat <= query.latitude) & (T.area_max_lat >= query.latitude)
        & (T.area_min_lon <= query.longitude) & (T.area_max_lon >= query.longitude)
    )
    statement = select(*VIRTUAL_COLUMNS).where(*conditions, area).order_by(T.name, T.service_id)
    seen, hits = set(), []
    # Beside nearby results only a few are shown: read in name order and stop when one more
    # than that is found (it tells the page there are more), rather than reading them all.
    wanted = VIRTUAL_LIMIT + 1 if limited else None
    offset, batch = 0, VIRTUAL_BATCH
    while True:
        rows = connection.execute(statement.limit(batch).offset(offset)).all()
        offset += len(rows)
        matching = _keyword_matches(connection, [r.id for r in rows], tokens) if (
            per_row_keyword) else None
        for row in rows:
            if matching is not None and row.id not in matching:
                continue
            if row.service_id in seen or not _covers(row, query):
                continue
            if not _passes_python_filters(query, row, now):
                continue
            seen.add(row.service_id)
            hits.append(_hit(row, None, now))
        if len(rows) < batch or (wanted is not None and len(hits) >= wanted):
            return hits
        batch *= 2


# --- no point: relevance or name ------------------------------------------------------------

def _ranked(connection, query: SearchQuery, now) -> SearchResults:
    conditions = filter_conditions(query)
    tokens = keyword_tokens(query.keyword)
    sort = query.effective_sort
    if tokens:
        conditions.append(keyword_condition(connection, tokens))
    rank = None
    if tokens and sort == "relevance":
        if connection.dialect.name == "sqlite":
            rank = (
                select(func.bm25(literal_column(FTS))).select_from(text(FTS))
                .where(text(f"{FTS} MATCH :rank_query").bindparams(
                    rank_query=_fts5_query(tokens)))
                .where(literal_column(f"{FTS}.rowid") == T.id)
                .scalar_subquery()
            )
        else:
            rank = -func.ts_rank(
                literal_column("search_vector"),
                func.to_tsquery("english", " & ".join(tokens)),
            )
    sort_key = (rank if rank is not None else T.name).label("sort_key")
    if query.open_now:
        # "Open now" is decided in Python, so rank every match (no point: a rare, small case).
        rows = connection.execute(select(*HIT_COLUMNS, sort_key).where(*conditions)
                                  .order_by(text("sort_key"), T.service_id)).all()
        seen, hits = set(), []
        for row in rows:
            if row.service_id in seen or not _passes_python_filters(query, row, now):
                continue
            seen.add(row.service_id)
            hits.append(_hit(row, None, now))
        return _paginate_list(query, hits, len(hits), [])
    # One line per service (its best-ranked place), paginated in SQL.
    per_service = (
        select(T.service_id, func.min(sort_key).label("key"), func.min(T.id).label("entry_id"))
        .where(*conditions).group_by(T.service_id).subquery()
    )
    total = connection.execute(select(func.count()).select_from(per_service)).scalar_one()
    page = connection.execute(
        select(per_service.c.entry_id).order_by(per_service.c.key, per_service.c.service_id)
        .limit(query.per_page).offset((query.page - 1) * query.per_page)
    ).scalars().all()
    rows = {row.id: row for row in connection.execute(
        select(*HIT_COLUMNS).where(T.id.in_(page)))} if page else {}
    hits = [_hit(rows[entry_id], None, now) for entry_id in page]
    has_next = total > query.page * query.per_page
    return SearchResults(query, hits, total, has_next, [], None)


def count_entries(session) -> int:
    """How many index rows exist (for status pages and tests)."""
    return session.execute(select(func.count()).select_from(SearchEntry)).scalar_one()
