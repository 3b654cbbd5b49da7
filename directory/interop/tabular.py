"""The HSDS 3.0 tabular data package: 21 CSV files described by a ``datapackage.json``.

Field lists, types and constraints come from the HSDS descriptor we ship
(``schemas/datapackage.json``). Our profile's extension fields are extra columns at the end
of ``services.csv`` and ``locations.csv``, described in the ``datapackage.json`` we export.

Reading turns cells into column values and reports every cell that does not fit, naming the
file, the row (counting the header as row 1, as a spreadsheet shows it) and the field.
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.types import TypeDecorator

from directory.catalog.models import (
    GENDER_ELIGIBILITY,
    INSURANCE_KINDS,
    NARR_LEVELS,
    WAITLIST_STATUSES,
    Service,
)
from directory.catalog.models._columns import UTCDateTime
from directory.database import Base
from directory.interop.dataset import MODEL_BY_ENTITY, Dataset
from directory.interop.problems import Problem
from directory.interop.rules import record_problems
from directory.paths import SCHEMAS_DIR

DESCRIPTOR_FILE = "datapackage.json"
PROFILE = "recovery-directory"
_EXTENSION = "Extension (recovery directory profile of HSDS 3.0): "
# Our profile's fields, as Table Schema field descriptors (the HSDS descriptor's style).
EXTENSION_FIELDS: dict[str, list[dict[str, Any]]] = {
    "service": [
        {"name": "accepting_new_clients", "type": "boolean", "title": "Accepting New Clients",
         "description": "Whether the service takes new clients now."},
        {"name": "gender_eligibility", "type": "string", "title": "Gender Eligibility",
         "description": "Who the service is for by gender.",
         "constraints": {"enum": list(GENDER_ELIGIBILITY)}},
        {"name": "insurance_accepted", "type": "string", "title": "Insurance Accepted",
         "description": "Comma-separated kinds of insurance accepted: "
                        + ", ".join(INSURANCE_KINDS) + ".",
         "example": "medicaid,private"},
        {"name": "sliding_scale", "type": "boolean", "title": "Sliding Scale",
         "description": "Whether fees follow a sliding scale by income."},
        {"name": "free_of_charge", "type": "boolean", "title": "Free of Charge",
         "description": "Whether the service costs nothing."},
        {"name": "beds_total", "type": "integer", "title": "Beds Total",
         "description": "Housing capacity: number of beds (recovery housing only)."},
        {"name": "beds_available", "type": "integer", "title": "Beds Available",
         "description": "Housing capacity: beds free now, at most beds_total."},
        {"name": "availability_updated_at", "type": "datetime",
         "title": "Availability Updated At",
         "description": "When beds_available was last confirmed."},
        {"name": "allows_mat", "type": "boolean", "title": "Allows MAT",
         "description": "Whether residents on medication for opioid use disorder are welcome."},
        {"name": "narr_level", "type": "string", "title": "NARR Level",
         "description": "NARR recovery residence certification level.",
         "constraints": {"enum": list(NARR_LEVELS)}},
        {"name": "certifier", "type": "string", "title": "Certifier",
         "description": "Who certified the recovery residence."},
        {"name": "certificate_id", "type": "string", "title": "Certificate Identifier",
         "description": "The recovery residence certificate's identifier."},
        {"name": "certification_expires", "type": "date", "title": "Certification Expires",
         "description": "When the recovery residence certificate expires."},
        {"name": "waitlist_status", "type": "string", "title": "Waitlist Status",
         "description": "Whether new clients wait: none, short, long or closed.",
         "constraints": {"enum": list(WAITLIST_STATUSES)}},
    ],
    "location": [
        {"name": "time_zone", "type": "string", "title": "Time Zone",
         "description": "IANA time zone the location's opening hours are kept in.",
         "example": "America/Los_Angeles"},
        {"name": "approximate", "type": "boolean", "title": "Approximate",
         "description": "The coordinates are a ZIP centroid or a pin placed by hand."},
    ],
}
#: Service columns HSDS JSON and our CSV spell as one ``insurance_accepted`` field.
INSURANCE_COLUMNS = {"medicaid": "accepts_medicaid", "medicare": "accepts_medicare",
                     "private": "accepts_private_insurance"}
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
TRUE_VALUES = {"true", "1"}
FALSE_VALUES = {"false", "0"}


@dataclass(frozen=True)
class Field:
    """One column of a CSV file."""

    name: str
    type: str
    format: str | None
    required: bool
    enum: tuple[str, ...] | None
    extension: bool


@dataclass(frozen=True)
class Resource:
    """One table of the package: its HSDS name, CSV file and fields, and the model storing it
    (None for ``meta_table_description``, which this directory does not keep)."""

    name: str
    path: str
    model: type[Base] | None
    fields: tuple[Field, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@cache
def hsds_descriptor() -> dict[str, Any]:
    """The HSDS 3.0 tabular data package descriptor (unchanged)."""
    return json.loads((SCHEMAS_DIR / DESCRIPTOR_FILE).read_text(encoding="utf-8"))


def profile_descriptor() -> dict[str, Any]:
    """The descriptor of the packages we export: HSDS's, with our extension fields."""
    descriptor = copy.deepcopy(hsds_descriptor())
    descriptor["description"] += (
        " This package follows the recovery directory profile of HSDS 3.0: services.csv and "
        "locations.csv carry the profile's extension fields as extra columns.")
    descriptor["hsds_profile"] = {
        "name": PROFILE,
        "extends": f"HSDS {descriptor.get('version', '3.0')}",
        "extension_fields": {name: [f["name"] for f in fields]
                             for name, fields in EXTENSION_FIELDS.items()},
    }
    for resource in descriptor["resources"]:
        for extra in EXTENSION_FIELDS.get(resource["name"], []):
            constraints = {"required": False, "unique": False, **extra.get("constraints", {})}
            resource["schema"]["fields"].append({
                **extra, "description": _EXTENSION + extra["description"],
                "constraints": constraints,
            })
    return descriptor


