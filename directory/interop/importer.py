"""Importing HSDS 3.0 data into the catalog: JSON files or a tabular (CSV) data package.

All or nothing: every file is read and checked first and every problem is reported (file,
record or row, field, reason); only a clean input is written, in the caller's transaction.
Records are upserted by id, so importing the same data twice changes nothing. Records the
catalog holds but the input does not are kept, unless ``prune`` deletes them (in the same
transaction). Locations without coordinates are geocoded from their address.

Writing: a tabular package, or any input into an empty catalog, goes through the bulk
upsert (``bulk.py``) and the search index is rebuilt for what it touched. JSON into a
catalog that already has records is merged through the ORM instead, so that a record's
nested lists replace the stored ones (a phone dropped from a service's list is deleted),
as ``flask directory seed`` does.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError

from directory.catalog.models import (
    Address,
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.database import session
from directory.geo import get_geocoder
from directory.interop import bulk, tabular
from directory.interop.dataset import (
    CATALOG_MODELS,
    Dataset,
    chunks,
    existing_ids,
    from_graph,
    reference_problems,
)
from directory.interop.hsds_json import Graph, read_paths, write_graph
from directory.interop.indexing import index_imported
from directory.interop.problems import DataLoadError, Problem
from directory.interop.progress import Progress, no_progress
from directory.search.indexer import rebuild_index, reindex_services

US = {"US", "USA"}
#: Above this share of the catalog's services, rebuilding the whole index is cheaper.
REBUILD_SHARE = 0.5


@dataclass
class GeocodeNote:
    """What the geocoder made of one location's address."""

    location_id: str
    location_name: str | None
    query: str
    answer: str | None = None  # e.g. "Portland, OR 97209"; None when not found
    precision: str | None = None  # "zip", "city", "address" ...
    approximate: bool = False
    latitude: float | None = None
    longitude: float | None = None
    time_zone: str | None = None  # filled in from the gazetteer when the input had none
    reason: str | None = None  # why it was not geocoded


