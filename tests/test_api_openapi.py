"""The OpenAPI document: valid, self-contained, every HSDS parameter, exactly our routes, and the
API conforming to it (schemathesis, in process, on the demo catalog)."""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import OpenAPIV31SpecValidator
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directory import create_app
from directory.api.openapi import OPERATIONS
from tests.conftest import app_settings, dispose_engines
from tests.test_api_support import API, DATA, mount_api

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
MAX_EXAMPLES = 15  # per operation: the whole run stays well under a minute


@pytest.fixture(scope="module")
def seeded_api_app(seeded_db_url: str):
    application = mount_api(create_app(app_settings(
        seeded_db_url, DIRECTORY_API_RATE_LIMIT="100000/minute")))
    yield application
    dispose_engines(application)


@pytest.fixture(scope="module")
def document(seeded_api_app) -> dict:
    response = seeded_api_app.test_client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _resolve(document: dict, node: dict) -> dict:
    while "$ref" in node:
        assert node["$ref"].startswith("#/"), node["$ref"]
        target = document
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert not errors, errors[:5]


def test_document_is_self_contained(document):
    refs = set(_refs(document))
    assert refs and all(ref.startswith("#/") for ref in refs)
    for ref in refs:
        _resolve(document, {"$ref": ref})


def test_every_hsds_parameter_is_served(document):
    hsds = json.loads((DATA / "hsds_openapi.json").read_text(encoding="utf-8"))
    for path, item in hsds["paths"].items():
        ours = document["paths"][path]["get"]
        served = {(p["name"], p["in"]) for p in (_resolve(document, p)
                                                 for p in ours.get("parameters", []))}
        wanted = {(p["name"], p["in"]) for p in (_resolve(hsds, p)
                                                 for p in item["get"].get("parameters", []))}
        assert wanted <= served, (path, wanted - served)


def test_paths_are_exactly_the_routes_we_serve(seeded_api_app, document):
    routes = set()
    for rule in seeded_api_app.url_map.iter_rules():
        if rule.endpoint.startswith("directory_api.") and "GET" in rule.methods \
                and "<path:" not in rule.rule:
            routes.add(re.sub(r"<(?:\w+:)?\w+>", "{id}", rule.rule.removeprefix(API)))
    assert routes == set(document["paths"])
    assert document["servers"] == [{"url": "http://localhost/api"}]


def test_operations_are_described_and_named_once(document):
    operations = [item["get"] for item in document["paths"].values()]
    names = [operation["operationId"] for operation in operations]
    assert len(names) == len(set(names))
    assert all(operation["summary"] for operation in operations)


def test_hsds_list_schemas_are_embedded_unchanged(document):
    for name in ("service_list", "organization_list", "service_at_location_list"):
        copy = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        assert document["components"]["schemas"][name] == copy


def test_profile_extensions_are_marked(document):
    parameters = document["components"]["parameters"]
    assert parameters["lat"]["x-profile-extension"] is True
    assert "x-profile-extension" not in parameters["postcode"]
    service = document["components"]["schemas"]["ServiceProfile"]["properties"]
    assert {"beds_available", "narr_level", "accepting_new_clients"} <= set(service)


@pytest.fixture(scope="module")
def api_schema(seeded_api_app):
    return schemathesis.openapi.from_wsgi(f"{API}/openapi.json", seeded_api_app)


@pytest.fixture(scope="module")
def known_ids(seeded_api_app) -> dict[str, str]:
    """An id of each kind of object, so checks reach the 200 answers of the /{id} paths."""
    client = seeded_api_app.test_client()
    return {f"{path}/{{id}}": client.get(f"{API}{path}?per_page=1").get_json()["contents"][0][
        "id"] for path in ("/services", "/service_at_locations", "/organizations", "/taxonomies",
                           "/taxonomy_terms")}


def _run(strategy, checks) -> None:
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case):
        case.call_and_validate(checks=checks)

    check()


#: Requests whose answers are full pages of the demo catalog, in every shape.
FULL_ANSWERS = {
    "/services": [{}, {"full": True}, {"minimal": True}, {"format": "ndjson"},
                  {"search": "family", "language": "es"},
                  {"lat": 45.52, "lon": -122.68, "radius": 10, "full": True}],
    "/services/{id}": [{}],
    "/service_at_locations": [{}, {"full": True}, {"postcode": "97209", "proximity": 8000},
                              {"postcode": "97209", "full": True}],
    "/service_at_locations/{id}": [{}],
    "/organizations": [{}, {"full": True}, {"full_service": True}],
    "/organizations/{id}": [{}, {"full_service": True}],
    "/taxonomies": [{}],
    "/taxonomies/{id}": [{}],
    "/taxonomy_terms": [{}, {"top_only": True}],
    "/taxonomy_terms/{id}": [{}],
}


@pytest.mark.parametrize("path", list(FULL_ANSWERS))
def test_full_answers_conform_to_the_document(api_schema, known_ids, path):
    """Random parameters mostly narrow lists to nothing; these answers hold real data."""
    operation = api_schema[path]["GET"]
    fixed = {"id": known_ids[path]} if path in known_ids else None
    for query in FULL_ANSWERS[path]:
        if path.endswith("s") and "format" not in query and "minimal" not in query:
            query = {**query, "per_page": 100}
        response = operation.Case(query=query, path_parameters=fixed).call_and_validate(
            checks=CHECKS)
        assert response.status_code == 200 and response.content, (path, query)


# schemathesis' own pytest plugin does not run on pytest 9 yet: drive its strategies directly.
@pytest.mark.parametrize("path", [operation.path for operation in OPERATIONS])
def test_api_conforms_to_its_openapi_document(api_schema, known_ids, path):
    operation = api_schema[path]["GET"]
    fixed = {"id": known_ids[path]} if path in known_ids else None
    _run(operation.as_strategy(path_parameters=fixed), CHECKS)


@pytest.mark.parametrize("path", [operation.path for operation in OPERATIONS
                                  if operation.parameters])
def test_api_survives_invalid_input(api_schema, path):
    strategy = api_schema[path]["GET"].as_strategy(generation_mode=GenerationMode.NEGATIVE)
    _run(strategy, [not_a_server_error, status_code_conformance, content_type_conformance])
