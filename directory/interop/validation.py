"""JSON Schema validation of HSDS objects against the HSDS 3.0 schemas we ship."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from directory.paths import SCHEMAS_DIR

SCHEMA_FILES = {
    "organization": "organization.json",
    "service": "service.json",
    "taxonomy_term": "taxonomy_term.json",
}


def _inline_refs(node: Any) -> Any:
    """Replace ``{"$ref": "x.json"}`` with the schema of ``x.json`` (the per-object files refer
    to their siblings by file name)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".json") and "#" not in ref:
            return _inline_refs(json.loads((SCHEMAS_DIR / ref).read_text(encoding="utf-8")))
        return {key: _inline_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(item) for item in node]
    return node


@cache
def validator(kind: str) -> Draft202012Validator:
    """A validator for an HSDS object of ``kind`` (organization, service, taxonomy_term)."""
    schema = json.loads((SCHEMAS_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    return Draft202012Validator(_inline_refs(schema), format_checker=FormatChecker())


def json_path(parts) -> str:
    """``services[2].phones[0].number`` from a jsonschema error path."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(record)"


def schema_errors(kind: str, obj: Any) -> list[tuple[str, str]]:
    """Every (field path, message) where ``obj`` breaks the HSDS schema of ``kind``."""
    errors = sorted(validator(kind).iter_errors(obj), key=lambda e: list(map(str, e.path)))
    return [(json_path(error.absolute_path), error.message) for error in errors]
