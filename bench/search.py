"""Search benchmark: the real search service on 10k / 100k / 1M synthetic listings.

    .venv/bin/python -m bench.search --sizes 10000,100000,1000000
    .venv/bin/python -m bench.search --sizes 100000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_search

For each size it builds (or reuses) a database of synthetic listings clustered around US
metros (``bench/synthetic.py``), then times ``directory.search.engine.search`` inside an app
context of ``directory.create_app`` for a few hundred random points sampled with the same
clustering: radius 10 and 50 miles, with no filter, with a category filter and with a
keyword. Beside each case it times a naive baseline (load every row, filter and measure in
Python, sort, take 20) on the same points, and checks both return the same services.

A benchmark, not a test: it prints figures and whether the issue's targets are met, and
exits 0 either way. See bench/README.md for the figures measured on the project machine.
"""

# ruff: noqa: E402 - the guard below must run before the imports
from __future__ import annotations

import os
import sys

if __name__ == "__main__" and not __package__:
    # Run as a file (python bench/search.py), bench/ would come first on sys.path and
    # bench/http.py would shadow the standard library's http: run as a module instead.
    ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "bench.search", *sys.argv[1:]])  # noqa: S606

import argparse
import gc
import json
import math
import platform
import random
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import synthetic
from directory import create_app, migrations_runner
from directory.database import get_db
from directory.geo.distance import great_circle_miles
from directory.search.engine import search
from directory.search.indexer import insert_documents
from directory.search.models import SearchEntry
from directory.search.query import SearchQuery
from directory.search.structures import (
    FTS,
    RTREE,
    create_search_structures,
    has_postgis_column,
)

CACHE_DIR = Path("/tmp/bench-cache")  # noqa: S108 - scratch databases, rebuilt at will
BATCH = 10_000
RADII = (10.0, 50.0)
KINDS = ("plain", "category", "keyword")
PAGE = 20
# The targets, all at 1M listings.
TARGET_SIZE = 1_000_000
SQLITE_CATEGORY_P50_MS, SQLITE_CATEGORY_P99_MS = 1.0, 5.0
SQLITE_KEYWORD_P99_MS = 20.0
POSTGRES_P99_MS = 10.0
MIN_SPEEDUP = 1000.0


# --- databases ---------------------------------------------------------------------------

def meta_matches(connection, size: int, seed: int) -> dict | None:
    """The build record of a cached database, if it holds exactly this size and seed."""
    try:
        value = connection.execute(text("SELECT value FROM bench_meta WHERE key = 'build'"))
        record = json.loads(value.scalar_one())
    except Exception:  # no table yet, or a half-built database
        return None
    wanted = {"size": size, "seed": seed, "generator": synthetic.GENERATOR_VERSION}
    return record if all(record.get(k) == v for k, v in wanted.items()) else None


def write_meta(session, record: dict) -> None:
    session.execute(text("CREATE TABLE IF NOT EXISTS bench_meta (key VARCHAR(32) PRIMARY KEY, "
                         "value TEXT NOT NULL)"))
    session.execute(text("DELETE FROM bench_meta WHERE key = 'build'"))
    session.execute(text("INSERT INTO bench_meta (key, value) VALUES ('build', :v)"),
                    {"v": json.dumps(record)})


