"""Keeping the search index in step with the catalog, on every write.

After each flush the services touched by the flushed objects are remembered on the session;
before the transaction commits (or before a search runs in the same transaction) their index
rows are rebuilt. So the index can never show a state the catalog did not commit.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, event, insert, select, text
from sqlalchemy.orm import Session, selectinload

from directory.catalog.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.search.documents import service_documents
from directory.search.models import SearchEntry
from directory.search.structures import FTS, RTREE, has_postgis_column

PENDING_KEY = "directory_search_pending"
BATCH = 500
_TABLE = SearchEntry.__table__
ENTRY_COLUMNS = [column.key for column in _TABLE.columns if column.key != "id"]
_DEFAULTS = {
    column.key: (column.default.arg if column.default is not None else None)
    for column in _TABLE.columns
}
CATALOG_TYPES = (
    Service, ServiceAtLocation, Location, Address, Accessibility, Language, Schedule, Phone,
    CostOption, ServiceArea, RequiredDocument, Contact, Attribute, TaxonomyTerm, Organization,
)


def full_row(document: dict[str, Any]) -> dict[str, Any]:
    """An index row with every column present (executemany needs uniform keys)."""
    return {key: document.get(key, _DEFAULTS[key]) for key in ENTRY_COLUMNS}


def insert_documents(session: Session, documents: Iterable[dict[str, Any]]) -> int:
    """Insert index rows and their R*Tree/FTS5 or tsvector/PostGIS companions."""
    rows = [full_row(document) for document in documents]
    if not rows:
        return 0
    connection = session.connection()
    dialect = connection.dialect.name
    result = connection.execute(
        insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True), rows
    )
    ids = [row[0] for row in result]
    if dialect == "sqlite":
        points = [
            {"id": id_, "lat": row["latitude"], "lon": row["longitude"]}
            for id_, row in zip(ids, rows, strict=True) if row["latitude"] is not None
        ]
        if points:
            connection.execute(
                text(f"INSERT INTO {RTREE} (id, min_lat, max_lat, min_lon, max_lon) "
                     "VALUES (:id, :lat, :lat, :lon, :lon)"), points)
        connection.execute(
            text(f"INSERT INTO {FTS} (rowid, search_text) VALUES (:id, :text)"),
            [{"id": id_, "text": row["search_text"]} for id_, row in zip(ids, rows, strict=True)],
        )
    elif dialect == "postgresql":
        for chunk in _chunks(ids, 5000):
            connection.execute(
                text("UPDATE dir_search_entry SET search_vector = "
                     "to_tsvector('english', search_text) WHERE id = ANY(:ids)"),
                {"ids": chunk},
            )
            if _postgis(session):
                connection.execute(
                    text("UPDATE dir_search_entry SET geog = "
                         "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography "
                         "WHERE id = ANY(:ids) AND latitude IS NOT NULL"),
                    {"ids": chunk},
                )
    return len(ids)


def delete_entries(session: Session, service_ids: Iterable[str]) -> None:
    """Remove the index rows of these services (and their companions)."""
    connection = session.connection()
    for chunk in _chunks(list(service_ids), BATCH):
        if connection.dialect.name == "sqlite":
            entry_ids = select(_TABLE.c.id).where(_TABLE.c.service_id.in_(chunk))
            ids = [row[0] for row in connection.execute(entry_ids)]
            for id_chunk in _chunks(ids, BATCH):
                marks = ",".join(str(int(i)) for i in id_chunk)
                connection.execute(text(f"DELETE FROM {RTREE} WHERE id IN ({marks})"))
                connection.execute(text(f"DELETE FROM {FTS} WHERE rowid IN ({marks})"))
        connection.execute(delete(_TABLE).where(_TABLE.c.service_id.in_(chunk)))


def _load_services(session: Session, service_ids: list[str]) -> list[Service]:
    sal = selectinload(Service.service_at_locations)
    location = sal.selectinload(ServiceAtLocation.location)
    return list(session.execute(
        select(Service).where(Service.id.in_(service_ids)).options(
            selectinload(Service.organization),
            selectinload(Service.attributes).selectinload(Attribute.taxonomy_term)
            .selectinload(TaxonomyTerm.parent),
            selectinload(Service.languages), selectinload(Service.schedules),
            selectinload(Service.phones), selectinload(Service.service_areas),
            sal.selectinload(ServiceAtLocation.schedules),
            sal.selectinload(ServiceAtLocation.phones),
            location.selectinload(Location.addresses),
            location.selectinload(Location.languages),
            location.selectinload(Location.accessibility),
            location.selectinload(Location.schedules),
            location.selectinload(Location.phones),
        ).execution_options(populate_existing=True)
    ).scalars())


def reindex_services(session: Session, service_ids: Iterable[str]) -> None:
    """Rebuild the index rows of these services from the catalog."""
    ids = sorted(set(service_ids))
    for chunk in _chunks(ids, BATCH):
        delete_entries(session, chunk)
        documents = [doc for service in _load_services(session, chunk)
                     for doc in service_documents(service)]
        insert_documents(session, documents)


def rebuild_index(session: Session) -> int:
    """Drop and rebuild the whole index; returns the number of services indexed."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {RTREE}"))
        connection.execute(text(f"DELETE FROM {FTS}"))
    connection.execute(delete(_TABLE))
    ids = list(session.execute(select(Service.id)).scalars())
    session.info.pop(PENDING_KEY, None)
    for chunk in _chunks(ids, BATCH):
        documents = [doc for service in _load_services(session, chunk)
                     for doc in service_documents(service)]
        insert_documents(session, documents)
    return len(ids)