@dataclass
class ImportReport:
    """What an import read, wrote (or, in a dry run, would write) and noticed."""

    format: str
    files: list[str]
    dry_run: bool = False
    #: HSDS table -> (rows in the input, of which new to the catalog), in the package order.
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: HSDS table -> records deleted (or, in a dry run, to delete) by ``prune``.
    pruned: dict[str, int] = field(default_factory=dict)
    geocoded: list[GeocodeNote] = field(default_factory=list)
    not_geocoded: list[GeocodeNote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bulk: bool = False  # written by the bulk upsert rather than the ORM merge
    indexed: int = 0  # services whose search index rows were rebuilt here

    @property
    def approximate(self) -> list[GeocodeNote]:
        return [note for note in self.geocoded if note.approximate]

    def count(self, table: str) -> int:
        return self.tables.get(table, (0, 0))[0]


def import_catalog(paths: Iterable[str | Path], *, prune: bool = False, dry_run: bool = False,
                   progress: Progress = no_progress, geocoder=None) -> ImportReport:
    """Check and import HSDS data from ``paths`` (JSON files, folders, or a tabular package).

    Raises :class:`DataLoadError` listing every problem, having written nothing. A dry run
    checks and geocodes and reports what it would write, and writes nothing.
    """
    with _paused_gc():
        return _import(paths, prune, dry_run, progress, geocoder)


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a million rows are held: each collection would scan
    them all (three times faster without), and the rows hold no reference cycles to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(paths: Iterable[str | Path], prune: bool, dry_run: bool, progress: Progress,
            geocoder) -> ImportReport:
    paths = [Path(p) for p in paths]
    kind = input_format(paths)
    graph: Graph | None = None
    if kind == "json":
        graph = read_paths(paths, references_in_input=prune, progress=progress)
        dataset = from_graph(graph)
        files = [str(p) for p in graph.files]
    else:
        dataset, files = read_package(paths, prune=prune, progress=progress)
    report = ImportReport(kind, files, dry_run=dry_run, notes=list(dataset.notes))
    _geocode(dataset, geocoder or get_geocoder(), report, progress)
    empty = catalog_is_empty()
    for resource in tabular.resources():  # in the HSDS package's order
        rows = dataset.rows(resource.model) if resource.model else {}
        if rows:
            new = len(rows) if empty else len(rows) - len(existing_ids(session, resource.model,
                                                                       rows))
            report.tables[resource.name] = (len(rows), new)
    absent = bulk.absent_ids(session, dataset) if prune and not empty else {}
    report.pruned = {resource.name: len(absent[resource.model])
                     for resource in tabular.resources() if resource.model in absent}
    if dry_run:
        return report

    report.bulk = graph is None or empty
    try:
        if report.bulk:
            total = sum(len(rows) for rows in dataset.tables.values())
            with progress("Writing", total) as advance:
                if empty:
                    bulk.insert_dataset(session, dataset, advance)
                else:
                    bulk.write_dataset(session, dataset, advance)
        else:
            assert graph is not None
            _geocodes_to_graph(report, graph)
            write_graph(graph, progress)
        bulk.delete_rows(session, absent)
        session.flush()
    except (IntegrityError, DataError) as error:  # something the checks let through
        session.rollback()
        raise DataLoadError([Problem(", ".join(files), "-", "-",
                                     f"the database refused the data: {error.orig}")]) from error
    report.indexed = _index(dataset, report, progress, rebuild=empty or bool(absent))
    return report


def input_format(paths: list[Path]) -> str:
    """``csv`` when every path is (part of) a tabular package, ``json`` when none is."""
    if not paths:
        raise DataLoadError([Problem("-", "-", "-", "no input given")])
    tabular_paths = [p for p in paths if tabular.is_package(p)]
    if not tabular_paths:
        return "json"
    if len(tabular_paths) == len(paths):
        return "csv"
    raise DataLoadError([Problem(str(p), "-", "-", "JSON and a tabular package cannot be "
                                 "imported together; import them one after the other")
                         for p in paths if p not in tabular_paths])


def read_package(paths: list[Path], *, prune: bool = False,
                 progress: Progress = no_progress) -> tuple[Dataset, list[str]]:
    """Read and check a tabular package; raises :class:`DataLoadError` with every problem."""
    dataset = Dataset()
    problems: list[Problem] = []
    files = tabular.package_files(paths, dataset, problems)
    total = sum(tabular.count_rows(path) for _, path in files)
    with progress("Reading", total) as advance:
        for resource, path in files:
            tabular.read_table(resource, path, dataset, problems, advance)
    with progress("Checking references", 1) as advance:
        problems.extend(reference_problems(session, dataset, input_only=prune))
        advance(1)
    if not files and not problems:
        problems.append(Problem(", ".join(map(str, paths)), "-", "-",
                                "no HSDS table (CSV file) found"))
    if problems:
        order = {str(path): index for index, (_, path) in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, -1), _row_number(p.record)))
        raise DataLoadError(problems)
    return dataset, [str(path) for _, path in files]


def _row_number(record: str) -> int:
    """2 for "row 2 (id ...)": problems are listed file by file, row by row."""
    parts = record.split(maxsplit=2)
    return int(parts[1]) if len(parts) > 1 and parts[0] == "row" and parts[1].isdigit() else 0


def catalog_is_empty() -> bool:
    return all(session.execute(select(model.id).limit(1)).first() is None
               for model in CATALOG_MODELS)


# ---- geocoding -------------------------------------------------------------------------


def _address_query(address: dict) -> str:
    street = ", ".join(part for part in (address.get("address_1"), address.get("address_2"))
                       if part)
    place = " ".join(part for part in (address.get("state_province"),
                                       address.get("postal_code")) if part)
    return ", ".join(part for part in (street, address.get("city"), place) if part)