def fill(app, size: int, seed: int, before_batch=None) -> float:
    """Create the schema with the real migrations and insert ``size`` synthetic rows."""
    started = time.perf_counter()
    with app.app_context():
        migrations_runner.upgrade()
        db = get_db()
        db.engine.dispose()  # only one connection from here on (SQLite pragmas are per connection)
        session = db.session
        # Secondary indexes are dropped for the load and created again after it, with the
        # definitions the model and migration use (a bulk load's usual trick: one sort per
        # index instead of a million inserts into each). R*Tree and FTS5 stay, being tables.
        indexes = sorted(SearchEntry.__table__.indexes, key=lambda index: index.name)
        connection = session.connection()
        for index in indexes:
            index.drop(connection, checkfirst=True)
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "DROP INDEX IF EXISTS ix_dir_search_entry_vector, ix_dir_search_entry_geog")
        session.commit()
        documents = synthetic.documents(size, seed=seed)
        for number, batch in enumerate(synthetic.batches(documents, BATCH), start=1):
            if before_batch:
                before_batch(session)
            insert_documents(session, batch)  # the real path: rows + R*Tree/FTS5 or tsvector
            session.commit()
            if number % 10 == 0:
                print(f"    {number * BATCH:>9,} rows  {time.perf_counter() - started:6.1f} s",
                      flush=True)
        connection = session.connection()
        for index in indexes:
            index.create(connection, checkfirst=True)
        create_search_structures(connection)  # GIN and GiST again (IF NOT EXISTS)
        session.commit()
        session.remove()
        db.engine.dispose()
    return time.perf_counter() - started


