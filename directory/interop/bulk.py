"""Writing a :class:`Dataset` with Core statements: a bulk upsert per table, and pruning.

``INSERT ... ON CONFLICT (id) DO UPDATE`` (SQLite and PostgreSQL alike), table by table with
parents first, in the caller's transaction. Into an empty catalog, plain inserts go straight
to the driver while the tables' secondary indexes are dropped, and the indexes are built
again afterwards (one sort per index instead of a random insert per row). Much faster than
merging ORM objects one by one, but it bypasses the ORM's flush events: the caller brings the
search index up to date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Column

from directory.database import Base
from directory.interop.dataset import CATALOG_MODELS, PARENT_COLUMNS, Dataset, chunks

BATCH = 5000  # rows per executemany


def defaults(model: type[Base]) -> dict[str, Any]:
    """Scalar column defaults (``description=""``, ``status="active"`` ...) a new row gets."""
    values = {}
    for column in model.__table__.columns:
        default = column.default
        if default is not None and default.is_scalar:
            values[column.key] = default.arg
    return values


def _parents_first(model: type[Base], rows: dict[str, dict]) -> list[dict]:
    """Rows in id order, except that a parent of the same table (``parent_id``) comes before
    its children: the database checks each reference as the row is written.

    In id order, each insert lands next to the previous one in the primary key's index
    instead of on a random page of it (ids are random UUIDs).
    """
    column = PARENT_COLUMNS.get(model)
    if column is None:
        return [rows[key] for key in sorted(rows)]
    depths: dict[str, int] = {}

    def depth(key: str) -> int:
        level, seen = 0, {key}
        parent = rows[key].get(column)
        while parent in rows and parent not in seen:
            seen.add(parent)
            parent = rows[parent].get(column)
            level += 1
        return level

    for key in rows:
        depths[key] = depth(key)
    return sorted(rows.values(), key=lambda row: (depths[row["id"]], row["id"]))


def _insert(session: Session, model: type[Base]):
    dialect = session.get_bind(mapper=model.__mapper__).dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model.__table__)
    if dialect == "sqlite":
        return sqlite.insert(model.__table__)
    raise NotImplementedError(f"bulk upsert is not written for {dialect}")


def upsert_rows(session: Session, model: type[Base], rows: dict[str, dict],
                advance: Callable[[int], None] | None = None) -> None:
    """Insert or update ``rows`` of one table: an update sets only the columns a row has."""
    table = model.__table__
    fill = defaults(model)
    # executemany needs one set of keys per statement: group rows by the columns they give.
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in _parents_first(model, rows):
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for given, group in groups.items():
        missing = {key: value for key, value in fill.items() if key not in given}
        nullable = {key for key in given if key in fill}
        columns: list[Column] = [table.c[key] for key in given if key != "id"]
        statement = _insert(session, model)
        if columns:
            statement = statement.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={column.key: statement.excluded[column.key] for column in columns},
            )
        else:
            statement = statement.on_conflict_do_nothing(index_elements=[table.c.id])
        for batch in chunks(group, BATCH):
            params = []
            for row in batch:
                values = {**missing, **row}
                for key in nullable:  # an empty value of a column with a default: the default
                    if values[key] is None:
                        values[key] = fill[key]
                params.append(values)
            session.execute(statement, params)
            if advance:
                advance(len(batch))


def write_dataset(session: Session, dataset: Dataset,
                  advance: Callable[[int], None] | None = None) -> None:
    """Upsert every table of ``dataset``, parents first."""
    for model in CATALOG_MODELS:
        rows = dataset.rows(model)
        if rows:
            upsert_rows(session, model, rows, advance)


def insert_dataset(session: Session, dataset: Dataset,
                   advance: Callable[[int], None] | None = None) -> None:
    """Insert every table of ``dataset`` into an EMPTY catalog (no row may exist yet)."""
    connection = session.connection()
    placeholder = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(
        connection.dialect.paramstyle)
    if placeholder is None:  # a driver we have not tried: the general path
        write_dataset(session, dataset, advance)
        return
    tables = [model.__table__.name for model in CATALOG_MODELS]
    indexes = _secondary_indexes(connection, tables)
    quote = connection.dialect.identifier_preparer.quote
    for name, _definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    with _large_cache(connection):
        for model in CATALOG_MODELS:
            rows = dataset.rows(model)
            if rows:
                _insert_rows(connection, model, _parents_first(model, rows), placeholder,
                             advance)
        for _name, definition in indexes:
            connection.exec_driver_sql(definition)


@contextmanager
def _large_cache(connection: Connection) -> Iterator[None]:
    """On SQLite, a page cache of up to 256 MB while loading: the primary keys are random
    UUIDs, so every insert lands on a different page of an index far larger than the
    default 2 MB cache."""
    if connection.dialect.name != "sqlite":
        yield
        return
    size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")


def _secondary_indexes(connection: Connection, tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the plain indexes of ``tables``, as the database has them
    (not the primary keys and unique constraints, which stay)."""
    if connection.dialect.name == "sqlite":
        statement = text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                         "sql IS NOT NULL AND tbl_name IN :tables ORDER BY name")
        statement = statement.bindparams(bindparam("tables", expanding=True))
        return [tuple(row) for row in connection.execute(statement, {"tables": tables})]
    if connection.dialect.name == "postgresql":
        statement = text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(:tables) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
            "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) "
            "ORDER BY i.indexname")
        return [tuple(row) for row in connection.execute(statement, {"tables": tables})]
    return []


def _insert_rows(connection: Connection, model: type[Base], rows: list[dict],
                 placeholder: str, advance: Callable[[int], None] | None) -> None:
    """Plain INSERTs of every column, values converted by the columns' own bind processors."""
    table = model.__table__
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    fill = defaults(model)
    keys = [column.key for column in table.columns]
    # Only columns with a default or a bind processor (booleans, dates) need a second look.
    fixes = []
    for index, column in enumerate(table.columns):
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None or column.key in fill:
            fixes.append((index, fill.get(column.key), process))
    statement = (f"INSERT INTO {quote(table.name)} "  # noqa: S608 - names from our metadata
                 f"({', '.join(quote(column.name) for column in table.columns)}) "
                 f"VALUES ({', '.join([placeholder] * len(keys))})")
    for batch in chunks(rows, BATCH):
        params = []
        for row in batch:
            values = list(map(row.get, keys))
            for index, default, process in fixes:
                value = values[index]
                if value is None:
                    value = default
                if process is not None and value is not None:
                    value = process(value)
                values[index] = value
            params.append(tuple(values))
        connection.exec_driver_sql(statement, params)
        if advance:
            advance(len(batch))


def absent_ids(session: Session, dataset: Dataset) -> dict[type[Base], list[str]]:
    """Per table, the ids the catalog holds that the input does not (what a prune deletes)."""
    absent = {}
    for model in CATALOG_MODELS:
        keep = dataset.ids(model)
        stored = session.execute(select(model.id)).scalars()
        gone = sorted(key for key in stored if key not in keep)
        if gone:
            absent[model] = gone
    return absent


def delete_rows(session: Session, absent: dict[type[Base], list[str]]) -> None:
    """Delete these ids, children first (the database cascades to what the input left)."""
    for model in reversed(CATALOG_MODELS):
        for chunk in chunks(absent.get(model, [])):
            session.execute(delete(model.__table__).where(model.__table__.c.id.in_(chunk)))
