"""Load HSDS 3.0 JSON (full organizations, full services or taxonomy terms) into the catalog.

Loading is all-or-nothing: every file is parsed and validated first and every problem is
reported with its file, record and field; only a clean input is written, upserted by id in the
caller's transaction. Loading the same files twice leaves the catalog unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapper
from sqlalchemy.types import TypeDecorator

from directory.catalog.models import (
    INSURANCE_KINDS,
    Attribute,
    Location,
    MetadataRecord,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.database import Base, session
from directory.interop.problems import DataLoadError, Problem
from directory.interop.progress import Progress, no_progress
from directory.interop.rules import record_problems
from directory.interop.shape import CHILD_LISTS, ENTITY_NAMES
from directory.interop.validation import schema_errors


@dataclass
class LoadResult:
    """What a load wrote (counts of top-level and important nested records)."""

    files: int = 0
    organizations: int = 0
    services: int = 0
    locations: int = 0
    taxonomy_terms: int = 0


@dataclass
class _Context:
    file: str
    record: str
    problems: list[Problem]

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.record, path, message))


@dataclass
class Graph:
    """Transient objects built from the input, one per (model, id) across all files."""

    files: list[Path] = field(default_factory=list)
    objects: dict[tuple[type[Base], str], Base] = field(default_factory=dict)
    roots: list[Base] = field(default_factory=list)
    extras: list[Base] = field(default_factory=list)  # attributes/metadata of other entities
    references: list[tuple[_Context, str, type[Base], str]] = field(default_factory=list)
    keys: dict[type[Base], set[str]] = field(default_factory=dict)
    # (model, id) -> (file, record) of the record that first held the object
    origins: dict[tuple[type[Base], str], tuple[str, str]] = field(default_factory=dict)

    def add(self, model: type[Base], key: str, obj: Base) -> None:
        self.objects[(model, key)] = obj
        self.keys.setdefault(model, set()).add(key)

    def ids(self, model: type[Base]) -> set[str]:
        return self.keys.get(model, set())

    def result(self) -> LoadResult:
        return LoadResult(
            files=len(self.files),
            organizations=len(self.ids(Organization)),
            services=len(self.ids(Service)),
            locations=len(self.ids(Location)),
            taxonomy_terms=len(self.ids(TaxonomyTerm)),
        )


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Validate and load HSDS JSON files (or folders of them) in the current transaction.

    Raises :class:`DataLoadError` listing every problem, having written nothing.
    """
    graph = read_paths(paths)
    write_graph(graph)
    return graph.result()


def read_paths(paths: Iterable[str | Path], *, references_in_input: bool = False,
               progress: Progress = no_progress) -> Graph:
    """Read and validate HSDS JSON files into transient objects; nothing is written.

    With ``references_in_input``, ids must point at records of the input itself (not at
    records already in the catalog). Raises :class:`DataLoadError` listing every problem.
    """
    files = _expand(paths)
    problems: list[Problem] = []
    records = _read_records(files, problems, progress)
    # Records with schema problems are still built, so one run reports every problem.
    graph = Graph(files=files)
    builder = _Builder(graph)
    for ctx, kind, obj in records:
        model = {"organization": Organization, "service": Service,
                 "taxonomy_term": TaxonomyTerm}[kind]
        graph.roots.append(builder.build(model, obj, "", ctx))
    problems.extend(p for ctx, _, _ in records for p in ctx.problems)
    problems = list(dict.fromkeys(problems))  # one line per problem, in the order found
    problems.extend(_check_references(graph, references_in_input))
    if problems:
        raise DataLoadError(problems)
    return graph


def write_graph(graph: Graph, progress: Progress = no_progress) -> None:
    """Upsert (merge) what :func:`read_paths` built, in the current transaction."""
    try:
        # One flush per top-level record: an object shared by several records (a taxonomy
        # embedded in every term, an organization named by many services) is then found by
        # the next merge instead of being inserted twice.
        with progress("Writing", len(graph.roots)) as advance:
            for root in _ordered(graph.roots):
                session.merge(root)
                session.flush()
                advance(1)
        for extra in graph.extras:
            session.merge(extra)
        session.flush()
    except IntegrityError as error:
        session.rollback()
        problem = Problem(", ".join(map(str, graph.files)), "-", "-",
                          f"the database refused the data: {error.orig}")
        raise DataLoadError([problem]) from error


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            files.append(path)
    return files


def detect_kind(obj: Any) -> str | None:
    """Which HSDS object a top-level JSON object is: organization, service or taxonomy_term."""
    if not isinstance(obj, dict):
        return None
    if "taxonomy_id" in obj or "taxonomy_detail" in obj or "term_uri" in obj:
        return "taxonomy_term"
    if "status" in obj and "services" not in obj:
        return "service"
    if "services" in obj or "locations" in obj or "tax_status" in obj or "website" in obj:
        return "organization"
    if "code" in obj and "parent_id" in obj:
        return "taxonomy_term"
    if {"id", "name", "description"} <= obj.keys():
        return "organization"
    return None