def sqlite_database(size: int, seed: int, rebuild: bool) -> tuple[str, dict]:
    """A cached SQLite file under /tmp/bench-cache (built into a .partial file, then renamed)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"search-{size}-seed{seed}.sqlite3"
    if path.exists() and not rebuild:
        engine = create_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            record = meta_matches(connection, size, seed)
        engine.dispose()
        if record:
            return f"sqlite:///{path}", {**record, "cached": True}
    partial = path.with_name(path.name + ".partial")
    for stale in (path, partial, *(Path(f"{p}{s}") for p in (path, partial)
                                   for s in ("-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    print(f"  building {size:,} rows into {path} ...", flush=True)
    url = f"sqlite:///{partial}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})

    def bulk_pragmas(session):
        # Only while loading: no rollback journal, no fsync (a crash just means a rebuild).
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA journal_mode=OFF")
        connection.exec_driver_sql("PRAGMA synchronous=OFF")

    seconds = fill(app, size, seed, before_batch=bulk_pragmas)
    with app.app_context():
        session = get_db().session
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # back to what the app runs on
        connection.exec_driver_sql("ANALYZE")
        record = {"size": size, "seed": seed, "generator": synthetic.GENERATOR_VERSION,
                  "build_seconds": round(seconds, 1)}
        write_meta(session, record)
        session.commit()
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        session.remove()
        get_db().engine.dispose()
    partial.rename(path)
    return f"sqlite:///{path}", {**record, "cached": False}


def postgres_database(base_url: str, size: int, seed: int, rebuild: bool) -> tuple[str, dict]:
    """A cached PostgreSQL database ``<name>_<size>`` (``bench_*`` names only)."""
    base = make_url(base_url)
    if not (base.database or "").startswith("bench_"):
        sys.exit("--database-url must name a scratch database called bench_*")
    url = base.set(database=f"{base.database}_{size}")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                    {"n": url.database}).scalar()
    if exists and not rebuild:
        engine = create_engine(url)
        with engine.connect() as connection:
            record = meta_matches(connection, size, seed)
        engine.dispose()
        if record:
            admin.dispose()
            return url.render_as_string(hide_password=False), {**record, "cached": True}
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
        connection.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
    admin.dispose()
    print(f"  building {size:,} rows into {url.database} ...", flush=True)
    rendered = url.render_as_string(hide_password=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": rendered})

    def bulk_settings(session):
        session.connection().exec_driver_sql("SET synchronous_commit TO off")

    seconds = fill(app, size, seed, before_batch=bulk_settings)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        # insert_documents writes each row twice (INSERT, then UPDATE of the tsvector/geography).
        connection.exec_driver_sql("VACUUM (ANALYZE) dir_search_entry")
    engine.dispose()
    record = {"size": size, "seed": seed, "generator": synthetic.GENERATOR_VERSION,
              "build_seconds": round(seconds, 1)}
    with app.app_context():
        session = get_db().session
        write_meta(session, record)
        session.commit()
        session.remove()
        get_db().engine.dispose()
    return rendered, {**record, "cached": False}


# --- queries -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    """One search: where from, and the category and keyword used by the filtered cases."""

    latitude: float
    longitude: float
    region: str
    category: str
    keyword: str


def sample_points(count: int, seed: int) -> list[Point]:
    rng = random.Random(seed + 1_000_003)  # not the listings' stream
    points = []
    for _ in range(count):
        metro, latitude, longitude = synthetic.sample_point(rng)
        points.append(Point(latitude, longitude, f"US-{metro.state}",
                            rng.choice(synthetic.CATEGORY_CODES), rng.choice(synthetic.KEYWORDS)))
    return points


def make_query(point: Point, radius: float, kind: str) -> SearchQuery:
    return SearchQuery(
        latitude=point.latitude, longitude=point.longitude, radius_miles=radius,
        region_code=point.region,  # as the search page passes it from the geocoded place
        categories=(point.category,) if kind == "category" else (),
        keyword=point.keyword if kind == "keyword" else "",
        per_page=PAGE,
    )


def naive_search(connection, point: Point, radius: float, kind: str) -> list[str]:
    """The baseline: every row into Python, same filters, exact distance, sort, first page."""
    rows = connection.execute(text(
        "SELECT service_id, name, latitude, longitude, is_virtual, category_codes, search_text "
        "FROM dir_search_entry")).all()
    category = f" {point.category} "
    # A prefix match at a word start, like the engine's FTS5 "word"* / tsquery word:*.
    word = re.compile(rf"\b{re.escape(point.keyword)}", re.IGNORECASE)
    best: dict[str, tuple[float, str]] = {}
    for service_id, name, latitude, longitude, is_virtual, codes, search_text in rows:
        if is_virtual or latitude is None:
            continue
        if kind == "category" and category not in codes:
            continue
        if kind == "keyword" and not word.search(search_text):
            continue
        distance = great_circle_miles(point.latitude, point.longitude, latitude, longitude)
        if distance <= radius and (service_id not in best or distance < best[service_id][0]):
            best[service_id] = (distance, name)
    ordered = sorted(best.items(), key=lambda item: (item[1][0], item[1][1]))
    return [service_id for service_id, _ in ordered[:PAGE]]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p99 of 300 values is the 297th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Case:
    radius: float
    kind: str
    engine_ms: list[float] = field(default_factory=list)
    naive_ms: list[float] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)
    virtual: list[int] = field(default_factory=list)
    agree: list[bool] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"r={self.radius:g} mi, {self.kind}"


def run_cases(session, points: list[Point], args) -> list[Case]:
    """Time every case on the same points, then the naive baseline on the first of them.

    A case stops early when it has used ``--case-budget`` seconds and has at least
    ``--min-queries`` points (the slowest cases at 1M would take many minutes otherwise); the
    naive baseline stops when it has used ``--naive-budget`` seconds (at least 3 queries).
    """
    cases = [Case(radius, kind) for radius in RADII for kind in KINDS]
    for point in points[:5]:  # warm the page cache and SQLAlchemy's statement cache
        for case in cases:
            search(session, make_query(point, case.radius, case.kind))
        session.rollback()
    naive_max = args.naive_queries or len(points)
    for case in cases:
        gc.collect()
        results = []
        spent = 0.0
        for point in points:
            if len(case.engine_ms) >= args.min_queries and spent > args.case_budget:
                break
            query = make_query(point, case.radius, case.kind)
            session.rollback()  # each search in its own transaction, as each request is
            session.connection()  # pool checkout outside the timing: the engine's cost only
            started = time.perf_counter_ns()
            result = search(session, query)
            elapsed = (time.perf_counter_ns() - started) / 1e6
            spent += elapsed / 1000
            case.engine_ms.append(elapsed)
            case.hits.append(len(result.hits))
            case.virtual.append(len(result.virtual_hits))
            results.append([hit.service_id for hit in result.hits])
        session.rollback()
        connection = session.connection()
        spent = 0.0
        for point, engine_ids in zip(points, results, strict=False):
            if len(case.naive_ms) >= naive_max or (len(case.naive_ms) >= 3
                                                    and spent > args.naive_budget):
                break
            started = time.perf_counter_ns()
            naive_ids = naive_search(connection, point, case.radius, case.kind)
            elapsed = (time.perf_counter_ns() - started) / 1e6
            spent += elapsed / 1000
            case.naive_ms.append(elapsed)
            case.agree.append(naive_ids == engine_ids)
        session.rollback()
        print(f"    {case.label:<20} done: {len(case.engine_ms)} searches, "
              f"{len(case.naive_ms)} naive", flush=True)
    return cases


# --- reporting ---------------------------------------------------------------------------

def environment(session, build: dict) -> list[tuple[str, str]]:
    """What the figures depend on: database and version, companions, row counts, build time."""
    connection = session.connection()
    dialect = connection.dialect.name

    def one(sql: str):
        return connection.execute(text(sql)).scalar()

    total, virtual, services = connection.execute(text(
        "SELECT count(*), sum(CASE WHEN is_virtual THEN 1 ELSE 0 END), "
        "count(DISTINCT service_id) FROM dir_search_entry")).one()
    lines = [("database", dialect)]
    if dialect == "sqlite":
        path = connection.engine.url.database
        rtree = one(f"SELECT count(*) FROM {RTREE}")  # noqa: S608 - constant table names
        fts = one(f"SELECT count(*) FROM {FTS}")  # noqa: S608
        lines += [
            ("SQLite", sqlite3.sqlite_version),
            ("journal mode", one("PRAGMA journal_mode")),
            ("companions", f"R*Tree {rtree:,} rows, FTS5 {fts:,} rows"),
            ("file size", f"{os.path.getsize(path) / 2**20:,.0f} MiB  ({path})"),
        ]
    else:
        postgis = has_postgis_column(connection)
        version = one("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
        vectors = one("SELECT count(search_vector) FROM dir_search_entry")
        points = one("SELECT count(geog) FROM dir_search_entry") if postgis else 0
        size = one("SELECT pg_database_size(current_database())")
        lines += [
            ("PostgreSQL", one("SHOW server_version")),
            ("PostGIS", f"{version}: geography column, KNN path" if postgis
             else "no: bounding box on (latitude, longitude)"),
            ("companions", f"tsvector {vectors:,}"
             + (f", geography {points:,}" if postgis else "")),
            ("database size", f"{size / 2**20:,.0f} MiB"),
        ]
    cached = " (cached database, built earlier)" if build["cached"] else ""
    lines += [
        ("rows", f"{total:,} ({total - virtual:,} in person, {virtual:,} virtual), "
                 f"{services:,} services"),
        ("build", f"{build['build_seconds']:.1f} s{cached}"),
    ]
    return lines


def print_table(cases: list[Case]) -> None:
    header = (f"  {'case':<22} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'hits':>5} {'virt':>5}"
              f" | {'naive n':>7} {'p50 ms':>9} {'p99 ms':>9} | {'p50 ratio':>9} {'same':>5}")
    print(header)
    print("  " + "-" * (len(header) - 2))
    for case in cases:
        p50, p99 = percentile(case.engine_ms, 0.5), percentile(case.engine_ms, 0.99)
        n_p50, n_p99 = percentile(case.naive_ms, 0.5), percentile(case.naive_ms, 0.99)
        same = sum(case.agree) / len(case.agree)
        hits = sum(case.hits) / len(case.hits)
        virtual = sum(case.virtual) / len(case.virtual)
        print(f"  {case.label:<22} {len(case.engine_ms):>4} {p50:>8.2f} {p99:>8.2f}"
              f" {hits:>5.1f} {virtual:>5.1f}"
              f" | {len(case.naive_ms):>7} {n_p50:>9.1f} {n_p99:>9.1f}"
              f" | {n_p50 / p50:>8,.0f}x {same:>5.0%}")


def check_targets(cases: list[Case], dialect: str, size: int) -> list[tuple[str, bool]]:
    """The issue's targets (defined at 1M listings) against this run."""
    checks = []
    for case in cases:
        p50, p99 = percentile(case.engine_ms, 0.5), percentile(case.engine_ms, 0.99)
        if dialect == "sqlite":
            if case.kind == "category":
                checks.append((f"{case.label}: p50 {p50:.2f} <= {SQLITE_CATEGORY_P50_MS:g} ms",
                               p50 <= SQLITE_CATEGORY_P50_MS))
                checks.append((f"{case.label}: p99 {p99:.2f} <= {SQLITE_CATEGORY_P99_MS:g} ms",
                               p99 <= SQLITE_CATEGORY_P99_MS))
            if case.kind == "keyword":
                checks.append((f"{case.label}: p99 {p99:.2f} <= {SQLITE_KEYWORD_P99_MS:g} ms",
                               p99 <= SQLITE_KEYWORD_P99_MS))
        else:
            checks.append((f"{case.label}: p99 {p99:.2f} <= {POSTGRES_P99_MS:g} ms",
                           p99 <= POSTGRES_P99_MS))
        ratio = percentile(case.naive_ms, 0.5) / p50
        checks.append((f"{case.label}: {ratio:,.0f}x naive >= {MIN_SPEEDUP:,.0f}x",
                       ratio >= MIN_SPEEDUP))
    return checks