def _geocode(dataset: Dataset, geocoder, report: ImportReport, progress: Progress) -> None:
    """Give locations without coordinates those of their (physical) address."""
    addresses: dict[str, list[dict]] = {}
    for row in sorted(dataset.rows(Address).values(), key=lambda row: row["id"]):
        if row.get("location_id"):
            addresses.setdefault(row["location_id"], []).append(row)
    wanted = []
    for key in sorted(dataset.rows(Location)):
        row = dataset.rows(Location)[key]
        if row.get("latitude") is not None or row.get("location_type") == "virtual":
            continue
        places = addresses.get(key)
        if places:
            physical = [a for a in places if a.get("address_type") in (None, "physical")]
            wanted.append((row, (physical or places)[0]))
    if not wanted:
        return
    with progress("Geocoding", len(wanted)) as advance:
        for row, address in wanted:
            advance(1)
            note = GeocodeNote(row["id"], row.get("name"), _address_query(address))
            # Not placed: no coordinates (rather than those an earlier import found for what
            # may have been another address).
            row["latitude"] = row["longitude"] = None
            if (address.get("country") or "US").upper() not in US:
                note.reason = "outside the United States (the gazetteer covers the US only)"
                report.not_geocoded.append(note)
                continue
            found = geocoder.geocode(note.query)
            if isinstance(found, list):
                found = found[0] if found else None
            if found is None:
                note.reason = "address not found"
                report.not_geocoded.append(note)
                continue
            raw = found.raw or {}
            note.answer = found.address
            note.precision = raw.get("precision")
            note.approximate = bool(raw.get("approximate")) or note.precision in ("zip", "city")
            note.latitude, note.longitude = found.latitude, found.longitude
            row["latitude"], row["longitude"] = note.latitude, note.longitude
            if not row.get("time_zone") and raw.get("timezone"):
                row["time_zone"] = note.time_zone = raw["timezone"]
            report.geocoded.append(note)


def _geocodes_to_graph(report: ImportReport, graph: Graph) -> None:
    for note in report.not_geocoded:
        location = graph.objects[(Location, note.location_id)]
        location.latitude = location.longitude = None
    for note in report.geocoded:
        location = graph.objects[(Location, note.location_id)]
        location.latitude, location.longitude = note.latitude, note.longitude
        if note.time_zone:
            location.time_zone = note.time_zone


# ---- the search index -------------------------------------------------------------------


def _index(dataset: Dataset, report: ImportReport, progress: Progress, *,
           rebuild: bool) -> int:
    """Bring the search index up to date after Core writes (the ORM's flush hook does not
    see them). A merged JSON import is indexed by that hook at commit instead."""
    if not report.bulk and not rebuild:
        return 0
    if report.bulk and rebuild and not report.pruned:  # into an empty catalog
        with progress("Indexing", len(dataset.rows(Service))) as advance:
            return index_imported(session, dataset, advance)
    total = session.execute(select(func.count(Service.id))).scalar_one()
    touched = set() if rebuild else touched_services(dataset)
    if rebuild or len(touched) > REBUILD_SHARE * total:
        return rebuild_index(session)
    reindex_services(session, touched)
    return len(touched)


def touched_services(dataset: Dataset) -> set[str]:
    """Services whose search rows may show something the input changed."""
    services = dataset.ids(Service)
    locations = dataset.ids(Location)
    places = dataset.ids(ServiceAtLocation)
    for rows in dataset.tables.values():
        for row in rows.values():
            services.add(row.get("service_id"))
            locations.add(row.get("location_id"))
            places.add(row.get("service_at_location_id"))
    services |= {row["link_id"] for row in dataset.rows(Attribute).values()
                 if row.get("link_entity") == "service"}
    sal = ServiceAtLocation.__table__
    queries = [
        (sal.c.service_id, sal.c.location_id, locations),
        (sal.c.service_id, sal.c.id, places),
        (Service.__table__.c.id, Service.__table__.c.organization_id,
         dataset.ids(Organization)),
        (Attribute.__table__.c.link_id, Attribute.__table__.c.taxonomy_term_id,
         dataset.ids(TaxonomyTerm)),
    ]
    for wanted, column, keys in queries:
        keys.discard(None)
        for chunk in chunks(sorted(keys)):
            statement = select(wanted).where(column.in_(chunk))
            if column is Attribute.__table__.c.taxonomy_term_id:
                statement = statement.where(Attribute.__table__.c.link_entity == "service")
            services |= set(session.execute(statement).scalars())
    services.discard(None)
    return services

