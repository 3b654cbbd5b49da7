"""Catalog rows read from an import (either format): per table, id -> column values.

The tabular reader fills a :class:`Dataset` directly; JSON input is flattened into one from the
loader's transient objects. Everything after reading (reference checks, geocoding, the bulk
writer, pruning, counting) works on this one shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.catalog.models import (
    Attribute,
    MetadataRecord,
    Organization,
    TaxonomyTerm,
)
from directory.database import Base
from directory.interop.hsds_json import Graph
from directory.interop.problems import Problem
from directory.interop.shape import CHILD_LISTS, ENTITY_NAMES

#: HSDS table name -> model, for every table we store (``ENTITY_NAMES`` plus the two
#: tables that describe other records).
MODEL_BY_ENTITY: dict[str, type[Base]] = {
    **{name: model for model, name in ENTITY_NAMES.items()},
    "attribute": Attribute,
    "metadata": MetadataRecord,
}
ENTITY_BY_MODEL: dict[type[Base], str] = {model: name for name, model in MODEL_BY_ENTITY.items()}
_MODEL_BY_TABLE = {model.__table__.name: model for model in MODEL_BY_ENTITY.values()}
#: The catalog's models, parents before children (the order rows can be inserted in).
CATALOG_MODELS: tuple[type[Base], ...] = tuple(
    _MODEL_BY_TABLE[table.name] for table in Base.metadata.sorted_tables
    if table.name in _MODEL_BY_TABLE
)
#: Self references: a record's parent of the same table must be written before it.
PARENT_COLUMNS = {Organization: "parent_organization_id", TaxonomyTerm: "parent_id"}
CHUNK = 500  # ids per ``IN (...)`` query: well under every database's parameter limit


def foreign_keys(model: type[Base]) -> list[tuple[str, type[Base]]]:
    """(column, referenced model) of every foreign key of ``model``'s table."""
    return [
        (column.key, _MODEL_BY_TABLE[key.column.table.name])
        for column in model.__table__.columns for key in column.foreign_keys
    ]


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass
class Dataset:
    """Rows of catalog tables read from an input, with the file and record each came from.

    A row holds only the columns the input gave (an update leaves the others alone).
    """

    tables: dict[type[Base], dict[str, dict[str, Any]]] = field(default_factory=dict)
    origins: dict[tuple[type[Base], str], tuple[str, str]] = field(default_factory=dict)
    #: What was read but is not kept (unknown tables or columns), for the import report.
    notes: list[str] = field(default_factory=list)
    #: Tables whose file could not be read at all: references to them cannot be checked.
    unreadable: set[type[Base]] = field(default_factory=set)

    def add(self, model: type[Base], values: dict[str, Any], file: str, record: str) -> None:
        self.tables.setdefault(model, {})[values["id"]] = values
        self.origins.setdefault((model, values["id"]), (file, record))

    def rows(self, model: type[Base]) -> dict[str, dict[str, Any]]:
        return self.tables.get(model, {})

    def ids(self, model: type[Base]) -> set[str]:
        return set(self.tables.get(model, ()))

    def problem(self, model: type[Base], key: str, column: str, message: str) -> Problem:
        file, record = self.origins[(model, key)]
        return Problem(file, record, column, message)


def existing_ids(session: Session, model: type[Base], ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the catalog holds for ``model``."""
    wanted = sorted(set(ids))
    if len(wanted) > 20 * CHUNK:  # cheaper to read every id once than to ask in chunks
        return set(session.execute(select(model.id)).scalars()) & set(wanted)
    found: set[str] = set()
    for chunk in chunks(wanted):
        found |= set(session.execute(select(model.id).where(model.id.in_(chunk))).scalars())
    return found


def reference_problems(session: Session, dataset: Dataset, *, input_only: bool) -> list[Problem]:
    """Ids pointing at records neither in the input nor (unless ``input_only``) in the catalog.

    Covers every foreign key, and an attribute's ``link_entity``/``link_id`` pair.
    """
    problems: list[Problem] = []
    # (model, column, target model, {row id: value}) per reference column.
    references: list[tuple[type[Base], str, type[Base], dict[str, str]]] = []
    for model in CATALOG_MODELS:
        rows = dataset.rows(model)
        if not rows:
            continue
        for column, target in foreign_keys(model):
            values = {key: row[column] for key, row in rows.items()
                      if row.get(column) is not None}
            references.append((model, column, target, values))
        if model is Attribute:
            links: dict[type[Base], dict[str, str]] = {}
            for key, row in rows.items():
                entity = row.get("link_entity")
                target = MODEL_BY_ENTITY.get(entity) if entity else None
                if target is None or target in (Attribute, MetadataRecord):
                    if entity is not None:
                        problems.append(dataset.problem(model, key, "link_entity", (
                            f"{entity!r} is not an HSDS table that attributes link "
                            f"(one of {', '.join(sorted(ENTITY_NAMES.values()))})")))
                elif row.get("link_id") is not None:
                    links.setdefault(target, {})[key] = row["link_id"]
            references += [(model, "link_id", target, values) for target, values in links.items()]
    # Ids neither in the input nor (looked up once per target table) in the catalog.
    unknown: dict[type[Base], set[str]] = {}
    for _model, _column, target, values in references:
        unknown.setdefault(target, set()).update(
            value for value in values.values() if value not in dataset.rows(target))
    if not input_only:
        for target, missing in unknown.items():
            missing -= existing_ids(session, target, missing)
    where = " in the input" if input_only else ""
    for model, column, target, values in references:
        missing = unknown[target]
        if missing and target not in dataset.unreadable:
            problems.extend(
                dataset.problem(model, key, column,
                                f"no {ENTITY_BY_MODEL[target]} with id {value}{where}")
                for key, value in values.items() if value in missing)
    return problems


def from_graph(graph: Graph) -> Dataset:
    """The rows of the loader's transient objects, with the ids that tie children to parents.

    Nested objects need not repeat their parent's id in HSDS JSON: it is taken from the list
    that holds them, as the ORM would on flush.
    """
    dataset = Dataset()
    for (model, key), obj in graph.objects.items():
        values = {column.key: obj.__dict__[column.key]
                  for column in model.__mapper__.columns if column.key in obj.__dict__}
        file, record = graph.origins[(model, key)]
        dataset.add(model, values, file, record)
    for (model, key), obj in graph.objects.items():
        for name in CHILD_LISTS.get(model, {}):
            # Only lists the input gave: reading an unloaded one would create it empty.
            children = obj.__dict__.get(name)
            if not children:
                continue
            relationship = model.__mapper__.relationships[name]
            for child in children:
                row = dataset.rows(type(child))[child.id]
                for local, remote in relationship.local_remote_pairs:
                    if remote.table is type(child).__table__:
                        row[remote.key] = dataset.rows(model)[key][local.key]
    return dataset
