"""Import benchmark: 100k synthetic services through the real import service, on SQLite.

    .venv/bin/python -m bench.import                       # 100,000 services, tabular (CSV)
    .venv/bin/python -m bench.import --count 10000 --format json
    .venv/bin/python -m bench.import --database-url postgresql+psycopg://postgres@127.0.0.1/bench

Generates an HSDS package of ``--count`` fictional services (with organizations, locations,
addresses, phones, schedules, languages and taxonomy attributes; ~0.5% of the locations
without coordinates, so the geocoder runs too) under /tmp, creates an empty database with the
real migrations (a new SQLite file unless ``--database-url`` is given: that database is
emptied first), then times ``directory.interop.importer.import_catalog`` and the commit, the
same calls ``flask directory import`` makes, and prints the time per phase, rows/s and
whether the target (100k services in 60 s on SQLite) is met. Exits 0 either way.

Everything is drawn from one ``random.Random(seed)``: a given (count, seed) always builds the
same data. Names, streets, phone numbers (555-01xx) and web addresses (example.org) are
invented; places are real metros and ZIP codes, so the geocoder has something to find.
"""

# ruff: noqa: E402 - the guard below must run before the imports
from __future__ import annotations

import os
import sys

if __name__ == "__main__" and not __package__:
    # Run as a file, bench/ would come first on sys.path and bench/http.py would shadow the
    # standard library's http: run as a module instead.
    ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "bench.import", *sys.argv[1:]])  # noqa: S606

import argparse
import csv
import json
import platform
import random
import shutil
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy

from bench import synthetic
from directory import create_app, migrations_runner
from directory.database import session
from directory.geo import get_gazetteer
from directory.interop import tabular
from directory.interop.importer import import_catalog
from directory.search.engine import count_entries

TARGET_COUNT = 100_000
TARGET_SECONDS = 60.0
WORK_DIR = Path(tempfile.gettempdir()) / "bench-import"
TODAY = date(2026, 6, 1)
TAXONOMY_ID = "5f1d1b55-0000-4000-8000-000000000001"


# ---- synthetic HSDS ----------------------------------------------------------------------


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def taxonomy_terms() -> list[dict[str, Any]]:
    """The directory's categories (bench/synthetic.py), as HSDS terms with fixed ids."""
    ids = {code: str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench-term:{code}"))
           for code in synthetic.TERMS}
    detail = {"id": TAXONOMY_ID, "name": "Benchmark Recovery Taxonomy",
              "description": "Categories of the import benchmark.", "version": "1"}
    terms = []
    for code, (name, parent) in synthetic.TERMS.items():
        term = {"id": ids[code], "code": code, "name": name, "description": name,
                "taxonomy": detail["name"], "language": "en", "taxonomy_id": TAXONOMY_ID}
        if parent:
            term["parent_id"] = ids[parent]
        terms.append(term)
    terms[0]["taxonomy_detail"] = detail
    return terms


def zip_pools(rng: random.Random) -> dict[str, list]:
    """Real ZIP codes around each metro (nearest gazetteer ZIPs to scattered points)."""
    gazetteer = get_gazetteer()
    pools = {}
    for metro in synthetic.METROS:
        places = {}
        for _ in range(40):
            found = gazetteer.nearest(*synthetic.scatter(rng, metro), 60.0)
            if found:
                places[found[0].zip] = found[0]
        pools[metro.name] = sorted(places.values(), key=lambda place: place.zip)
    return pools