def _field(data: dict[str, Any], extension: bool) -> Field:
    constraints = data.get("constraints", {})
    enum = constraints.get("enum")
    return Field(data["name"], data["type"], data.get("format"),
                 bool(constraints.get("required")), tuple(enum) if enum else None, extension)


@cache
def resources() -> tuple[Resource, ...]:
    """Every table of the package, in the descriptor's order."""
    result = []
    for data in hsds_descriptor()["resources"]:
        fields = [_field(f, False) for f in data["schema"]["fields"]]
        fields += [_field(f, True) for f in EXTENSION_FIELDS.get(data["name"], [])]
        result.append(Resource(data["name"], data["path"], MODEL_BY_ENTITY.get(data["name"]),
                               tuple(fields)))
    return tuple(result)


def resource_named(name: str) -> Resource | None:
    return next((r for r in resources() if r.name == name), None)


def resource_for_file(filename: str) -> Resource | None:
    return next((r for r in resources() if r.path == filename), None)


# ---- reading -----------------------------------------------------------------------------


def is_package(path: Path) -> bool:
    """Whether ``path`` is a tabular package: a datapackage.json, a CSV file, or a folder
    holding either."""
    if path.is_dir():
        return (path / DESCRIPTOR_FILE).is_file() or any(path.glob("*.csv"))
    return path.name == DESCRIPTOR_FILE or path.suffix.lower() == ".csv"


def package_files(paths: list[Path], dataset: Dataset,
                  problems: list[Problem]) -> list[tuple[Resource, Path]]:
    """The CSV file of each table the input holds, from its descriptor when it has one."""
    found: dict[str, tuple[Resource, Path]] = {}
    for path in paths:
        folder = path if path.is_dir() else path.parent
        descriptor = folder / DESCRIPTOR_FILE
        if path.is_file() and path.suffix.lower() == ".csv":
            candidates = [(path.name, path)]
        elif descriptor.is_file():
            candidates = _described_files(descriptor, dataset, problems)
        elif path.exists():
            candidates = [(p.name, p) for p in sorted(folder.glob("*.csv"))]
        else:
            problems.append(Problem(str(path), "-", "-", "file not found"))
            continue
        for name, file in candidates:
            resource = resource_named(name) or resource_for_file(name)
            if resource is None:
                dataset.notes.append(f"{file}: not an HSDS table; skipped")
            elif not file.is_file():
                problems.append(Problem(str(file), "-", "-", "file not found"))
            else:
                found.setdefault(resource.name, (resource, file))
    return [found[r.name] for r in resources() if r.name in found]


