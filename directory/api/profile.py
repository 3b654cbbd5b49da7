"""Our HSDS profile: the fields we add to HSDS 3.0 objects and the query parameters we add to its
API. Served at ``/api/profile`` (a JSON Schema document), embedded in the OpenAPI document and
listed on the docs page, all from the tables below.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from directory.catalog.models import (
    GENDER_ELIGIBILITY,
    INSURANCE_KINDS,
    NARR_LEVELS,
    WAITLIST_STATUSES,
)

PROFILE_NAME = "recovery-directory"
PROFILE_VERSION = "1.0"

#: Extension fields of ``service``: name -> (JSON Schema, description).
SERVICE_FIELDS: dict[str, tuple[dict[str, Any], Any]] = {
    "accepting_new_clients": ({"type": "boolean"}, _l(
        "Whether the service is taking new clients now.")),
    "gender_eligibility": ({"type": "string", "enum": list(GENDER_ELIGIBILITY)}, _l(
        "Who the service is for: all, female or male.")),
    "insurance_accepted": ({"type": "array", "uniqueItems": True,
                            "items": {"type": "string", "enum": list(INSURANCE_KINDS)}}, _l(
        "Insurance accepted: medicaid, medicare, private.")),
    "sliding_scale": ({"type": "boolean"}, _l("Fees on a sliding scale based on income.")),
    "free_of_charge": ({"type": "boolean"}, _l("Free of charge.")),
    "beds_total": ({"type": "integer", "minimum": 0}, _l(
        "Recovery housing: the number of beds.")),
    "beds_available": ({"type": "integer", "minimum": 0}, _l(
        "Recovery housing: beds free now (as of availability_updated_at).")),
    "availability_updated_at": ({"type": "string", "format": "date-time"}, _l(
        "When beds_available was last updated.")),
    "allows_mat": ({"type": "boolean"}, _l(
        "Housing: medication for opioid use disorder (MAT/MOUD) is welcome.")),
    "narr_level": ({"type": "string", "enum": list(NARR_LEVELS)}, _l(
        "Recovery residence level of the National Alliance for Recovery Residences (I–IV).")),
    "certifier": ({"type": "string"}, _l("Who certified the recovery residence.")),
    "certificate_id": ({"type": "string"}, _l("The certificate's identifier.")),
    "certification_expires": ({"type": "string", "format": "date"}, _l(
        "When the certification expires.")),
    "waitlist_status": ({"type": "string", "enum": list(WAITLIST_STATUSES)}, _l(
        "Whether new clients wait: none, short, long, or closed (waitlist full).")),
}

#: Extension fields of ``location``.
LOCATION_FIELDS: dict[str, tuple[dict[str, Any], Any]] = {
    "time_zone": ({"type": "string"}, _l(
        "IANA time zone of the location's opening hours (HSDS only has a UTC offset), e.g. "
        "America/Chicago.")),
    "approximate": ({"type": "boolean"}, _l(
        "The coordinates are approximate (a ZIP centroid or a pin placed by hand).")),
}

DESCRIPTION = _l(
    "HSDS 3.0 with the fields recovery support needs: intake, eligibility by gender, payment, "
    "recovery housing capacity, medication for opioid use disorder, and recovery residence "
    "certification. service.assured_date is the date our team last verified the listing. "
    "The API adds search filters with the same meanings as the directory's search page.")


def field_schemas(fields: dict[str, tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """JSON Schema properties of extension fields, with their descriptions."""
    return {name: {**schema, "description": str(text)} for name, (schema, text) in fields.items()}


def object_schema(fields: dict[str, tuple[dict[str, Any], Any]], hsds_object: str) -> dict:
    """A JSON Schema of an HSDS object's extension fields (HSDS' own fields stay as they are)."""
    return {
        "type": "object",
        "description": f"Extension fields of HSDS {hsds_object} in our profile.",
        "properties": field_schemas(fields),
    }


def document(profile_url: str, openapi_url: str, docs_url: str,
             parameters: list[dict[str, Any]]) -> dict[str, Any]:
    """The profile as a JSON Schema document: ``$defs`` per object, our query parameters."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": profile_url,
        "title": f"{PROFILE_NAME} HSDS profile",
        "description": str(DESCRIPTION),
        "version": PROFILE_VERSION,
        "hsds_version": "3.0",
        "extends": "https://docs.openreferral.org/en/latest/hsds/",
        "$defs": {
            "service": object_schema(SERVICE_FIELDS, "service"),
            "location": object_schema(LOCATION_FIELDS, "location"),
        },
        "query_parameters": parameters,
        "openapi_url": openapi_url,
        "documentation_url": docs_url,
    }
