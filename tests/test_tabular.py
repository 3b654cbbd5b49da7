"""The tabular package's fields and cells (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from directory.catalog.models import Service
from directory.interop import tabular
from directory.interop.serialize import EDITORIAL_COLUMNS, HIDDEN_COLUMNS
from directory.interop.tabular import INSURANCE_COLUMNS, cell


def test_every_table_is_described_once_with_its_model():
    names = [resource.name for resource in tabular.resources()]
    assert len(names) == len(set(names)) == 21
    stored = [r for r in tabular.resources() if r.model is not None]
    assert len(stored) == 20  # every HSDS table but meta_table_description


@pytest.mark.parametrize("resource", [r for r in tabular.resources() if r.model is not None],
                         ids=lambda r: r.name)
def test_every_column_of_every_model_has_a_csv_field(resource):
    """A column added to a model must reach the CSV files (as HSDS or as our extension)."""
    columns = {column.key for column in resource.model.__table__.columns}
    columns -= EDITORIAL_COLUMNS.get(resource.model, set())  # editorial state stays ours
    fields = set(resource.field_names)
    if resource.model is Service:
        assert "insurance_accepted" in fields
        fields = (fields - {"insurance_accepted"}) | set(INSURANCE_COLUMNS.values())
    assert columns == fields
    # The columns JSON spells as insurance_accepted are the ones CSV does.
    assert HIDDEN_COLUMNS[Service] - EDITORIAL_COLUMNS[Service] == set(INSURANCE_COLUMNS.values())


def test_extension_fields_come_after_the_hsds_fields():
    service = tabular.resource_named("service")
    kinds = [field.extension for field in service.fields]
    assert kinds == sorted(kinds) and kinds[-1] is True
    assert [f.name for f in tabular.resource_named("location").fields if f.extension] == [
        "time_zone", "approximate"]


def test_the_profile_descriptor_documents_our_fields():
    descriptor = tabular.profile_descriptor()
    service = next(r for r in descriptor["resources"] if r["name"] == "service")
    beds = next(f for f in service["schema"]["fields"] if f["name"] == "beds_total")
    assert beds["type"] == "integer" and beds["description"].startswith("Extension")
    # The HSDS descriptor we ship stays as HSDS wrote it.
    shipped = next(r for r in tabular.hsds_descriptor()["resources"] if r["name"] == "service")
    assert "beds_total" not in {f["name"] for f in shipped["schema"]["fields"]}


@pytest.mark.parametrize("value, field_type, text", [
    (None, "string", ""),
    (True, "boolean", "true"),
    (False, "boolean", "false"),
    (12, "number", "12"),
    (35.0, "number", "35"),
    (45.511023, "number", "45.511023"),
    (-122.638817, "number", "-122.638817"),
    (date(2026, 2, 20), "date", "2026-02-20"),
    (datetime(2023, 3, 15, 10, 30, 45, 123000, tzinfo=UTC), "datetime",
     "2023-03-15T10:30:45.123000Z"),
    (datetime(2011, 1, 1, tzinfo=UTC), "date", "2011-01-01"),  # a date field kept as a time
    ("Río Grande", "string", "Río Grande"),
])
def test_cells_are_written_the_way_they_are_read(value, field_type, text):
    assert cell(value, field_type) == text


@pytest.mark.parametrize("parse, text, message", [
    (tabular._integer, "12.5", "must be a whole number"),
    (tabular._number, "nan", "is not a number"),
    (tabular._boolean, "yes", "must be true or false"),
    (tabular._date, "2024-02-30", "is not a date"),
    (tabular._insurance, "medicaid,gold", "'gold': must be a comma-separated list"),
])
def test_bad_cells_say_why(parse, text, message):
    with pytest.raises(ValueError, match=message):
        parse(text)


def test_uuids_must_be_in_the_canonical_form():
    tabular._uuid("ac148810-d857-441c-9679-408f346de14b")
    for text in ("ac148810d857441c9679408f346de14b", "{ac148810-d857-441c-9679-408f346de14b}",
                 "ac148810-d857-441c-9679-408f346de14"):
        with pytest.raises(ValueError, match="is not a 'uuid'"):
            tabular._uuid(text)