def organizations(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Full HSDS organizations (locations, services and their details) holding ``count``
    services in all."""
    rng = random.Random(seed)
    pools = zip_pools(rng)
    term_ids = {term["code"]: term["id"] for term in taxonomy_terms()}
    leaves = list(synthetic.LEAF_WEIGHTS)
    made = 0
    while made < count:
        metro = synthetic.pick_metro(rng)
        org_id = _uuid(rng)
        name = f"{rng.choice(synthetic.PLACE_WORDS)} {rng.choice(synthetic.ORG_SUFFIXES)}"
        slug = f"org{made}"
        organization = {
            "id": org_id, "name": name, "description": f"{name} serves {metro.name}.",
            "email": f"info@{slug}.example.org", "website": f"https://{slug}.example.org",
            "year_incorporated": rng.randint(1970, 2024),
            "phones": [{"id": _uuid(rng), "organization_id": org_id,
                        "number": f"555-01{rng.randint(0, 99):02d}", "type": "voice"}],
            "locations": [], "services": [],
        }
        for _ in range(min(rng.randint(1, 9), count - made)):
            made += 1
            code = rng.choices(leaves, weights=list(synthetic.LEAF_WEIGHTS.values()))[0]
            service_id = _uuid(rng)
            location = _location(rng, metro, pools[metro.name], org_id, name)
            organization["locations"].append(location)
            organization["services"].append(
                _service(rng, metro, code, term_ids, service_id, org_id, location["id"]))
        yield organization


def _location(rng: random.Random, metro, pool, org_id: str, name: str) -> dict[str, Any]:
    location_id = _uuid(rng)
    if rng.random() < 0.05:
        return {"id": location_id, "organization_id": org_id, "location_type": "virtual",
                "name": f"{name} online", "url": "https://meet.example.org/recovery"}
    place = rng.choice(pool)
    latitude, longitude = synthetic.scatter(rng, metro)
    location = {
        "id": location_id, "organization_id": org_id, "location_type": "physical",
        "name": f"{name} {place.city}", "time_zone": metro.time_zone,
        "latitude": round(latitude, 6), "longitude": round(longitude, 6),
        "addresses": [{
            "id": _uuid(rng), "location_id": location_id,
            "address_1": f"{rng.randint(1, 9999)} {rng.choice(synthetic.STREETS)}",
            "city": place.city.title(), "state_province": place.state,
            "postal_code": place.zip, "country": "US", "address_type": "physical",
        }],
        "phones": [{"id": _uuid(rng), "location_id": location_id,
                    "number": f"555-01{rng.randint(0, 99):02d}", "type": "voice",
                    "description": "Front desk"}] if rng.random() < 0.5 else [],
    }
    if rng.random() < 0.005:  # left for the geocoder
        del location["latitude"], location["longitude"]
    return location


def _service(rng: random.Random, metro, code: str, term_ids: dict[str, str], service_id: str,
             org_id: str, location_id: str) -> dict[str, Any]:
    housing = code == "recovery-housing"
    beds = rng.randint(4, 24) if housing else None
    codes = [code] + ([rng.choice(list(synthetic.LEAF_WEIGHTS))] if rng.random() < 0.3 else [])
    place_id = _uuid(rng)
    service: dict[str, Any] = {
        "id": service_id, "organization_id": org_id,
        "name": f"{rng.choice(synthetic.PLACE_WORDS)} "
                f"{rng.choice(synthetic.KIND_PHRASES[code])}",
        "description": f"{synthetic.SUMMARY_SENTENCES[code]} "
                       f"{rng.choice(synthetic.GENERIC_SENTENCES)}",
        "status": "active" if rng.random() < 0.95 else "inactive",
        "assured_date": (TODAY - timedelta(days=rng.randint(0, 700))).isoformat(),
        "last_modified": datetime(2026, 5, 1, 12, tzinfo=UTC).isoformat().replace(
            "+00:00", "Z"),
        "accepting_new_clients": rng.random() < 0.8,
        "gender_eligibility": rng.choices(("all", "female", "male"), weights=(85, 8, 7))[0],
        "insurance_accepted": [kind for kind, share in
                               (("medicaid", 0.45), ("medicare", 0.25), ("private", 0.35))
                               if rng.random() < share],
        "free_of_charge": rng.random() < 0.4,
        "phones": [{"id": _uuid(rng), "service_id": service_id,
                    "number": f"555-01{rng.randint(0, 99):02d}", "type": "voice"}],
        "schedules": [],
        "languages": [{"id": _uuid(rng), "service_id": service_id, "name": "English",
                       "code": "en"}]
        + ([{"id": _uuid(rng), "service_id": service_id, "name": "Spanish", "code": "es"}]
           if rng.random() < 0.25 else []),
        "attributes": [{"id": _uuid(rng), "link_id": service_id, "link_entity": "service",
                        "taxonomy_term_id": term_ids[c]} for c in dict.fromkeys(codes)],
        "service_at_locations": [{
            "id": place_id, "service_id": service_id, "location_id": location_id,
            "schedules": [{"id": _uuid(rng), "service_at_location_id": place_id,
                           "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR",
                           "opens_at": f"{rng.randint(7, 10):02d}:00",
                           "closes_at": f"{rng.randint(16, 20):02d}:00"}],
        }],
    }
    if housing:
        service.update(beds_total=beds, beds_available=rng.randint(0, beds),
                       allows_mat=rng.random() < 0.6,
                       narr_level=rng.choice(("I", "II", "III", "IV")))
    return service


# ---- writing the package -----------------------------------------------------------------


def write_json(folder: Path, count: int, seed: int) -> int:
    with (folder / "organizations.json").open("w", encoding="utf-8") as stream:
        stream.write("[\n")
        for number, organization in enumerate(organizations(count, seed)):
            stream.write((",\n" if number else "") + json.dumps(organization))
        stream.write("\n]\n")
    (folder / "taxonomy_terms.json").write_text(json.dumps(taxonomy_terms()), encoding="utf-8")
    return sum(1 for _ in folder.iterdir())


# Nested HSDS JSON key -> (HSDS table, keys holding nested lists of that table's rows).
_NESTED = {
    "phones": "phone", "locations": "location", "addresses": "address",
    "services": "service", "schedules": "schedule", "languages": "language",
    "attributes": "attribute", "service_at_locations": "service_at_location",
}


def write_csv(folder: Path, count: int, seed: int) -> int:
    """The tabular package: the organizations above flattened into the 21 CSV files."""
    streams, writers = {}, {}
    resources = {resource.name: resource for resource in tabular.resources()}
    for resource in resources.values():
        streams[resource.name] = (folder / resource.path).open("w", encoding="utf-8",
                                                               newline="")
        writers[resource.name] = csv.writer(streams[resource.name])
        writers[resource.name].writerow(resource.field_names)

    def put(table: str, record: dict[str, Any]) -> None:
        flat = {key: value for key, value in record.items() if key not in _NESTED}
        if table == "service":
            flat["insurance_accepted"] = ",".join(record.get("insurance_accepted", []))
        writers[table].writerow([
            flat.get(f.name) if isinstance(flat.get(f.name), str)
            else tabular.cell(flat.get(f.name), f.type)
            for f in resources[table].fields])
        for key, child_table in _NESTED.items():
            for child in record.get(key, []):
                put(child_table, child)

    detail = None
    for term in taxonomy_terms():
        detail = term.pop("taxonomy_detail", None) or detail
        put("taxonomy_term", term)
    put("taxonomy", detail)
    for organization in organizations(count, seed):
        put("organization", organization)
    for stream in streams.values():
        stream.close()
    tabular.write_descriptor(folder)
    return len(streams) + 1


# ---- running -----------------------------------------------------------------------------


class Phases:
    """A progress callback that times each phase of the import instead of drawing bars."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, label: str, total: int):
        started = time.perf_counter()
        yield lambda steps: None
        self.times.append((label, time.perf_counter() - started))


def empty_database(url: str | None, folder: Path) -> str:
    if url is None:
        path = folder / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        # Every table of ours (including those of modules this script does not import) and
        # the migrations' version table; nothing else (PostGIS keeps its own).
        tables = sqlalchemy.MetaData()
        with warnings.catch_warnings():  # PostGIS's geography type is unknown to reflection
            warnings.simplefilter("ignore", sqlalchemy.exc.SAWarning)
            tables.reflect(connection, only=lambda name, _meta: (
                name.startswith("dir_") or name == "alembic_version"))
        tables.drop_all(connection)
    engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=TARGET_COUNT, help="services to generate")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None,
                        help="import into this database (emptied first) instead of SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the package and database")
    args = parser.parse_args()

    folder = WORK_DIR / f"{args.format}-{args.count}-seed{args.seed}"
    if folder.exists():
        shutil.rmtree(folder)
    package = folder / "package"
    package.mkdir(parents=True)
    started = time.perf_counter()
    writer = write_csv if args.format == "csv" else write_json
    files = writer(package, args.count, args.seed)
    size = sum(p.stat().st_size for p in package.iterdir())
    print(f"Generated {args.count:,} services as {args.format} ({files} files, "
          f"{size / 1e6:.1f} MB) in {package} in {time.perf_counter() - started:.1f} s")

    url = empty_database(args.database_url, folder)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        migrations_runner.upgrade()
        phases = Phases()
        started = time.perf_counter()
        report = import_catalog([package], progress=phases)
        session.commit()
        elapsed = time.perf_counter() - started
        indexed = count_entries(session)
        dialect = session.get_bind().dialect.name
    rows = sum(total for total, _new in report.tables.values())
    print(f"Imported into an empty {dialect} database: {report.count('service'):,} services, "
          f"{report.count('organization'):,} organizations, {report.count('location'):,} "
          f"locations, {rows:,} rows in all; {indexed:,} search index rows; "
          f"{len(report.geocoded)} locations geocoded ({len(report.approximate)} approximate)")
    accounted = sum(seconds for _, seconds in phases.times)
    for label, seconds in phases.times:
        print(f"  {label:<16} {seconds:7.1f} s")
    print(f"  {'other (checks, index, commit)':<16} {elapsed - accounted:7.1f} s")
    print(f"Import time: {elapsed:.1f} s  ({rows / elapsed:,.0f} rows/s, "
          f"{report.count('service') / elapsed:,.0f} services/s)")
    if args.count == TARGET_COUNT and dialect == "sqlite":
        verdict = "met" if elapsed <= TARGET_SECONDS else "MISSED"
        print(f"Target (100k services in <= {TARGET_SECONDS:.0f} s on SQLite), "
              f"{args.format}: {verdict}")
        if args.format == "json":
            print("  (JSON records are each checked against the HSDS JSON Schema and built "
                  "as ORM objects by the loader; the target is for the tabular package)")
    print(f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
          f"SQLite {__import__('sqlite3').sqlite_version}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
