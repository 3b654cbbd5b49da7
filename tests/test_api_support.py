"""Helpers of the API tests (no tests here): mounting the API, HSDS schema validation."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.api import bp as api_bp
from directory.paths import SCHEMAS_DIR

DATA = Path(__file__).resolve().parent / "data" / "api"
API = "/api"

#: Which HSDS schema (file) each kind of API object must validate against.
HSDS_FILES = {
    "service": SCHEMAS_DIR / "service.json",  # compiled
    "organization": SCHEMAS_DIR / "organization.json",  # compiled
    "service_at_location": DATA / "service_at_location.json",  # compiled
    "service_list": DATA / "service_list.json",
    "organization_list": DATA / "organization_list.json",
    "service_at_location_list": DATA / "service_at_location_list.json",
    "taxonomy": SCHEMAS_DIR / "taxonomy.json",
    "taxonomy_term": SCHEMAS_DIR / "taxonomy_term.json",
}
PAGE_KEYS = {"total_items": int, "total_pages": int, "page_number": int, "size": int,
             "first_page": bool, "last_page": bool, "empty": bool, "contents": list}


def mount_api(app: Flask) -> Flask:
    """Register the API where ``directory.web`` mounts it (when it does not yet)."""
    if "directory_api" not in app.blueprints:
        prefix = app.config["DIRECTORY_URL_PREFIX"].rstrip("/")
        app.register_blueprint(api_bp, url_prefix=f"{prefix}/api")
    return app


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    # The per-object schemas refer to their siblings by file name.
    return Registry().with_resources(
        (name, Resource.from_contents(_load(SCHEMAS_DIR / name),
                                      default_specification=DRAFT202012))
        for name in ("taxonomy.json", "metadata.json"))


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(_load(HSDS_FILES[kind]), registry=_registry(),
                                format_checker=FormatChecker())


def schema_errors(kind: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator(kind).iter_errors(data)]


def assert_valid(kind: str, data: Any) -> None:
    errors = schema_errors(kind, data)
    assert not errors, f"{kind} {data.get('id') if isinstance(data, dict) else ''}: {errors[:5]}"


def assert_page(body: dict, kind: str | None = None) -> list:
    """``body`` is an HSDS page (and each item an HSDS ``kind``); returns its contents."""
    assert set(body) == set(PAGE_KEYS), sorted(body)
    for key, kind_of in PAGE_KEYS.items():
        assert type(body[key]) is kind_of, key
    assert body["size"] == len(body["contents"])
    assert body["empty"] is (body["size"] == 0)
    assert body["first_page"] is (body["page_number"] == 1)
    if kind is not None:
        for item in body["contents"]:
            assert_valid(kind, item)
    return body["contents"]


def ndjson_lines(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]