def _described_files(descriptor: Path, dataset: Dataset,
                     problems: list[Problem]) -> list[tuple[str, Path]]:
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8"))
        items = data["resources"]
        return [(item["name"], descriptor.parent / item["path"]) for item in items]
    except (ValueError, KeyError, TypeError) as error:
        problems.append(Problem(str(descriptor), "-", "resources",
                                f"not a readable data package descriptor ({error})"))
        return []


def count_rows(path: Path) -> int:
    """Lines in a file, less its header: the rows a progress bar expects."""
    lines = 0
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def read_table(resource: Resource, path: Path, dataset: Dataset, problems: list[Problem],
               advance: Callable[[int], None] | None = None) -> int:
    """Read one CSV file into ``dataset``; returns its number of rows."""
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            if header is None:
                return 0  # an empty file: a table with no rows
            columns = _header(resource, header, name, dataset, problems)
            if columns is None:
                dataset.unreadable.add(resource.model)
                return 0
            if resource.model is None:
                rows = sum(1 for _ in reader)
                if rows:
                    dataset.notes.append(f"{name}: {rows} {resource.name} row(s) read but not "
                                         "kept (this directory stores no such records)")
                return rows
            return _read_rows(resource, reader, columns, name, dataset, problems, advance)
    except UnicodeDecodeError as error:
        problems.append(Problem(name, "-", "-", f"not UTF-8 text ({error.reason})"))
    except csv.Error as error:
        problems.append(Problem(name, "-", "-", f"not a readable CSV file ({error})"))
    dataset.unreadable.add(resource.model)
    return 0


def _header(resource: Resource, header: list[str], name: str, dataset: Dataset,
            problems: list[Problem]) -> list[Field | None] | None:
    known = {f.name: f for f in resource.fields}
    columns: list[Field | None] = []
    seen: set[str] = set()
    ok = True
    for text in header:
        title = text.strip()
        if title in seen:
            problems.append(Problem(name, "row 1 (header)", title, "column appears twice"))
            ok = False
        seen.add(title)
        if title not in known:
            dataset.notes.append(f"{name}: column {title!r} is not an HSDS {resource.name} "
                                 "field; not kept")
        columns.append(known.get(title))
    for field in resource.fields:
        if field.required and field.name not in seen:
            problems.append(Problem(name, "row 1 (header)", field.name,
                                    "a required column is missing"))
            ok = False
    return columns if ok else None


def _read_rows(resource: Resource, reader: Iterator[list[str]], columns: list[Field | None],
               name: str, dataset: Dataset, problems: list[Problem],
               advance: Callable[[int], None] | None) -> int:
    model = resource.model
    assert model is not None
    cells_spec = [(index, *_cell_spec(model, field))
                  for index, field in enumerate(columns) if field is not None]
    id_index = next(i for i, field in enumerate(columns) if field and field.name == "id")
    width = len(columns)
    rows = dataset.tables.setdefault(model, {})
    count = 0
    for number, cells in enumerate(reader, start=2):
        count += 1
        if advance and count % 1000 == 0:
            advance(1000)
        if not cells:
            continue  # a blank line
        key = cells[id_index].strip() if id_index < len(cells) else ""
        label = f"row {number}" + (f" (id {key})" if key else "")
        if len(cells) != width:
            problems.append(Problem(name, label, "(row)",
                                    f"has {len(cells)} cells; the header has {width}"))
            continue
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for index, column, required, parse in cells_spec:
            text = cells[index]
            if not text or text.isspace():
                if required:
                    problems.append(Problem(name, label, column, "is required"))
                    bad.add(column)
                else:
                    values[column] = None
            elif parse is None:
                values[column] = text
            else:
                try:
                    values[column] = parse(text)
                except ValueError as error:
                    problems.append(Problem(name, label, column, str(error)))
                    bad.add(column)
        if "insurance_accepted" in values:
            kinds = values.pop("insurance_accepted") or ()
            for kind, column in INSURANCE_COLUMNS.items():
                values[column] = kind in kinds
        for column, message in record_problems(model, values.get):
            if column not in bad:  # one problem per cell is enough
                problems.append(Problem(name, label, column, message))
                bad.add(column)
        row_id = values.get("id")
        if row_id is None:
            continue  # reported as required already
        if row_id in rows:
            earlier = dataset.origins[(model, row_id)][1]
            problems.append(Problem(name, label, "id", f"{row_id} is also on {earlier}"))
            continue
        dataset.add(model, values, name, label)
    if advance:
        advance(count % 1000)
    return count


