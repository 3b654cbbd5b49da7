"""The OpenAPI 3.1 document of what the API serves, self-contained.

HSDS schemas are embedded from ``schemas/`` (their file references become references to the
document's components); our profile's fields extend ``service`` and ``location`` wherever they
appear. The operations table below also drives the docs page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l

from directory.api import profile
from directory.api.params import ENDPOINT_PARAMETERS, OVERRIDES, PARAMETERS, parameter_for

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
HSDS_OBJECTS = (
    "accessibility", "address", "attribute", "contact", "cost_option", "funding", "language",
    "location", "metadata", "organization", "organization_identifier", "phone", "program",
    "required_document", "schedule", "service", "service_area", "service_at_location",
    "taxonomy", "taxonomy_term",
)
HSDS_LISTS = ("service_list", "organization_list", "service_at_location_list")
# HSDS objects our profile extends: the HSDS schema is kept as hsds_<name>, and <name> is it
# plus our fields, so every reference (nested ones too) describes what we serve.
PROFILED = {"service": profile.SERVICE_FIELDS, "location": profile.LOCATION_FIELDS}
NDJSON = "application/x-ndjson"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


@dataclass(frozen=True)
class Operation:
    """One GET operation: its path below the API root and how it is documented."""

    path: str
    operation_id: str
    summary: Any
    schema: dict[str, Any]
    parameters: str | None = None  # key of params.ENDPOINT_PARAMETERS
    listing: bool = False
    by_id: bool = False
    tag: str = "HSDS"
    example: str = ""
    media_type: str = "application/json"


def _page_of(*items: dict[str, Any]) -> dict[str, Any]:
    contents = {"type": "array", "items": items[0] if len(items) == 1 else {"anyOf": list(items)}}
    return {"allOf": [_ref("Page"), {"type": "object", "required": ["contents"],
                                     "properties": {"contents": contents}}]}


OPERATIONS = (
    Operation("/", "getAPIMetaInformation", _l(
        "About this API: the HSDS version, our profile and this OpenAPI document."),
        _ref("ApiInfo")),
    Operation("/services", "getPaginatedListOfServices", _l(
        "Published services: one-to-one fields by default, fully nested with full=true, or "
        "just ids with minimal=true."),
        _page_of(_ref("ServiceListItem"), _ref("service"), _ref("ServiceMinimal")),
        parameters="services", listing=True,
        example="?search=family&per_page=5&language=es"),
    Operation("/services/{id}", "getFullyNestedServiceById", _l(
        "One published service, fully nested."), _ref("service"), by_id=True),
    Operation("/service_at_locations", "getPaginatedListOfServiceAtLocation", _l(
                  "Published services at each of their locations; postcode and proximity "
                  "search by place."),
              _page_of(_ref("ServiceAtLocationListItem"), _ref("ServiceAtLocationFull")),
              parameters="service_at_locations", listing=True,
              example="?postcode=97209&proximity=8000"),
    Operation("/service_at_locations/{id}", "getServiceAtLocationWithNestedDataById", _l(
                  "One published service at one location, fully nested."),
              _ref("ServiceAtLocationFull"), by_id=True),
    Operation("/organizations", "getPaginatedListOfOrganizations", _l(
        "Organizations: one-to-one fields by default, fully nested with full=true."),
        _page_of(_ref("organization_list"), _ref("OrganizationFull")),
        parameters="organizations", listing=True, example="?search=recovery&full=true"),
    Operation("/organizations/{id}", "getOrganizationById", _l(
        "One organization, fully nested; its published services are one-to-one fields, or "
        "fully nested with full_service=true."), _ref("OrganizationFull"),
        parameters="organization", by_id=True, example="?full_service=true"),
    Operation("/taxonomies", "getPaginatedListOfTaxonomies", _l(
        "Taxonomies (vocabularies of categories)."), _page_of(_ref("taxonomy")),
        parameters="taxonomies", listing=True),
    Operation("/taxonomies/{id}", "getTaxonomyById", _l("One taxonomy."),
              _ref("taxonomy"), by_id=True),
    Operation("/taxonomy_terms", "getPaginatedListOfTaxonomyTerms", _l(
        "Taxonomy terms (categories)."), _page_of(_ref("taxonomy_term")),
        parameters="taxonomy_terms", listing=True, example="?top_only=true"),
    Operation("/taxonomy_terms/{id}", "getTaxonomyTermById", _l(
        "One taxonomy term."), _ref("taxonomy_term"), by_id=True),
    Operation("/profile", "getProfile", _l(
        "Our HSDS profile: the fields and parameters we add to HSDS 3.0, as JSON Schema."),
        {"type": "object"}, tag="Profile"),
    Operation("/openapi.json", "getOpenApiDocument", _l("This OpenAPI document."),
              {"type": "object"}, tag="Documentation"),
    Operation("/docs", "getDocumentationPage", _l(
        "A page describing this API for people."), {"type": "string"}, tag="Documentation",
        media_type="text/html"),
)


@cache
def _hsds_file(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _components_refs(node: Any) -> Any:
    """``{"$ref": "phone.json"}`` -> ``{"$ref": "#/components/schemas/phone"}``."""
    if isinstance(node, dict):
        result = {key: _components_refs(value) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".json") and "/" not in ref:
            result["$ref"] = _ref(ref.removesuffix(".json"))["$ref"]
        return result
    if isinstance(node, list):
        return [_components_refs(item) for item in node]
    return node


@cache
def _schemas() -> dict[str, Any]:
    """Every schema component, HSDS and ours (the same whatever the request)."""
    schemas: dict[str, Any] = {}
    for name in HSDS_OBJECTS:
        key = f"hsds_{name}" if name in PROFILED else name
        schemas[key] = _components_refs(_hsds_file(name))
    for name in HSDS_LISTS:
        schemas[name] = _hsds_file(name)
    return schemas


def _profiled(name: str, fields) -> dict[str, Any]:
    return {"allOf": [_ref(f"hsds_{name}"), _ref(f"{name.capitalize()}Profile")],
            "description": f"HSDS {name} with our profile's fields ({name.capitalize()}Profile)."}


def _our_schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for name, fields in PROFILED.items():
        schemas[name] = _profiled(name, fields)
        schemas[f"{name.capitalize()}Profile"] = profile.object_schema(fields, name)
    schemas.update({
        "ServiceListItem": {"allOf": [_ref("service_list"), _ref("ServiceProfile")],
                            "description": "A service's one-to-one fields (the default)."},
        "ServiceMinimal": {
            "type": "object", "required": ["id"], "description": "A service with minimal=true.",
            "additionalProperties": False,
            "properties": {"id": {"type": "string"},
                           "modified_date": {"type": "string", "format": "date-time"}},
        },
        "ServiceAtLocationListItem": {"allOf": [_ref("service_at_location_list"), {
            "type": "object", "properties": {"service": _ref("ServiceProfile"),
                                             "location": _ref("LocationProfile")}}]},
        "ServiceAtLocationFull": {"allOf": [_ref("service_at_location"), {
            "type": "object", "properties": {"service": _ref("service")}}],
            "description": "A service at a location, fully nested, with its service."},
        "OrganizationFull": {"allOf": [_ref("organization"), {
            "type": "object", "properties": {
                "services": {"type": "array", "items": _ref("service")}}}],
            "description": "An organization, fully nested, with its published services."},
        "Page": {
            "type": "object",
            "required": ["total_items", "total_pages", "page_number", "size", "first_page",
                         "last_page", "empty"],
            "properties": {
                "total_items": {"type": "integer", "description": "How many results in all."},
                "total_pages": {"type": "integer", "description": "How many pages."},
                "page_number": {"type": "integer", "description": "This page's number."},
                "size": {"type": "integer", "description": "How many results in this page."},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean", "description": "This page has no results."},
            },
        },
        "ApiInfo": {
            "type": "object", "required": ["version", "profile", "openapi_url"],
            "properties": {
                "version": {"type": "string", "description": "HSDS version of this API."},
                "profile": {"type": "string", "format": "uri",
                            "description": "URL of our HSDS profile."},
                "openapi_url": {"type": "string", "format": "uri",
                                "description": "URL of this OpenAPI document."},
            },
        },
        "Error": {
            "type": "object", "required": ["error"],
            "properties": {
                "error": {"type": "string", "description": "What went wrong."},
                "parameter": {"type": "string", "description": "The parameter at fault."},
                "retry_after": {"type": "integer", "description": "Seconds to wait (429)."},
            },
        },
    })
    return schemas


def parameter_object(endpoint: str, name: str) -> dict[str, Any]:
    """The OpenAPI parameter object of ``name`` as ``endpoint`` reads it."""
    parameter = parameter_for(endpoint, name)
    data: dict[str, Any] = {
        "name": name, "in": "query", "required": False,
        "description": str(parameter.description), "schema": parameter.schema(),
    }
    if parameter.multiple:
        data.update(style="form", explode=True)
        data["description"] += " Repeat the parameter, or separate values with commas."
    if parameter.example is not None:
        data["example"] = [parameter.example] if parameter.multiple else parameter.example
    if not parameter.hsds:
        data["x-profile-extension"] = True
    return data


def _responses(operation: Operation) -> dict[str, Any]:
    headers = {name: {"$ref": f"#/components/headers/{name}"}
               for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")}
    content = {operation.media_type: {"schema": operation.schema}}
    if operation.media_type == "application/json":
        headers.update({name: {"$ref": f"#/components/headers/{name}"}
                        for name in ("ETag", "Last-Modified")})
    if operation.listing:
        content[NDJSON] = {"schema": {"type": "string", "description": (
            "format=ndjson: one JSON object (an item of contents) per line.")}}
    responses: dict[str, Any] = {
        "200": {"description": "OK", "headers": headers, "content": content},
        "304": {"description": "Not modified since the ETag or date the client has."},
    }
    if operation.parameters:
        responses["400"] = {"$ref": "#/components/responses/BadParameter"}
    responses["401"] = {"$ref": "#/components/responses/UnknownApiKey"}
    if operation.by_id:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    responses["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    return responses


def _error(description: str, **headers) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {
        "application/json": {"schema": _ref("Error")}}}
    if headers:
        response["headers"] = headers
    return response


def document(*, server_url: str, profile_url: str, docs_url: str, title: str,
             version: str, limits: dict[str, str]) -> dict[str, Any]:
    """The whole document; URLs are absolute, ``server_url`` is the API root."""
    paths: dict[str, Any] = {}
    for operation in OPERATIONS:
        item: dict[str, Any] = {
            "operationId": operation.operation_id,
            "summary": str(operation.summary),
            "tags": [operation.tag],
            "responses": _responses(operation),
        }
        names = ENDPOINT_PARAMETERS.get(operation.parameters or "", ())
        item["parameters"] = [
            parameter_object(operation.parameters, name)
            if (operation.parameters, name) in OVERRIDES
            else {"$ref": f"#/components/parameters/{name}"} for name in names
        ]
        path: dict[str, Any] = {"get": item}
        if operation.by_id:
            path["parameters"] = [{"name": "id", "in": "path", "required": True,
                                   "description": "The object's id.",
                                   "schema": {"type": "string"}}]
        paths[operation.path] = path
    description = (
        f"HSDS 3.0 API of {title}, with our HSDS profile ({profile_url}). Read-only, open to "
        f"any site (CORS). Rate limit per client: {limits['default']}; with an API key in the "
        f"X-API-Key header: {limits['key']}. Responses carry an ETag and Last-Modified; send "
        "If-None-Match or If-Modified-Since to get 304 when nothing changed.")
    rate_header = {"schema": {"type": "integer"}}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": f"{title} HSDS API",
            "version": version,
            "summary": "Open Referral HSDS 3.0 API of a recovery support directory.",
            "description": description,
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
            "x-hsds-version": "3.0",
            "x-hsds-profile": profile_url,
        },
        "externalDocs": {"description": "API documentation", "url": docs_url},
        "servers": [{"url": server_url}],
        "security": [{}, {"ApiKey": []}],
        "tags": [{"name": "HSDS", "description": "The HSDS 3.0 API."},
                 {"name": "Profile", "description": "Our HSDS profile."},
                 {"name": "Documentation", "description": "About this API."}],
        "paths": paths,
        "components": {
            "schemas": {**_schemas(), **_our_schemas()},
            "parameters": {name: parameter_object("", name) for name in PARAMETERS},
            "securitySchemes": {"ApiKey": {
                "type": "apiKey", "in": "header", "name": "X-API-Key",
                "description": "Optional: a key raises the rate limit."}},
            "headers": {
                "ETag": {"description": "Hash of the body.", "schema": {"type": "string"}},
                "Last-Modified": {"description": "When the catalog last changed.",
                                  "schema": {"type": "string"}},
                "Retry-After": {"description": "Seconds before trying again.",
                                "schema": {"type": "integer"}},
                "X-RateLimit-Limit": {**rate_header, "description": "Requests per window."},
                "X-RateLimit-Remaining": {**rate_header,
                                          "description": "Requests left in this window."},
                "X-RateLimit-Reset": {**rate_header,
                                      "description": "When the window ends (Unix time)."},
            },
            "responses": {
                "BadParameter": _error("A query parameter is wrong; parameter names it."),
                "UnknownApiKey": _error("The X-API-Key header holds no key we know."),
                "NotFound": _error("No published object has this id."),
                "TooManyRequests": _error(
                    "Over the rate limit.",
                    **{"Retry-After": {"$ref": "#/components/headers/Retry-After"}}),
            },
        },
    }