def bench_size(size: int, args) -> None:
    if args.database_url:
        url, build = postgres_database(args.database_url, size, args.seed, args.rebuild)
    else:
        url, build = sqlite_database(size, args.seed, args.rebuild)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        session = get_db().session
        for name, value in environment(session, build):
            print(f"  {name + ':':<15} {value}")
        session.rollback()
        points = sample_points(args.queries, args.seed)
        cases = run_cases(session, points, args)
        dialect = session.connection().dialect.name
        session.remove()
        get_db().engine.dispose()
    print()
    print_table(cases)
    short = [case.label for case in cases if len(case.engine_ms) < args.queries]
    if short:
        print(f"  Stopped after --case-budget {args.case_budget:g} s (fewer than {args.queries}"
              f" points): {', '.join(short)}.")
    naive_counts = {len(case.naive_ms) for case in cases}
    if max(naive_counts) < args.queries:
        print(f"  The naive baseline ran on the first {'/'.join(map(str, sorted(naive_counts)))}"
              f" of the {args.queries} points per case (about {args.naive_budget:g} s each);"
              " 'same' compares its first page with the engine's on those points.")
    checks = check_targets(cases, dialect, size)
    scope = "" if size == TARGET_SIZE else f" (targets are set for {TARGET_SIZE:,}; for reference)"
    print(f"\n  targets{scope}:")
    for description, ok in checks:
        print(f"    [{'met' if ok else 'MISSED'}] {description}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated listing counts (default: %(default)s)")
    parser.add_argument("--queries", type=int, default=300, help="points per case")
    parser.add_argument("--case-budget", type=float, default=120.0,
                        help="seconds per case after which it stops (with --min-queries)")
    parser.add_argument("--min-queries", type=int, default=100,
                        help="points per case run whatever the budget")
    parser.add_argument("--naive-budget", type=float, default=8.0,
                        help="seconds of naive baseline per case (at least 3 queries)")
    parser.add_argument("--naive-queries", type=int, default=0,
                        help="at most this many naive queries per case (0: as many as points)")
    parser.add_argument("--database-url",
                        help="PostgreSQL URL of a bench_* database; one database per size "
                             "(<name>_<size>) is created next to it (default: SQLite files "
                             f"under {CACHE_DIR})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="ignore cached databases")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size]

    print(f"Search benchmark  python {platform.python_version()}, SQLAlchemy "
          f"{sqlalchemy.__version__}, {os.cpu_count()} CPUs, {args.queries} points per case, "
          f"page of {PAGE}, seed {args.seed}")
    for size in sizes:
        print(f"\n== {size:,} listings ==")
        bench_size(size, args)


if __name__ == "__main__":
    main()