def flush_pending(session: Session) -> None:
    """Bring the index up to date with what this session has flushed so far."""
    session.flush()
    pending = session.info.pop(PENDING_KEY, None)
    if pending:
        reindex_services(session, pending)


_POSTGIS_BY_ENGINE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _postgis(session: Session) -> bool:
    """Whether this database's index has the PostGIS column (looked up once per engine)."""
    engine = session.get_bind(mapper=SearchEntry.__mapper__)
    cached = _POSTGIS_BY_ENGINE.get(engine)
    if cached is None:
        cached = has_postgis_column(session.connection())
        _POSTGIS_BY_ENGINE[engine] = cached
    return cached


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- which services a flushed object touches ----------------------------------------------

def _services_at_locations(connection, location_ids: set[str]) -> set[str]:
    if not location_ids:
        return set()
    sal = ServiceAtLocation.__table__
    found: set[str] = set()
    for chunk in _chunks(sorted(location_ids), BATCH):
        found |= {row[0] for row in connection.execute(
            select(sal.c.service_id).where(sal.c.location_id.in_(chunk)))}
    return found


def _affected_services(session: Session, objects) -> set[str]:
    connection = session.connection()
    services: set[str] = set()
    locations: set[str] = set()
    sals: set[str] = set()
    for obj in objects:
        if isinstance(obj, Service):
            services.add(obj.id)
        elif isinstance(obj, ServiceAtLocation):
            services.add(obj.service_id)
        elif isinstance(obj, Location):
            locations.add(obj.id)
        elif isinstance(obj, Attribute):
            if obj.link_entity == "service":
                services.add(obj.link_id)
        elif isinstance(obj, Organization):
            services |= set(connection.execute(
                select(Service.__table__.c.id).where(
                    Service.__table__.c.organization_id == obj.id)).scalars())
        elif isinstance(obj, TaxonomyTerm):
            attributes = Attribute.__table__
            services |= set(connection.execute(
                select(attributes.c.link_id).where(
                    attributes.c.taxonomy_term_id == obj.id,
                    attributes.c.link_entity == "service")).scalars())
        else:
            for name, bucket in (("service_id", services), ("location_id", locations),
                                 ("service_at_location_id", sals)):
                value = getattr(obj, name, None)
                if value:
                    bucket.add(value)
    if sals:
        table = ServiceAtLocation.__table__
        services |= set(connection.execute(
            select(table.c.service_id).where(table.c.id.in_(sorted(sals)))).scalars())
    services |= _services_at_locations(connection, locations)
    services.discard(None)
    return services


@event.listens_for(Session, "after_flush")
def _remember_touched_services(session: Session, flush_context) -> None:
    touched = [
        obj for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, CATALOG_TYPES)
    ]
    if not touched:
        return
    session.info.setdefault(PENDING_KEY, set()).update(_affected_services(session, touched))


@event.listens_for(Session, "before_commit")
def _reindex_before_commit(session: Session) -> None:
    if session.info.get(PENDING_KEY) or any(
        isinstance(obj, CATALOG_TYPES) for obj in (*session.new, *session.dirty, *session.deleted)
    ):
        flush_pending(session)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


__all__ = ["flush_pending", "insert_documents", "rebuild_index", "reindex_services"]