def _record_label(index: int, obj: Any) -> str:
    label = f"record {index + 1}"
    if isinstance(obj, dict) and obj.get("id"):
        label += f" (id {obj['id']})"
    return label


def _read_records(files: list[Path], problems: list[Problem], progress: Progress = no_progress):
    parsed = []
    for path in files:
        name = str(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(Problem(name, "-", "-", "file not found"))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(name, "-", "-", "not UTF-8 text"))
            continue
        except json.JSONDecodeError as error:
            problems.append(Problem(name, "-", f"line {error.lineno} column {error.colno}",
                                    f"invalid JSON: {error.msg}"))
            continue
        if isinstance(data, dict) and isinstance(data.get("contents"), list) and (
                "total_items" in data):
            data = data["contents"]  # a page of an HSDS API list (e.g. GET /services)
        parsed.append((name, data if isinstance(data, list) else [data]))
    records = []
    with progress("Checking records", sum(len(items) for _, items in parsed)) as advance:
        for name, items in parsed:
            for index, obj in enumerate(items):
                advance(1)
                ctx = _Context(name, _record_label(index, obj), [])
                kind = detect_kind(obj)
                if kind is None:
                    problems.append(Problem(name, ctx.record, "(record)",
                                            "not an HSDS organization, service or taxonomy term"))
                    continue
                for path_text, message in schema_errors(kind, obj):
                    problems.append(Problem(name, ctx.record, path_text, message))
                records.append((ctx, kind, obj))
    return records


def _ordered(roots: list[Base]) -> list[Base]:
    """Taxonomy terms first (so services' attributes find them), then organizations, then
    services; parents before their children (terms and organizations may name a parent)."""
    rank = {TaxonomyTerm: 0, Organization: 1, Service: 2}
    parents = {
        (type(obj), obj.id): getattr(obj, "parent_id", None)
        or getattr(obj, "parent_organization_id", None)
        for obj in roots
    }

    def depth(obj: Base) -> int:
        level, key, seen = 0, (type(obj), obj.id), set()
        while parents.get(key) and key not in seen:
            seen.add(key)
            key = (key[0], parents[key])
            level += 1
        return level

    return sorted(roots, key=lambda obj: (rank[type(obj)], depth(obj)))


