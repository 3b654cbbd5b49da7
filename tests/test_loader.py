"""Loading HSDS 3.0 JSON: the demo catalog, broken input, the HSDS examples, upserts."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.catalog.models import (
    Attribute,
    Language,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.cli import default_seed_paths
from directory.database import Base, session
from directory.interop.hsds_json import load_paths
from directory.interop.problems import DataLoadError
from tests.conftest import DATA_DIR, SMALL_CATALOG

BROKEN = DATA_DIR / "broken"
HSDS_EXAMPLES = Path("/work/shared/hsds/examples")
GOOD_ORGANIZATION = "20000000-0000-4000-8000-0000000000a1"
COACHING = "30000000-0000-4000-8000-000000000001"
HOUSING = "30000000-0000-4000-8000-000000000002"

# file -> (text in the record label, field, text in the message)
BROKEN_FILES = {
    "invalid_json.json": ("-", "line 6 column 1", "invalid JSON"),
    "missing_name.json": ("20000000-0000-4000-8000-0000000000c1", "(record)",
                          "'name' is a required property"),
    "bad_uuid.json": ("not-a-uuid", "id", "uuid"),
    "bad_latitude.json": ("20000000-0000-4000-8000-0000000000e1", "locations[0].latitude",
                          "between -90 and 90"),
    "unknown_term.json": ("20000000-0000-4000-8000-0000000000f1",
                          "services[0].attributes[0].taxonomy_term_id",
                          "11000000-0000-4000-8000-0000000000ff"),
    "bad_date.json": ("20000000-0000-4000-8000-0000000000d1", "services[0].assured_date",
                      "month"),
    "too_many_beds.json": ("20000000-0000-4000-8000-000000000101",
                           "services[0].beds_available", "more than beds_total"),
    "bad_gender.json": ("20000000-0000-4000-8000-000000000111",
                        "services[0].gender_eligibility", "'sometimes'"),
}
SCHEMA_STAGE = ["invalid_json.json", "missing_name.json", "bad_uuid.json"]
CONTENT_STAGE = ["bad_latitude.json", "unknown_term.json", "bad_date.json",
                 "too_many_beds.json", "bad_gender.json"]


def row_counts() -> dict[str, int]:
    """Rows in every table of our metadata (needs an app context)."""
    return {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables
    }


def load(app, *paths):
    with app.app_context():
        result = load_paths(paths)
        session.commit()
        return result


def load_error(app, *paths) -> DataLoadError:
    """Load ``paths`` expecting a DataLoadError; checks that nothing at all was written."""
    with app.app_context():
        before = row_counts()
        with pytest.raises(DataLoadError) as info:
            load_paths(paths)
        session.rollback()
        assert row_counts() == before, "a failed load wrote rows"
    return info.value


def assert_problem(error: DataLoadError, filename: str) -> None:
    record, field, message = BROKEN_FILES[filename]
    matches = [p for p in error.problems if Path(p.file).name == filename]
    assert len(matches) == 1, [str(p) for p in error.problems]
    problem = matches[0]
    assert record in problem.record
    assert problem.field == field
    assert message in problem.message
    assert filename in str(problem) and field in str(problem)


# ---- the demo catalog --------------------------------------------------------------------------


def test_demo_catalog_is_loaded(seeded_app):
    with seeded_app.app_context():
        counts = row_counts()
        active = session.execute(
            select(func.count(Service.id)).where(Service.status == "active")
        ).scalar_one()
        terms_in_use = session.execute(
            select(func.count(func.distinct(Attribute.taxonomy_term_id)))
        ).scalar_one()
        unlocated = session.execute(
            select(func.count(Service.id)).where(~Service.service_at_locations.any())
        ).scalar_one()
    assert counts["dir_organization"] >= 80
    assert counts["dir_service"] >= 200
    assert counts["dir_taxonomy_term"] >= 8
    assert counts["dir_location"] >= 80
    assert counts["dir_address"] >= 50
    assert active >= 150
    assert terms_in_use >= 8
    assert unlocated == 0  # every demo service is offered somewhere (in person or online)


def test_demo_catalog_categories_exist(seeded_app):
    with seeded_app.app_context():
        names = set(session.execute(select(Taxonomy.name)).scalars())
        top = session.execute(
            select(TaxonomyTerm.name).where(TaxonomyTerm.parent_id.is_(None))
        ).scalars().all()
    assert "Recovery Support Directory Taxonomy" in names
    assert len(top) >= 4


def test_reloading_the_demo_catalog_changes_nothing(seeded_app):
    with seeded_app.app_context():
        before = row_counts()
        names_before = dict(session.execute(select(Service.id, Service.name)).all())
        result = load_paths(default_seed_paths())
        session.commit()
        after = row_counts()
        names_after = dict(session.execute(select(Service.id, Service.name)).all())
    assert result.organizations == before["dir_organization"]
    assert result.services == before["dir_service"]
    assert after == before
    assert names_after == names_before


# ---- broken input ------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", sorted(BROKEN_FILES))
def test_each_broken_file_is_refused_with_file_record_and_field(app, filename):
    error = load_error(app, BROKEN / filename)
    assert len(error.problems) == 1, [str(p) for p in error.problems]
    assert_problem(error, filename)
    assert "nothing was loaded" in str(error)


def test_schema_problems_are_all_reported_and_the_good_file_is_not_loaded(app):
    error = load_error(app, BROKEN / "a_good.json", *(BROKEN / name for name in SCHEMA_STAGE))
    assert len(error.problems) == len(SCHEMA_STAGE)
    for filename in SCHEMA_STAGE:
        assert_problem(error, filename)
    with app.app_context():
        assert session.get(Organization, GOOD_ORGANIZATION) is None
        assert sum(row_counts().values()) == 0


def test_content_problems_are_all_reported_and_the_good_file_is_not_loaded(app):
    error = load_error(app, BROKEN / "a_good.json", *(BROKEN / name for name in CONTENT_STAGE))
    assert len(error.problems) == len(CONTENT_STAGE)
    for filename in CONTENT_STAGE:
        assert_problem(error, filename)
    with app.app_context():
        assert sum(row_counts().values()) == 0


def test_every_problem_of_a_batch_is_reported_at_once(app):
    error = load_error(app, BROKEN)
    assert len(error.problems) == len(BROKEN_FILES), [str(p) for p in error.problems]
    for filename in BROKEN_FILES:
        assert_problem(error, filename)


def test_the_good_file_alone_loads(app):
    result = load(app, BROKEN / "a_good.json")
    assert (result.organizations, result.services) == (1, 1)
    with app.app_context():
        assert session.get(Organization, GOOD_ORGANIZATION).services[0].name == (
            "All-Recovery Meeting"
        )


def test_missing_file_is_reported(app, tmp_path):
    missing = tmp_path / "nowhere.json"
    error = load_error(app, missing)
    assert [str(p) for p in error.problems] == [f"{missing}: -: -: file not found"]


def test_unrecognised_record_is_reported(app, tmp_path):
    path = tmp_path / "mystery.json"
    path.write_text(json.dumps([{"colour": "blue"}]), encoding="utf-8")
    error = load_error(app, path)
    problem, = error.problems
    assert problem.record == "record 1"
    assert "not an HSDS organization, service or taxonomy term" in problem.message


# ---- the HSDS specification's examples ---------------------------------------------------------


@pytest.mark.parametrize("name", ["service_full.json", "organization_full.json"])
def test_hsds_examples_are_refused_for_their_latitude(app, name):
    """The HSDS examples give a location ``latitude: 100``, outside WGS84: refusing is right."""
    example = HSDS_EXAMPLES / name
    if not example.is_file():
        pytest.skip(f"{example} is not on this machine")
    assert json.loads(example.read_text(encoding="utf-8"))  # valid JSON
    error = load_error(app, example)
    assert all(problem.file == str(example) for problem in error.problems)
    latitude = [p for p in error.problems if p.field.endswith("latitude")]
    assert latitude and all("between -90 and 90" in p.message for p in latitude)
    assert all("ac148810-d857-441c-9679-408f346de14b" in p.record or (
        "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610" in p.record) for p in latitude)
    # The example's taxonomy term names a parent term it does not include: also reported.
    others = {p.field.rsplit(".", 1)[-1] for p in error.problems} - {"latitude"}
    assert others <= {"parent_id", "parent_organization_id"}


def _fixed_example(name: str, folder: Path, drop_parent: bool) -> Path:
    """A copy of an HSDS example with an in-range latitude (and, with ``drop_parent``, without
    its parent ids, which name an organization and a taxonomy term the example lacks)."""
    example = HSDS_EXAMPLES / name
    if not example.is_file():
        pytest.skip(f"{example} is not on this machine")
    text = example.read_text(encoding="utf-8").replace('"latitude": 100', '"latitude": 51.5')
    data = json.loads(text)
    if drop_parent:
        def strip(node):
            if isinstance(node, dict):
                node.pop("parent_organization_id", None)
                node.pop("parent_id", None)
                for value in node.values():
                    strip(value)
            elif isinstance(node, list):
                for item in node:
                    strip(item)
        strip(data)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["service_full.json", "organization_full.json"])
def test_hsds_examples_load_once_the_latitude_is_fixed(app, tmp_path, name):
    path = _fixed_example(name, tmp_path, drop_parent=True)
    result = load(app, path)
    assert result.services == 1
    with app.app_context():
        service = session.get(Service, "ac148810-d857-441c-9679-408f346de14b")
        assert service.name == "Community Counselling"
        assert service.organization.name == "Example Organization Inc."
        assert service.locations and service.locations[0].latitude == 51.5
        assert service.phones and service.schedules and service.languages
        term = session.get(TaxonomyTerm, "3f7b145d-84af-42d7-8fae-eaca714b02b2")
        assert term.taxonomy_detail.id == "5c4d79d7-cc55-470e-9f1f-8cad074e4892"
        before = row_counts()
    load(app, path)  # the same example again changes nothing
    with app.app_context():
        assert row_counts() == before


def test_unknown_parent_organization_is_a_problem_with_a_field(app, tmp_path):
    path = _fixed_example("organization_full.json", tmp_path, drop_parent=False)
    error = load_error(app, path)
    assert any(p.field == "parent_organization_id" and "d9d5e0f5" in p.record
               for p in error.problems), [str(p) for p in error.problems]


def test_unknown_parent_term_is_a_problem_with_a_field(app):
    example = HSDS_EXAMPLES / "taxonomy_term.json"
    if not example.is_file():
        pytest.skip(f"{example} is not on this machine")
    error = load_error(app, example)
    assert any(p.field == "parent_id" for p in error.problems), [str(p) for p in error.problems]


# ---- the small catalog and upserts -------------------------------------------------------------


def test_small_catalog_loads(app):
    result = load(app, SMALL_CATALOG)
    assert (result.files, result.organizations, result.services, result.locations,
            result.taxonomy_terms) == (2, 1, 2, 2, 3)
    with app.app_context():
        coaching = session.get(Service, COACHING)
        assert coaching.organization.name == "Harbor Light Recovery Community"
        assert coaching.insurance_accepted == ["medicaid"]
        assert [t.code for t in coaching.taxonomy_terms] == ["mentorship"]
        assert sorted(loc.location_type for loc in coaching.locations) == ["physical", "virtual"]
        housing = session.get(Service, HOUSING)
        assert (housing.beds_total, housing.beds_available, housing.narr_level) == (12, 3, "II")
        assert housing.gender_eligibility == "male" and housing.allows_mat is True
        term = session.get(TaxonomyTerm, "11000000-0000-4000-8000-000000000003")
        assert term.parent.code == "housing"
        assert term.taxonomy_detail.name == "Recovery Support Directory Taxonomy"
        location = session.get(Location, "40000000-0000-4000-8000-000000000001")
        assert location.time_zone == "America/Los_Angeles"
        assert location.physical_address.postal_code == "97204"


def test_reloading_the_small_catalog_is_idempotent(app):
    load(app, SMALL_CATALOG)
    with app.app_context():
        before = row_counts()
    load(app, SMALL_CATALOG)
    with app.app_context():
        assert row_counts() == before


def _edited_catalog(folder: Path, edit) -> Path:
    shutil.copy(SMALL_CATALOG / "taxonomy_terms.json", folder / "taxonomy_terms.json")
    data = json.loads((SMALL_CATALOG / "harbor_light.json").read_text(encoding="utf-8"))
    edit(data[0])
    (folder / "harbor_light.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_reload_updates_changed_fields_and_removes_dropped_children(app, tmp_path):
    load(app, SMALL_CATALOG)

    def edit(organization):
        coaching = organization["services"][0]
        coaching["name"] = "Peer Recovery Coaching and Mentoring"
        coaching["languages"] = coaching["languages"][:1]  # Spanish dropped
        coaching["service_at_locations"] = coaching["service_at_locations"][:1]  # online dropped
        organization["services"] = [coaching]  # the residence dropped

    load(app, _edited_catalog(tmp_path, edit))
    with app.app_context():
        coaching = session.get(Service, COACHING)
        assert coaching.name == "Peer Recovery Coaching and Mentoring"
        assert [language.name for language in coaching.languages] == ["English"]
        assert [loc.location_type for loc in coaching.locations] == ["physical"]
        assert session.get(Service, HOUSING) is None
        assert session.execute(select(func.count(ServiceAtLocation.id))).scalar_one() == 1
        assert session.execute(select(func.count(Attribute.id))).scalar_one() == 1
        # Locations stay: the organization still lists both.
        assert session.execute(select(func.count(Location.id))).scalar_one() == 2


def test_reload_with_an_emptied_list_removes_every_child(app, tmp_path):
    load(app, SMALL_CATALOG)

    def edit(organization):
        organization["services"][0]["languages"] = []
        organization["services"][0]["attributes"] = []

    load(app, _edited_catalog(tmp_path, edit))
    with app.app_context():
        coaching = session.get(Service, COACHING)
        assert coaching.languages == []
        assert coaching.taxonomy_terms == []
        assert session.execute(select(func.count(Language.id))).scalar_one() == 0


def test_terms_may_each_embed_their_taxonomy(app, tmp_path):
    terms = json.loads((SMALL_CATALOG / "taxonomy_terms.json").read_text(encoding="utf-8"))
    detail = terms[0]["taxonomy_detail"]
    for term in terms[1:]:
        term.pop("taxonomy_id")
        term["taxonomy_detail"] = copy.deepcopy(detail)
    path = tmp_path / "terms.json"
    path.write_text(json.dumps(terms), encoding="utf-8")
    assert load(app, path).taxonomy_terms == 3


def test_a_service_file_may_refer_to_an_organization_already_loaded(app, tmp_path):
    load(app, SMALL_CATALOG)
    service = {
        "id": "30000000-0000-4000-8000-000000000009",
        "organization_id": "20000000-0000-4000-8000-000000000001",
        "name": "Family Recovery Evenings",
        "description": "Education evenings for families.",
        "status": "active",
        "attributes": [{"id": "27000000-0000-4000-8000-000000000009",
                        "taxonomy_term_id": "11000000-0000-4000-8000-000000000001"}],
    }
    path = tmp_path / "service.json"
    path.write_text(json.dumps(service), encoding="utf-8")
    assert load(app, path).services == 1
    with app.app_context():
        organization = session.get(Organization, "20000000-0000-4000-8000-000000000001")
        assert [s.name for s in organization.services] == [
            "Family Recovery Evenings", "Harbor House Recovery Residence",
            "Peer Recovery Coaching"]

    service["id"] = "30000000-0000-4000-8000-00000000000a"
    service["organization_id"] = "20000000-0000-4000-8000-00000000dead"
    path.write_text(json.dumps(service), encoding="utf-8")
    error = load_error(app, path)
    problem, = error.problems
    assert problem.field == "organization_id"
    assert "no organization with id 20000000-0000-4000-8000-00000000dead" in problem.message
