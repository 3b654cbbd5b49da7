"""Exporting the catalog as HSDS 3.0: JSON files or the tabular (CSV) data package.

What an export writes, an import reads back unchanged, so export → import into an empty
catalog → export gives the same bytes. Records are ordered by id (byte order, on every
database), nested JSON lists too; text is UTF-8.

- ``json``: ``organizations.json`` (full organizations with their locations and services)
  and ``taxonomy_terms.json`` (every term with its taxonomy).
- ``csv``: the 21 HSDS CSV files (header row in the descriptor's field order) and a
  ``datapackage.json`` describing them, our profile's extension columns included.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from directory.catalog.models import (
    Attribute,
    MetadataRecord,
    Organization,
    Program,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.catalog.models import Location as LocationModel
from directory.database import Base, session
from directory.errors import DirectoryError
from directory.interop import serialize, tabular
from directory.interop.dataset import ENTITY_BY_MODEL
from directory.interop.progress import Progress, no_progress
from directory.interop.shape import CHILD_LISTS

FORMATS = ("json", "csv")
ORGANIZATIONS_FILE = "organizations.json"
TERMS_FILE = "taxonomy_terms.json"
CHUNK = 200  # organizations serialized per query batch
# Single nested objects the JSON serializer writes (besides CHILD_LISTS).
_SINGLES: dict[type[Base], list[tuple[str, type[Base]]]] = {
    Service: [("attributes", Attribute), ("program", Program)],
    ServiceAtLocation: [("location", LocationModel)],
    Attribute: [("taxonomy_term", TaxonomyTerm)],
    TaxonomyTerm: [("taxonomy_detail", Taxonomy)],
}


class ExportError(DirectoryError):
    """The export cannot be written where asked."""


@dataclass
class ExportResult:
    """What an export wrote: files, records per HSDS table, and what JSON could not hold."""

    format: str
    files: list[Path] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def export_catalog(folder: str | Path, fmt: str, progress: Progress = no_progress
                   ) -> ExportResult:
    """Write the whole catalog to ``folder`` (created if needed) as ``fmt`` (json or csv).

    Reads only; the JSON export expunges the session's objects as it goes (after a flush),
    so that a large catalog need not fit in memory.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    folder = Path(folder)
    _check_folder(folder, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    session.flush()  # so what this transaction changed is exported too
    return export_csv(folder, progress) if fmt == "csv" else export_json(folder, progress)


def _check_folder(folder: Path, fmt: str) -> None:
    """Refuse a file, and a folder holding the other format (its import would be mixed)."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; give a folder to export into")
    if not folder.is_dir():
        return
    if fmt == "json":
        clash = [p.name for p in folder.iterdir() if tabular.is_package(p)]
    else:
        clash = [p.name for p in folder.glob("*.json") if p.name != tabular.DESCRIPTOR_FILE]
    if clash:
        raise ExportError(f"{folder} already holds {', '.join(sorted(clash))}; export {fmt} "
                          "into an empty folder (or one holding only an earlier "
                          f"{fmt} export)")


def _by_id(model: type[Base]):
    """``ORDER BY id`` in byte order (PostgreSQL's default collation may not be)."""
    column = model.__table__.c.id
    dialect = session.get_bind(mapper=model.__mapper__).dialect.name
    return column.collate("C") if dialect == "postgresql" else column


def _count(model: type[Base]) -> int:
    return session.execute(select(func.count()).select_from(model.__table__)).scalar_one()


# ---- tabular ----------------------------------------------------------------------------


def export_csv(folder: Path, progress: Progress = no_progress) -> ExportResult:
    """The 21 CSV files and our profile's ``datapackage.json``."""
    result = ExportResult("csv")
    total = sum(_count(r.model) for r in tabular.resources() if r.model is not None)
    with progress("Exporting", total) as advance:
        for resource in tabular.resources():
            path = folder / resource.path
            rows = 0
            with path.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(resource.field_names)
                if resource.model is not None:
                    statement = select(resource.model.__table__).order_by(
                        _by_id(resource.model)).execution_options(yield_per=5000)
                    for row in session.execute(statement).mappings():
                        writer.writerow([_cell(row, f) for f in resource.fields])
                        rows += 1
                        if rows % 1000 == 0:
                            advance(1000)
            advance(rows % 1000)
            result.files.append(path)
            result.tables[resource.name] = rows
    result.files.append(tabular.write_descriptor(folder))
    return result


def _cell(row, spec: tabular.Field) -> str:
    if spec.name == "insurance_accepted":
        return tabular.insurance_cell(row)
    return tabular.cell(row[spec.name], spec.type)


# ---- JSON -------------------------------------------------------------------------------


class _Tracked(dict):
    """A lookup that remembers which keys were asked for (to find rows left unwritten)."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.asked: set = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)


def export_json(folder: Path, progress: Progress = no_progress) -> ExportResult:
    """``organizations.json`` and ``taxonomy_terms.json``."""
    result = ExportResult("json")
    metadata = _Tracked()
    for record in session.execute(select(MetadataRecord).order_by(_by_id(MetadataRecord))
                                  ).scalars():
        metadata.setdefault((record.resource_type, record.resource_id), []).append(record)
    attributes = _Tracked()
    side = select(Attribute).where(Attribute.link_entity != "service").options(
        selectinload(Attribute.taxonomy_term).selectinload(TaxonomyTerm.taxonomy_detail))
    for item in session.execute(side.order_by(_by_id(Attribute))).scalars():
        attributes.setdefault((item.link_entity, item.link_id), []).append(item)
    seen: dict[type[Base], set[str]] = {}

    organization_ids = list(session.execute(
        select(Organization.id).order_by(_by_id(Organization))).scalars())
    path = folder / ORGANIZATIONS_FILE
    with path.open("w", encoding="utf-8", newline="\n") as stream, \
            progress("Exporting", len(organization_ids)) as advance:
        stream.write("[")
        for start in range(0, len(organization_ids), CHUNK):
            keys = organization_ids[start:start + CHUNK]
            found = session.execute(select(Organization).where(Organization.id.in_(keys))
                                    .options(*_load_options(Organization))).scalars()
            by_id = {organization.id: organization for organization in found}
            for key in keys:
                organization = by_id[key]
                data = serialize.organization(organization, metadata=metadata,
                                              attributes=attributes)
                _reachable(organization, seen)
                stream.write(("\n" if start == 0 and key == keys[0] else ",\n")
                             + textwrap.indent(_dumps(data), "  "))
            advance(len(keys))
            session.expunge_all()  # a large catalog need not stay in memory
        stream.write("\n]\n" if organization_ids else "]\n")
    result.files.append(path)

    terms = session.execute(select(TaxonomyTerm).order_by(_by_id(TaxonomyTerm))
                            .options(selectinload(TaxonomyTerm.taxonomy_detail))).scalars().all()
    path = folder / TERMS_FILE
    path.write_text(_dumps([serialize.taxonomy_term(term) for term in terms]) + "\n",
                    encoding="utf-8")
    for term in terms:
        _reachable(term, seen)
    result.files.append(path)

    written = Counter({model: len(ids) for model, ids in seen.items()})
    written[MetadataRecord] = sum(len(metadata[key]) for key in metadata.asked if key in metadata)
    written[Attribute] += sum(len(attributes[key]) for key in attributes.asked
                              if key in attributes)
    for model in (r.model for r in tabular.resources() if r.model is not None):
        stored = _count(model)
        result.tables[ENTITY_BY_MODEL[model]] = min(written[model], stored)
        if written[model] < stored:
            result.left_out.append(
                f"{stored - written[model]} {ENTITY_BY_MODEL[model]} record(s) belong to "
                "nothing HSDS JSON nests them in; the csv format keeps them")
    return result


def _load_options(model: type[Base], path=None, depth: int = 0) -> list:
    """Eager loading of everything the serializer walks (one query per relationship and
    batch, instead of one per object)."""
    options = []
    relations = list(CHILD_LISTS.get(model, {}).items()) + _SINGLES.get(model, [])
    for key, child in relations:
        if depth > 6:
            break
        attribute = getattr(model, key)
        option = path.selectinload(attribute) if path is not None else selectinload(attribute)
        options.append(option)
        options.extend(_load_options(child, option, depth + 1))
    return options


def _reachable(obj: Base, seen: dict[type[Base], set[str]]) -> None:
    """Note every object the JSON holds (locations appear twice: under their organization
    and where services are offered)."""
    ids = seen.setdefault(type(obj), set())
    if obj.id in ids:
        return
    ids.add(obj.id)
    for name, _child in list(CHILD_LISTS.get(type(obj), {}).items()) + _SINGLES.get(
            type(obj), []):
        value = getattr(obj, name)
        for child in value if isinstance(value, list) else [value] if value else []:
            _reachable(child, seen)


def _dumps(data: Any) -> str:
    return json.dumps(_sorted(data), indent=2, ensure_ascii=False)


def _sorted(data: Any) -> Any:
    """Lists of records ordered by id, at every depth (the catalog keeps no list order)."""
    if isinstance(data, dict):
        return {key: _sorted(value) for key, value in data.items()}
    if isinstance(data, list):
        items = [_sorted(item) for item in data]
        if items and all(isinstance(item, dict) and "id" in item for item in items):
            items.sort(key=lambda item: item["id"])
        return items
    return data
