"""Catalog objects as HSDS 3.0 JSON (with our profile's extension fields).

The inverse of ``hsds_json``: what this writes, the loader reads back unchanged. Empty values
are left out (HSDS types do not allow null), lists are always present.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Mapper

from directory.catalog.models import (
    Attribute,
    Location,
    MetadataRecord,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.database import Base
from directory.interop.shape import CHILD_LISTS, ENTITY_NAMES

# Editorial state (publication, referral settings): ours to keep, not part of the open data.
EDITORIAL_COLUMNS = {
    Service: {"published", "unpublished_reason"},
    Organization: {"published", "unpublished_reason", "referral_response_days"},
}
# Columns stored for search or convenience that HSDS JSON spells otherwise, and editorial state.
HIDDEN_COLUMNS = {
    Service: {"accepts_medicaid", "accepts_medicare", "accepts_private_insurance",
              *EDITORIAL_COLUMNS[Service]},
    Organization: EDITORIAL_COLUMNS[Organization],
}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def fields(obj: Base) -> dict[str, Any]:
    """The object's own (non-nested) fields, without empty values."""
    mapper: Mapper = type(obj).__mapper__
    hidden = HIDDEN_COLUMNS.get(type(obj), set())
    result: dict[str, Any] = {}
    for column in mapper.columns:
        if column.key in hidden:
            continue
        value = getattr(obj, column.key)
        # An empty text is a value where HSDS requires one (a description, a metadata row's
        # previous_value); elsewhere it is left out like a missing one.
        if value is None or value == "" and column.nullable and column.key != "description":
            continue
        result[column.key] = _json_value(value)
    if isinstance(obj, Service):
        result["insurance_accepted"] = obj.insurance_accepted
    return result


def _metadata(obj: Base, metadata: dict[tuple[str, str], list[MetadataRecord]] | None):
    if metadata is None:
        return []
    entity = ENTITY_NAMES.get(type(obj))
    return [fields(record) for record in metadata.get((entity, obj.id), [])]


def _attributes(obj: Base, attributes: dict[tuple[str, str], list[Attribute]] | None):
    if attributes is None:
        return []
    entity = ENTITY_NAMES.get(type(obj))
    return [attribute(item) for item in attributes.get((entity, obj.id), [])]


def serialize(obj: Base, *, skip: tuple[str, ...] = (), metadata=None,
              attributes=None) -> dict[str, Any]:
    """``obj`` with every nested list HSDS gives it (recursively), as JSON-ready data.

    ``skip`` leaves out nested lists by JSON key (e.g. an organization's ``services`` when
    they are written on their own); ``metadata`` maps (entity, id) to HSDS metadata rows, and
    ``attributes`` to the attributes of entities other than services (a service has its own).
    """
    data = fields(obj)
    for key, _model in CHILD_LISTS.get(type(obj), {}).items():
        if key in skip:
            continue
        data[key] = [
            _nested(child, metadata, attributes) for child in getattr(obj, key)
        ]
    if type(obj) in ENTITY_NAMES and not isinstance(obj, Taxonomy | TaxonomyTerm):
        data.setdefault("attributes", _attributes(obj, attributes))
        data["metadata"] = _metadata(obj, metadata)
    return data


def _nested(child: Base, metadata, attributes) -> dict[str, Any]:
    if isinstance(child, Attribute):
        return attribute(child)
    if isinstance(child, ServiceAtLocation):
        return service_at_location(child, metadata=metadata, attributes=attributes,
                                   with_service=False)
    if isinstance(child, Service):
        return service(child, metadata=metadata, attributes=attributes,
                       with_organization=False)
    return serialize(child, metadata=metadata, attributes=attributes)


def attribute(obj: Attribute) -> dict[str, Any]:
    data = fields(obj)
    if obj.taxonomy_term is not None:
        data["taxonomy_term"] = taxonomy_term(obj.taxonomy_term)
    return data


def taxonomy_term(obj: TaxonomyTerm) -> dict[str, Any]:
    """A taxonomy term with its taxonomy."""
    data = fields(obj)
    if obj.taxonomy_detail is not None:
        data["taxonomy_detail"] = fields(obj.taxonomy_detail)
        data["taxonomy"] = data.get("taxonomy") or obj.taxonomy_detail.name
    return data


def taxonomy(obj: Taxonomy) -> dict[str, Any]:
    return fields(obj)


def location(obj: Location, *, metadata=None, attributes=None) -> dict[str, Any]:
    return serialize(obj, metadata=metadata, attributes=attributes)


def service_at_location(obj: ServiceAtLocation, *, metadata=None, attributes=None,
                        with_service: bool = True) -> dict[str, Any]:
    """A service at a location, with its full location (and its service, at the top level)."""
    data = serialize(obj, metadata=metadata, attributes=attributes)
    if obj.location is not None:
        data["location"] = location(obj.location, metadata=metadata, attributes=attributes)
    if with_service and obj.service is not None:
        data["service"] = service(obj.service, metadata=metadata, attributes=attributes,
                                  with_locations=False)
    return data


def service(obj: Service, *, metadata=None, attributes=None, with_organization: bool = True,
            with_locations: bool = True) -> dict[str, Any]:
    """A full service: its details, places, taxonomy terms, and its organization and program."""
    data = serialize(obj, metadata=metadata, attributes=attributes,
                     skip=() if with_locations else ("service_at_locations",))
    data["attributes"] = [attribute(a) for a in obj.attributes]
    if with_organization and obj.organization is not None:
        data["organization"] = fields(obj.organization)
    if obj.program is not None:
        data["program"] = fields(obj.program)
    return data


def organization(obj: Organization, *, metadata=None, attributes=None,
                 with_services: bool = True) -> dict:
    """A full organization: contacts, phones, locations, programs, and (optionally) services."""
    return serialize(obj, metadata=metadata, attributes=attributes,
                     skip=() if with_services else ("services",))