class _Builder:
    """Turns JSON objects into transient model instances, collecting conversion problems."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def build(self, model: type[Base], data: dict, path: str, ctx: _Context) -> Base:
        # A record without an id (a schema problem) must not merge with another such record.
        key = (model, str(data["id"]) if data.get("id") else f"<no id {id(data)}>")
        obj = self.graph.objects.get(key)
        if obj is None:
            obj = model()
            self.graph.add(*key, obj)
            self.graph.origins[key] = (ctx.file, ctx.record)
        mapper: Mapper = model.__mapper__
        for column in mapper.columns:
            name = column.key
            if name in data and data[name] is not None:
                value = _convert(column.type, data[name], _join(path, name), ctx)
                if value is not None:
                    setattr(obj, name, value)
            elif name in data and getattr(obj, name, None) is None:
                setattr(obj, name, None)
        self._extensions(obj, data, path, ctx)
        for json_key, child_model in CHILD_LISTS.get(model, {}).items():
            items = data.get(json_key)
            if not isinstance(items, list):
                continue  # absent (left as it is) or not a list (a schema problem already)
            children = getattr(obj, json_key)
            if not items and not children:
                setattr(obj, json_key, [])  # present and empty: the merge must empty it too
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                child = self.build(child_model, item, f"{_join(path, json_key)}[{index}]", ctx)
                if child_model is Attribute:
                    child.link_entity = child.link_entity or ENTITY_NAMES[model]
                if child not in children:
                    children.append(child)
        self._nested_single(obj, data, path, ctx)
        self._side_records(obj, data, path, ctx)
        return obj

    def _nested_single(self, obj: Base, data: dict, path: str, ctx: _Context) -> None:
        """Single nested objects: a service's organization, a term's taxonomy, and so on."""
        if isinstance(obj, ServiceAtLocation) and isinstance(data.get("location"), dict):
            location = self.build(Location, data["location"], _join(path, "location"), ctx)
            obj.location_id = location.id
            if location.organization_id not in self.graph.ids(Organization):
                # Not written with its organization: this service-at-location carries it.
                # (Tying it here too would make the merge drop the organization's other
                # locations, so a location listed by its organization stays there alone.)
                obj.location = location
        elif isinstance(obj, ServiceAtLocation) and obj.location_id:
            self.graph.references.append((ctx, _join(path, "location_id"), Location,
                                          obj.location_id))
        if isinstance(obj, Service):
            if isinstance(data.get("organization"), dict):
                organization = self.build(Organization, data["organization"],
                                          _join(path, "organization"), ctx)
                obj.organization_id = organization.id
                obj.organization = organization
            elif obj.organization_id and not path:
                self.graph.references.append((ctx, "organization_id", Organization,
                                              obj.organization_id))
            elif not obj.organization_id and not path:
                ctx.problem("organization_id", "a service needs its organization_id")
        if isinstance(obj, Organization) and obj.parent_organization_id:
            self.graph.references.append((ctx, _join(path, "parent_organization_id"),
                                          Organization, obj.parent_organization_id))
        if isinstance(obj, TaxonomyTerm) and obj.parent_id:
            self.graph.references.append((ctx, _join(path, "parent_id"), TaxonomyTerm,
                                          obj.parent_id))
        if isinstance(obj, TaxonomyTerm) and isinstance(data.get("taxonomy_detail"), dict):
            taxonomy = self.build(Taxonomy, data["taxonomy_detail"],
                                  _join(path, "taxonomy_detail"), ctx)
            obj.taxonomy_id = taxonomy.id
            obj.taxonomy_detail = taxonomy
        if isinstance(obj, Attribute):
            if isinstance(data.get("taxonomy_term"), dict):
                term = self.build(TaxonomyTerm, data["taxonomy_term"],
                                  _join(path, "taxonomy_term"), ctx)
                obj.taxonomy_term_id = term.id
                obj.taxonomy_term = term
            elif obj.taxonomy_term_id:
                self.graph.references.append((ctx, _join(path, "taxonomy_term_id"),
                                              TaxonomyTerm, obj.taxonomy_term_id))
            else:
                ctx.problem(path, "an attribute needs a taxonomy_term_id")

    def _side_records(self, obj: Base, data: dict, path: str, ctx: _Context) -> None:
        """Attributes of entities other than services, and metadata rows of any entity."""
        entity = ENTITY_NAMES.get(type(obj))
        if entity is None:
            return
        if entity != "service":
            for index, item in enumerate(data.get("attributes") or []):
                attribute = self.build(Attribute, item, f"{_join(path, 'attributes')}[{index}]",
                                       ctx)
                attribute.link_id = attribute.link_id or obj.id
                attribute.link_entity = attribute.link_entity or entity
                self.graph.extras.append(attribute)
        for index, item in enumerate(data.get("metadata") or []):
            record = self.build(MetadataRecord, item, f"{_join(path, 'metadata')}[{index}]", ctx)
            record.resource_id = record.resource_id or obj.id
            record.resource_type = record.resource_type or entity
            self.graph.extras.append(record)

    @staticmethod
    def _extensions(obj: Base, data: dict, path: str, ctx: _Context) -> None:
        """Our profile's fields and the rules HSDS leaves to implementations."""
        if isinstance(obj, Service):
            kinds = data.get("insurance_accepted")
            if kinds is not None:
                if not isinstance(kinds, list) or not set(kinds) <= set(INSURANCE_KINDS):
                    ctx.problem(_join(path, "insurance_accepted"),
                                f"must be a list of {', '.join(INSURANCE_KINDS)}")
                else:
                    obj.insurance_accepted = kinds
        for name, message in record_problems(type(obj), lambda key: getattr(obj, key, None)):
            ctx.problem(_join(path, name), message)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _convert(column_type, value: Any, path: str, ctx: _Context):
    """Convert a JSON value to the Python type of ``column_type``; report what does not fit."""
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl
    try:
        if isinstance(column_type, Boolean):
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in {"true", "false"}:
                return value.lower() == "true"
            raise ValueError("must be true or false")
        if isinstance(column_type, Integer):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError("must be a whole number")
            return int(value)
        if isinstance(column_type, Float):
            if isinstance(value, bool):
                raise ValueError("must be a number")
            return float(value)
        if isinstance(column_type, DateTime):
            moment = datetime.fromisoformat(str(value))
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        if isinstance(column_type, Date):
            text = str(value)
            return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
        if isinstance(column_type, String):
            if isinstance(value, dict | list):
                raise ValueError("must be text")
            text = str(value)
            if column_type.length and len(text) > column_type.length:
                raise ValueError(f"is longer than {column_type.length} characters")
            return text
    except (TypeError, ValueError) as error:
        message = str(error)
        if "must" not in message and "longer" not in message:
            message = f"{value!r} is not a valid {type(column_type).__name__.lower()}"
        ctx.problem(path, message)
        return None
    return value


def _check_references(graph: Graph, input_only: bool = False) -> list[Problem]:
    """Ids that point at objects neither in the input nor (unless ``input_only``) already in
    the catalog."""
    problems = []
    wanted: dict[type[Base], set[str]] = {}
    for _ctx, _path, model, key in graph.references:
        wanted.setdefault(model, set()).add(key)
    existing: dict[type[Base], set[str]] = {}
    for model, keys in wanted.items():
        missing = set() if input_only else keys - graph.ids(model)
        found: set[str] = set()
        for chunk in _chunks(sorted(missing), 500):
            found |= set(session.execute(select(model.id).where(model.id.in_(chunk))).scalars())
        existing[model] = graph.ids(model) | found
    where = " in the input" if input_only else ""
    for ctx, path, model, key in graph.references:
        if key not in existing[model]:
            problems.append(Problem(ctx.file, ctx.record, path,
                                    f"no {ENTITY_NAMES[model]} with id {key}{where}"))
    return problems


def _chunks(items: list[str], size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
