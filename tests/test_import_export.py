"""``flask directory import`` and ``export``: HSDS JSON and the tabular (CSV) data package.

Checked against the database: every problem of a bad input is reported and nothing is
written; re-imports are idempotent; ``--prune`` and ``--dry-run``; geocoding; and the lossless
round trip export → import into an empty database → export, in both formats.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, select

from directory import create_app
from directory.catalog.models import (
    Attribute,
    Location,
    MetadataRecord,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.database import Base, session
from directory.geo import get_gazetteer
from directory.search.indexer import rebuild_index
from directory.search.models import SearchEntry
from tests import dbutil
from tests.conftest import (
    DATA_DIR,
    SMALL_CATALOG,
    app_settings,
    dispose_engines,
    scratch_name,
)

IMPORT_DATA = DATA_DIR / "import"
SPEC_CSV = IMPORT_DATA / "hsds_csv"
SPEC_CSV_FIXED = IMPORT_DATA / "hsds_csv_fixed"
SPEC_JSON = IMPORT_DATA / "hsds_json"
SPEC_JSON_FIXED = IMPORT_DATA / "hsds_json_fixed"
BROKEN_CSV = IMPORT_DATA / "broken_csv"
SPEC_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
SPEC_ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SPEC_LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
HARBOR_LIGHT = "20000000-0000-4000-8000-000000000001"
COACHING = "30000000-0000-4000-8000-000000000001"
HOUSING = "30000000-0000-4000-8000-000000000002"
CENTER = "40000000-0000-4000-8000-000000000001"


# ---- helpers -----------------------------------------------------------------------------


def run(app: Flask, *args):
    """``flask directory <args>`` on ``app``."""
    return app.test_cli_runner().invoke(args=["directory", *map(str, args)])


def row_counts(app: Flask) -> dict[str, int]:
    """Rows in every table of our metadata (catalog, search index, accounts ...)."""
    with app.app_context():
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(rows)  # the dialect the export writes
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def edit_csv(path: Path, edit) -> None:
    """``edit(header, rows)`` may change both lists in place."""
    header, *rows = read_csv(path)
    edit(header, rows)
    write_csv(path, [header, *rows])


def seed_small_catalog(app: Flask) -> None:
    result = run(app, "seed", SMALL_CATALOG)
    assert result.exit_code == 0, result.output


def entries(app: Flask) -> list[tuple]:
    """The search index rows, without their (generated) ids, in a stable order.

    A service's taxonomy terms have no order (PostgreSQL may load them in any), so neither
    have the words and category names made of them.
    """
    columns = [c for c in SearchEntry.__table__.columns if c.key != "id"]
    with app.app_context():
        rows = session.execute(select(*columns)).mappings().all()
    unordered = {"search_text": " ", "category_names": "|"}
    return sorted((tuple(
        sorted(row[c.key].split(unordered[c.key])) if c.key in unordered and row[c.key]
        else row[c.key] for c in columns) for row in rows), key=repr)


@pytest.fixture
def make_scratch_app(database_url) -> Iterator:
    """``make_scratch_app()``: an app on a new empty database of the suite's kind."""
    made: list[tuple[Flask, str]] = []

    def make() -> Flask:
        url = dbutil.scratch_database_url(scratch_name(f"interop{len(made)}"))
        engine = create_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        application = create_app(app_settings(url))
        made.append((application, url))
        return application

    yield make
    for application, url in made:
        dispose_engines(application)
        dbutil.drop_scratch_database(url)