# ---- converting cells --------------------------------------------------------------------


def _column_type(model: type[Base], name: str):
    column_type = model.__table__.c[name].type
    if isinstance(column_type, UTCDateTime):
        return column_type
    return column_type.impl if isinstance(column_type, TypeDecorator) else column_type


def _cell_spec(model: type[Base], field: Field
               ) -> tuple[str, bool, Callable[[str], Any] | None]:
    """(column, whether an empty cell is a problem, parser of a non-empty cell or None to keep
    the text). Parsers raise ValueError with the reason."""
    if model is Service and field.name == "insurance_accepted":
        return field.name, False, _insurance
    column = model.__table__.c[field.name]
    # NOT NULL columns with a default ("" for descriptions) take it for an empty cell.
    has_default = column.default is not None and column.default.is_scalar
    required = field.required and not has_default
    parse = _parser(_column_type(model, field.name), field)
    check_format = _format_check(field.format)
    enum = field.enum
    if check_format is None and enum is None:
        return field.name, required, parse

    def checked(text: str) -> Any:
        if check_format is not None:
            check_format(text)
        value = parse(text) if parse is not None else text
        if enum is not None and value not in enum:
            raise ValueError(f"{value!r} is not one of {', '.join(map(repr, enum))}")
        return value

    return field.name, required, checked


def _insurance(text: str) -> list[str]:
    kinds = [kind.strip() for kind in text.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in INSURANCE_COLUMNS]
    if unknown:
        raise ValueError(f"{', '.join(map(repr, unknown))}: must be a comma-separated list of "
                         f"{', '.join(INSURANCE_KINDS)}")
    return kinds


def _parser(column_type, field: Field) -> Callable[[str], Any] | None:
    if isinstance(column_type, Boolean):
        return _boolean
    if isinstance(column_type, Integer):
        return _integer
    if isinstance(column_type, Float):
        return _number
    if isinstance(column_type, UTCDateTime):
        return _datetime
    if isinstance(column_type, Date):
        return _date
    length = column_type.length if isinstance(column_type, String) else None
    check = {"date": _date, "datetime": _datetime}.get(field.type)
    if check is None and not length:
        return None  # text kept as it is

    def text(value: str) -> str:
        if check is not None:
            check(value)  # kept as written; only its form is checked
        if length and len(value) > length:
            raise ValueError(f"is longer than {length} characters")
        return value

    return text


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ValueError(f"{text!r} must be true or false")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a number")
    return value


def _integer(text: str) -> int:
    value = _number(text)
    if not value.is_integer():
        raise ValueError(f"{text!r} must be a whole number")
    return int(value)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2024-01-31") from None


def _datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time like 2024-01-31T09:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _format_check(name: str | None) -> Callable[[str], None] | None:
    if name == "uuid":
        return _uuid
    if name == "email":
        return _email
    return None  # "uri" is not checked (as the JSON loader's schema check does not)


def _uuid(text: str) -> None:
    # The JSON Schema "uuid" format: hex digits with hyphens in the 8-4-4-4-12 places.
    if _UUID.fullmatch(text) is None:
        raise ValueError(f"{text!r} is not a 'uuid'")


def _email(text: str) -> None:
    if "@" not in text:
        raise ValueError(f"{text!r} is not an 'email'")


# ---- writing -----------------------------------------------------------------------------


def cell(value: Any, field_type: str = "string") -> str:
    """A value as CSV text: empty for none, ``true``/``false``, ISO dates, UTC times with Z."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
        if field_type == "date" and moment.time() == datetime.min.time():
            return moment.date().isoformat()  # a date field stored as a timestamp
        return moment.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def insurance_cell(row: dict[str, Any]) -> str:
    return ",".join(kind for kind, column in INSURANCE_COLUMNS.items() if row.get(column))


def write_descriptor(folder: Path) -> Path:
    path = folder / DESCRIPTOR_FILE
    text = json.dumps(profile_descriptor(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path