@pytest.fixture(scope="module")
def seeded_exports(seeded_app, tmp_path_factory) -> dict[str, Path]:
    """The demo catalog exported once in each format."""
    folders = {}
    for fmt in ("json", "csv"):
        folder = tmp_path_factory.mktemp(f"seeded-{fmt}")
        result = run(seeded_app, "export", folder, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert not result.stderr  # the demo catalog fits HSDS JSON entirely
        folders[fmt] = folder
    return folders


# ---- the HSDS specification's examples -------------------------------------------------------

SPEC_CSV_PROBLEMS = [  # (file, field, words of the message), all on row 2
    ("organizations.csv", "parent_organization_id",
     "no organization with id cd09a387-91f4-4555-94ec-e799c35344cd"),
    ("attributes.csv", "link_entity", "'link_entity' is not an HSDS table"),
    ("locations.csv", "latitude", "must be between -90 and 90"),
    ("locations.csv", "organization_id",
     "no organization with id 985e4a42-bd9f-4edc-911d-0243a4640aca"),
    ("contacts.csv", "organization_id",
     "no organization with id ae67a707-5893-4225-b0b1-320ab9cb596b"),
    ("contacts.csv", "service_at_location_id",
     "no service_at_location with id 93eaf18d-1cd2-4ec7-bffb-3c9172ee5070"),
    ("taxonomy_terms.csv", "parent_id",
     "no taxonomy_term with id 0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"),
    ("taxonomy_terms.csv", "taxonomy_id",
     "no taxonomy with id 07ff6aee-a219-438c-b694-d2fcb6c5373b"),
]


def test_spec_example_package_is_refused_with_every_problem(app):
    """The HSDS example package has a latitude of 100 and ids of records it lacks."""
    before = row_counts(app)
    result = run(app, "import", SPEC_CSV)
    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == len(SPEC_CSV_PROBLEMS), result.stderr
    for file, field, words in SPEC_CSV_PROBLEMS:
        prefix = f"error: {SPEC_CSV / file}: row 2 (id "
        assert any(line.startswith(prefix) and f"): {field}: " in line and words in line
                   for line in lines), (file, field, result.stderr)
    assert "8 problem(s) in the input; nothing was loaded" in result.stderr
    assert row_counts(app) == before


def test_corrected_spec_example_package_imports(app):
    result = run(app, "import", SPEC_CSV_FIXED)
    assert result.exit_code == 0, result.output
    assert "Imported from 21 csv file(s): 1 organization (1 new), 1 program (1 new), " \
           "1 service (1 new)" in result.stdout
    # The example's table-description row has no table here: said, not silently dropped.
    assert "meta_table_descriptions.csv: 1 meta_table_description row(s) read but not kept" \
        in result.stderr
    with app.app_context():
        service = session.get(Service, SPEC_SERVICE)
        assert service.name == "Community Counselling"
        assert service.organization.name == "Example Organization Inc."
        assert service.program.name == "Community Mental Health Support"
        assert (service.minimum_age, service.maximum_age) == (12, 100)
        assert service.last_modified.isoformat() == "2023-03-15T10:30:45.123000+00:00"
        assert [term.id for term in service.taxonomy_terms] == [
            "3f7b145d-84af-42d7-8fae-eaca714b02b2"]
        location = service.locations[0]
        assert (location.latitude, location.longitude) == (51.5, 101.0)
        assert location.physical_address is not None
        assert service.phones[0].number == '"+44 1234 234567"'
        assert service.phones[0].extension == 100
        schedule = service.schedules[0]
        assert (schedule.byday, schedule.opens_at, schedule.timezone) == ("TH,FR", "10:00:00",
                                                                          3.0)
        assert (service.cost_options[0].amount, service.cost_options[0].currency) == (35.0,
                                                                                     "gbp")
        record = session.execute(select(MetadataRecord)).scalar_one()
        assert (record.resource_type, record.field_name) == ("location", "name")
        assert session.execute(select(func.count(SearchEntry.id)).where(
            SearchEntry.service_id == SPEC_SERVICE)).scalar_one() == 1
    before = row_counts(app)
    again = run(app, "import", SPEC_CSV_FIXED)
    assert again.exit_code == 0, again.output
    assert "(1 new)" not in again.stdout
    assert row_counts(app) == before


@pytest.mark.parametrize("name", sorted(p.name for p in SPEC_JSON.glob("*.json")))
def test_spec_json_examples_are_refused(app, name):
    """Their latitude 100 and the parents they name but lack are all reported."""
    before = row_counts(app)
    result = run(app, "import", SPEC_JSON / name)
    assert result.exit_code == 1
    lines = errors(result)
    assert lines
    for line in lines:
        assert line.startswith(f"error: {SPEC_JSON / name}: record 1 (id ")
        field = line.split(": ")[3]
        assert field.rsplit(".", 1)[-1] in {"latitude", "parent_id", "parent_organization_id"}
    assert row_counts(app) == before


@pytest.mark.parametrize("name, model, key", [
    ("service_full.json", Service, SPEC_SERVICE),
    ("organization_full.json", Organization, SPEC_ORGANIZATION),
    ("service_list.json", Service, SPEC_SERVICE),
    ("organization_list.json", Organization, SPEC_ORGANIZATION),
    ("taxonomy_term.json", TaxonomyTerm, "3f7b145d-84af-42d7-8fae-eaca714b02b2"),
])
def test_corrected_spec_json_examples_import(app, name, model, key):
    result = run(app, "import", SPEC_JSON_FIXED / name)
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert session.get(model, key) is not None
    before = row_counts(app)
    assert run(app, "import", SPEC_JSON_FIXED / name).exit_code == 0
    assert row_counts(app) == before


def test_json_and_csv_examples_describe_the_same_records(app):
    """The corrected JSON examples, imported over the corrected package, add nothing."""
    assert run(app, "import", SPEC_CSV_FIXED).exit_code == 0
    before = row_counts(app)
    result = run(app, "import", SPEC_JSON_FIXED / "service_full.json")
    assert result.exit_code == 0, result.output
    assert row_counts(app) == before


# ---- broken input ----------------------------------------------------------------------------

BROKEN_CSV_PROBLEMS = [  # (file, row, field, words of the message), in the order reported
    ("organizations.csv", 2, "year_incorporated", "'nineteen eleven' is not a number"),
    ("services.csv", 2, "status", "'sometimes' is not one of 'active'"),
    ("services.csv", 2, "insurance_accepted", "'gold': must be a comma-separated list"),
    ("services.csv", 2, "beds_available", "is more than beds_total"),
    ("attributes.csv", 2, "taxonomy_term_id",
     "no taxonomy_term with id 3f7b145d-84af-42d7-8fae-eaca714b02b2"),
    ("locations.csv", 2, "latitude", "must be between -90 and 90"),
    ("phones.csv", 2, "service_id", "no service with id ac148810-d857-441c-9679-408f346de14c"),
    ("addresses.csv", 3, "id", "is also on row 2"),
    ("schedules.csv", 2, "opens_at", "'25:99' is not a time like 09:00"),
    ("languages.csv", 2, "(row)", "has 6 cells; the header has 7"),
    ("taxonomy_terms.csv", 2, "id", "'not-a-uuid' is not a 'uuid'"),
]


def test_broken_package_reports_every_problem_and_writes_nothing(app):
    seed_small_catalog(app)  # tables with rows, so "nothing written" means something
    before = row_counts(app)
    result = run(app, "import", BROKEN_CSV)
    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == len(BROKEN_CSV_PROBLEMS), result.stderr
    for line, (file, row, field, words) in zip(lines, BROKEN_CSV_PROBLEMS, strict=True):
        assert line.startswith(f"error: {BROKEN_CSV / file}: row {row} (id "), line
        assert f"): {field}: " in line and words in line, line
    assert f"{len(BROKEN_CSV_PROBLEMS)} problem(s) in the input; nothing was loaded" \
        in result.stderr
    assert "Imported" not in result.stdout
    assert row_counts(app) == before


def test_broken_json_files_report_every_problem_and_write_nothing(app):
    seed_small_catalog(app)
    before = row_counts(app)
    broken = DATA_DIR / "broken"
    result = run(app, "import", broken)
    assert result.exit_code == 1
    lines = errors(result)
    names = sorted(p.name for p in broken.glob("*.json") if p.name != "a_good.json")
    assert len(lines) == len(names), result.stderr
    for name in names:  # file, record and field of each
        assert sum(line.startswith(f"error: {broken / name}: ") for line in lines) == 1, name
    assert row_counts(app) == before


def test_missing_and_unreadable_files_are_problems(app, tmp_path):
    (tmp_path / "services.csv").write_bytes(b"id,name\n\xff\xfe\n")
    result = run(app, "import", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nowhere'}: -: -: file not found" in result.stderr
    result = run(app, "import", tmp_path)
    assert result.exit_code == 1
    assert "services.csv: -: -: not UTF-8 text" in result.stderr


def test_a_missing_required_column_is_reported_at_the_header(app, tmp_path):
    shutil.copytree(SPEC_CSV_FIXED, tmp_path / "package")


    def drop_number(header, rows):
        column = header.index("number")
        for row in [header, *rows]:
            del row[column]

    edit_csv(tmp_path / "package" / "phones.csv", drop_number)
    result = run(app, "import", tmp_path / "package")
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: {tmp_path / 'package' / 'phones.csv'}: row 1 (header): number: "
        "a required column is missing"]


def test_json_and_a_package_together_are_refused(app):
    result = run(app, "import", SPEC_CSV_FIXED, SMALL_CATALOG)
    assert result.exit_code == 1
    assert "JSON and a tabular package cannot be imported together" in result.stderr
    assert sum(row_counts(app).values()) == 0


# ---- dry run, re-import, prune -----------------------------------------------------------------


@pytest.mark.parametrize("source", [SPEC_CSV_FIXED, SMALL_CATALOG], ids=["csv", "json"])
def test_dry_run_writes_nothing(app, source):
    result = run(app, "import", "--dry-run", source)
    assert result.exit_code == 0, result.output
    assert "Would import from" in result.stdout and "(1 new)" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert sum(row_counts(app).values()) == 0


def test_dry_run_with_prune_says_what_it_would_delete(app, make_organization):
    seed_small_catalog(app)
    make_organization(name="Not In The File")
    before = row_counts(app)
    result = run(app, "import", "--dry-run", "--prune", SMALL_CATALOG)
    assert result.exit_code == 0, result.output
    assert "Would delete (--prune) records not in the input: 1 organization, 1 phone." \
        in result.stdout
    assert row_counts(app) == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_reimport_is_idempotent(app, tmp_path, fmt):
    seed_small_catalog(app)
    assert run(app, "export", tmp_path / "first", "--format", fmt).exit_code == 0
    before = row_counts(app)
    for _ in range(2):
        result = run(app, "import", tmp_path / "first")
        assert result.exit_code == 0, result.output
        assert " new)" in result.stdout and "(1 new)" not in result.stdout
    assert row_counts(app) == before
    assert run(app, "export", tmp_path / "second", "--format", fmt).exit_code == 0
    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")


def test_csv_reimport_updates_rows_and_keeps_records_absent_from_it(app, tmp_path):
    seed_small_catalog(app)
    package = tmp_path / "package"
    assert run(app, "export", package, "--format", "csv").exit_code == 0

    def edit(header, rows):
        for row in rows:
            if row[0] == COACHING:
                row[header.index("name")] = "Peer Recovery Coaching and Mentoring"
        rows[:] = [row for row in rows if row[0] != HOUSING]

    edit_csv(package / "services.csv", edit)
    before = row_counts(app)
    result = run(app, "import", package)
    assert result.exit_code == 0, result.output
    assert "1 service (0 new)" in result.stdout
    assert row_counts(app) == before  # the residence is kept without --prune
    with app.app_context():
        assert session.get(Service, COACHING).name == "Peer Recovery Coaching and Mentoring"
        assert session.get(Service, HOUSING) is not None
        name = session.execute(select(SearchEntry.name).where(
            SearchEntry.service_id == COACHING)).scalars().first()
        assert name == "Peer Recovery Coaching and Mentoring"  # reindexed


def test_a_package_without_our_columns_keeps_our_extension_values(app, tmp_path):
    """A plain HSDS services.csv updates the HSDS fields and leaves our profile's alone."""
    seed_small_catalog(app)
    package = tmp_path / "package"
    assert run(app, "export", package, "--format", "csv").exit_code == 0
    hsds_fields = read_csv(SPEC_CSV / "services.csv")[0]

    def edit(header, rows):
        keep = [header.index(name) for name in hsds_fields]
        for row in rows:
            if row[0] == HOUSING:
                row[header.index("name")] = "Harbor House"
        rows[:] = [[row[i] for i in keep] for row in rows]
        header[:] = hsds_fields

    edit_csv(package / "services.csv", edit)
    assert run(app, "import", package).exit_code == 0
    with app.app_context():
        housing = session.get(Service, HOUSING)
        assert housing.name == "Harbor House"
        assert (housing.beds_total, housing.beds_available, housing.narr_level) == (12, 3, "II")
        assert housing.gender_eligibility == "male" and housing.allows_mat is True
        assert session.get(Service, COACHING).insurance_accepted == ["medicaid"]


def _drop_records(package: Path, ids: set[str]) -> None:
    """Remove rows with these ids from a package, and the rows that refer to them."""
    changed = True
    while changed:
        changed = False
        for path in package.glob("*.csv"):
            rows = read_csv(path)
            kept = [rows[0]] + [row for row in rows[1:] if not ids & set(row)]
            if len(kept) < len(rows):
                ids |= {row[0] for row in rows[1:] if ids & set(row)}
                write_csv(path, kept)
                changed = True


def test_prune_deletes_what_the_package_lacks(app, tmp_path):
    seed_small_catalog(app)
    package = tmp_path / "package"
    assert run(app, "export", package, "--format", "csv").exit_code == 0
    _drop_records(package, {HOUSING})
    result = run(app, "import", "--prune", package)
    assert result.exit_code == 0, result.output
    assert "Deleted (--prune) records not in the input: 1 service, 1 attribute, " \
           "1 service_at_location." in result.stdout
    with app.app_context():
        assert session.get(Service, HOUSING) is None
        assert session.get(Service, COACHING) is not None
        indexed = set(session.execute(select(SearchEntry.service_id)).scalars())
    assert indexed == {COACHING}
    # The catalog is now exactly the package.
    assert run(app, "export", tmp_path / "after", "--format", "csv").exit_code == 0
    assert files_of(tmp_path / "after") == files_of(package)


def test_prune_of_json_deletes_organizations_absent_from_it(app, make_organization):
    seed_small_catalog(app)
    extra = make_organization(name="Not In The File")
    result = run(app, "import", "--prune", SMALL_CATALOG)
    assert result.exit_code == 0, result.output
    assert "Deleted (--prune) records not in the input: 1 organization, 1 phone." \
        in result.stdout
    with app.app_context():
        assert session.get(Organization, extra.id) is None
        assert session.get(Organization, HARBOR_LIGHT) is not None
        assert session.execute(select(func.count(SearchEntry.id))).scalar_one() == 3


def test_prune_needs_every_reference_inside_the_input(app):
    """With --prune the input is the whole catalog: terms it lacks would be deleted."""
    seed_small_catalog(app)
    before = row_counts(app)
    result = run(app, "import", "--prune", SMALL_CATALOG / "harbor_light.json")
    assert result.exit_code == 1
    assert all("in the input" in line and "taxonomy_term_id" in line for line in errors(result))
    assert row_counts(app) == before


# ---- geocoding ---------------------------------------------------------------------------------


def test_an_address_without_coordinates_is_geocoded_to_its_zip_centroid(app, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(SPEC_CSV_FIXED, package)

    def no_coordinates(header, rows):
        rows[0][header.index("latitude")] = rows[0][header.index("longitude")] = ""

    def in_portland(header, rows):
        for name, value in (("address_1", "1120 NW Couch St"), ("address_2", ""),
                            ("city", "Portland"), ("region", ""), ("state_province", "OR"),
                            ("postal_code", "97209"), ("country", "US"),
                            ("address_type", "physical")):
            rows[0][header.index(name)] = value

    edit_csv(package / "locations.csv", no_coordinates)
    edit_csv(package / "addresses.csv", in_portland)
    result = run(app, "import", package)
    assert result.exit_code == 0, result.output
    assert "Geocoded 1 location(s) without coordinates; 1 approximate" in result.stdout
    assert (f"approximate: location {SPEC_LOCATION} (MyCity Civic Center): "
            "'1120 NW Couch St, Portland, OR 97209' -> zip centroid of Portland, OR 97209"
            ) in result.stdout
    centroid = get_gazetteer().zip("97209")
    with app.app_context():
        location = session.get(Location, SPEC_LOCATION)
        assert (location.latitude, location.longitude) == (centroid.latitude,
                                                           centroid.longitude)
        assert location.time_zone == "America/Los_Angeles"  # from the gazetteer
        entry = session.execute(select(SearchEntry).where(
            SearchEntry.location_id == SPEC_LOCATION)).scalar_one()
        assert entry.latitude == centroid.latitude


def test_json_locations_are_geocoded_too_and_unknown_places_are_reported(app, tmp_path):
    data = json.loads((SMALL_CATALOG / "harbor_light.json").read_text(encoding="utf-8"))
    center = data[0]["locations"][0]
    del center["latitude"], center["longitude"]
    center["addresses"][0]["postal_code"] = "97209"
    shutil.copy(SMALL_CATALOG / "taxonomy_terms.json", tmp_path)
    (tmp_path / "harbor_light.json").write_text(json.dumps(data), encoding="utf-8")
    assert run(app, "import", tmp_path).exit_code == 0
    with app.app_context():
        location = session.get(Location, CENTER)
        assert location.latitude == get_gazetteer().zip("97209").latitude

    center["addresses"][0].update(city="Nowhere Special", postal_code="00000")
    (tmp_path / "harbor_light.json").write_text(json.dumps(data), encoding="utf-8")
    result = run(app, "import", tmp_path)  # JSON into a catalog with records: the ORM merge
    assert result.exit_code == 0, result.output
    assert (f"warning: location {CENTER} (Harbor Light Community Center) has no coordinates: "
            "'415 SW Harbor Way, Nowhere Special, OR 00000': address not found"
            ) in result.stderr
    with app.app_context():
        assert session.get(Location, CENTER).latitude is None


# ---- the round trip ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_of_the_demo_catalog_is_lossless(seeded_exports, make_scratch_app,
                                                    tmp_path, fmt):
    """Export → import into an empty database → export gives the same bytes."""
    scratch = make_scratch_app()
    result = run(scratch, "import", seeded_exports[fmt])
    assert result.exit_code == 0, result.output
    assert " new)" in result.stdout and "(0 new)" not in result.stdout
    assert not result.stderr
    assert run(scratch, "export", tmp_path / "again", "--format", fmt).exit_code == 0
    assert files_of(tmp_path / "again") == files_of(seeded_exports[fmt])
    # Either format holds everything the other does.
    other = "csv" if fmt == "json" else "json"
    assert run(scratch, "export", tmp_path / other, "--format", other).exit_code == 0
    assert files_of(tmp_path / other) == files_of(seeded_exports[other])


def test_the_fast_index_of_an_empty_catalog_equals_a_rebuilt_one(seeded_exports,
                                                                 make_scratch_app):
    scratch = make_scratch_app()
    assert run(scratch, "import", seeded_exports["csv"]).exit_code == 0
    fast = entries(scratch)
    with scratch.app_context():
        rebuild_index(session)
        session.commit()
    assert fast and entries(scratch) == fast


def test_round_trip_keeps_metadata_and_attributes_of_any_record(app, make_scratch_app,
                                                                tmp_path):
    package = tmp_path / "package"
    shutil.copytree(SPEC_CSV_FIXED, package)

    def more_attributes(header, rows):
        row = dict(zip(header, rows[0], strict=True))
        row.update(id="ae58cc39-8b70-4ab1-8aea-786882e5ac8f", link_id=SPEC_ORGANIZATION,
                   link_entity="organization", value="")
        rows.append([row[name] for name in header])

    def more_metadata(header, rows):
        row = dict(zip(header, rows[0], strict=True))
        row.update(id="6cd71e9f-1013-49d9-8370-26b8f59d3e5b", resource_id=SPEC_SERVICE,
                   resource_type="service", last_action_date="2024-02-29T13:45:00Z",
                   previous_value="", replacement_value="Community Counselling")
        rows.append([row[name] for name in header])

    edit_csv(package / "attributes.csv", more_attributes)
    edit_csv(package / "metadata.csv", more_metadata)
    assert run(app, "import", package).exit_code == 0
    for fmt in ("csv", "json"):
        first, again = tmp_path / f"{fmt}-1", tmp_path / f"{fmt}-2"
        result = run(app, "export", first, "--format", fmt)
        assert result.exit_code == 0, result.output
        scratch = make_scratch_app()
        imported = run(scratch, "import", first)
        assert imported.exit_code == 0, imported.output
        assert run(scratch, "export", again, "--format", fmt).exit_code == 0
        assert files_of(again) == files_of(first)
        with scratch.app_context():
            kept = set(session.execute(select(MetadataRecord.resource_type)).scalars())
            side = session.execute(select(Attribute.link_entity).where(
                Attribute.link_id == SPEC_ORGANIZATION)).scalars().all()
        assert side == ["organization"]
        if fmt == "csv":
            assert kept == {"location", "service"}
        else:
            # The example's history row is about a location the example lacks: JSON nests
            # metadata in its record, so that row cannot be written (and the export says so).
            assert kept == {"service"}
            assert "warning: 1 metadata record(s) belong to nothing HSDS JSON nests them in" \
                in result.stderr


def test_json_into_a_catalog_with_records_is_merged_like_the_bulk_path(app, make_scratch_app,
                                                                       make_organization,
                                                                       tmp_path):
    """Into a non-empty catalog JSON goes through the ORM merge; the result is the same."""
    make_organization(name="Already Here")
    merged = run(app, "import", SMALL_CATALOG)
    assert merged.exit_code == 0, merged.output
    scratch = make_scratch_app()
    assert run(scratch, "import", SMALL_CATALOG).exit_code == 0
    exports = []
    for application, name in ((app, "merged"), (scratch, "bulk")):
        assert run(application, "export", tmp_path / name).exit_code == 0
        organizations = json.loads((tmp_path / name / "organizations.json").read_text("utf-8"))
        terms = (tmp_path / name / "taxonomy_terms.json").read_text("utf-8")
        exports.append(([o for o in organizations if o["name"] != "Already Here"], terms))
    assert exports[0] == exports[1]
    with app.app_context():
        assert session.execute(select(func.count(SearchEntry.id))).scalar_one() == 3


# ---- the files ---------------------------------------------------------------------------------


def test_export_writes_the_package_with_our_profile(app, tmp_path):
    seed_small_catalog(app)
    result = run(app, "export", tmp_path, "--format", "csv")
    assert result.exit_code == 0, result.output
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert len(resources) == 21 and len(list(tmp_path.glob("*.csv"))) == 21
    for resource in resources.values():  # a header row in the descriptor's field order
        header = read_csv(tmp_path / resource["path"])[0]
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    service_fields = {f["name"]: f for f in resources["service"]["schema"]["fields"]}
    assert service_fields["beds_total"]["description"].startswith("Extension (recovery")
    assert service_fields["insurance_accepted"]["type"] == "string"
    assert descriptor["hsds_profile"]["extension_fields"]["location"] == ["time_zone",
                                                                          "approximate"]
    services = read_csv(tmp_path / "services.csv")
    header = services[0]
    ids = [row[0] for row in services[1:]]
    assert ids == sorted(ids) == [COACHING, HOUSING]
    coaching = dict(zip(header, services[1], strict=True))
    assert (coaching["insurance_accepted"], coaching["free_of_charge"]) == ("medicaid", "true")
    assert (tmp_path / "services.csv").read_bytes().count(b"\r\n") == 3


def test_export_refuses_a_file_and_a_folder_of_the_other_format(app, tmp_path):
    target = tmp_path / "file.json"
    target.write_text("[]", encoding="utf-8")
    result = run(app, "export", target)
    assert result.exit_code == 1 and "is a file" in result.stderr
    assert run(app, "export", tmp_path / "package", "--format", "csv").exit_code == 0
    result = run(app, "export", tmp_path / "package", "--format", "json")
    assert result.exit_code == 1 and "already holds" in result.stderr
    assert run(app, "export", tmp_path / "package", "--format", "csv").exit_code == 0


def test_unknown_columns_and_tables_are_noted_not_kept(app, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(SPEC_CSV_FIXED, package)
    edit_csv(package / "services.csv",
             lambda header, rows: [header.append("colour")] + [r.append("blue") for r in rows])
    write_csv(package / "notes.csv", [["id", "text"], ["1", "a note"]])
    (package / "datapackage.json").unlink()  # files found by name
    result = run(app, "import", package)
    assert result.exit_code == 0, result.output
    assert "column 'colour' is not an HSDS service field; not kept" in result.stderr
    assert "notes.csv: not an HSDS table; skipped" in result.stderr


def test_progress_bars_only_when_asked_or_on_a_terminal(app, tmp_path):
    quiet = run(app, "import", SPEC_CSV_FIXED)
    assert quiet.exit_code == 0 and "Reading" not in quiet.stderr
    shown = run(app, "import", "--progress", SPEC_CSV_FIXED)
    assert shown.exit_code == 0, shown.output
    assert "Reading" in shown.stderr and "Writing" in shown.stderr
    exported = run(app, "export", "--progress", tmp_path / "export")
    assert exported.exit_code == 0 and "Exporting" in exported.stderr


def test_a_phone_of_several_parents_and_schedules_survive_the_round_trip(app, tmp_path):
    """Rows tie to several parents in the tabular form (a phone of a location and a service)."""
    assert run(app, "import", SPEC_CSV_FIXED).exit_code == 0
    with app.app_context():
        phone = session.get(Phone, "1554f2e2-a373-45db-a3fa-9fc48a61c15e")
        assert (phone.location_id, phone.service_id, phone.organization_id) == (
            SPEC_LOCATION, SPEC_SERVICE, SPEC_ORGANIZATION)
        schedule = session.execute(select(Schedule)).scalar_one()
        assert schedule.service_at_location_id == session.execute(
            select(ServiceAtLocation.id)).scalar_one()
