"""HTTP around the API's JSON: conditional responses, NDJSON streams, CORS and JSON errors."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import datetime

from flask import Response, current_app, request, stream_with_context
from werkzeug.exceptions import HTTPException

from directory.ratelimit import existing_limiter

NDJSON = "application/x-ndjson"
CORS_ALLOWED_HEADERS = "Accept, Accept-Language, If-Modified-Since, If-None-Match, X-API-Key"
CORS_EXPOSED_HEADERS = ("ETag, Last-Modified, Retry-After, X-RateLimit-Limit, "
                        "X-RateLimit-Remaining, X-RateLimit-Reset")
PREFLIGHT_MAX_AGE = 86400


def _cacheable(response: Response, last_modified: datetime | None) -> Response:
    # Caches may keep a copy but must ask again each time: a 304 costs little, and bed
    # availability must never be served stale.
    response.cache_control.public = True
    response.cache_control.no_cache = True
    if last_modified is not None:
        response.last_modified = last_modified
    return response.make_conditional(request)


def json_response(data, last_modified: datetime | None = None) -> Response:
    """``data`` as JSON with an ETag of the body and Last-Modified; 304 when the client has it."""
    response = current_app.json.response(data)
    response.add_etag()
    return _cacheable(response, last_modified)


def ndjson_response(items: Iterable[dict], last_modified: datetime | None = None) -> Response:
    """Every item on its own line, streamed as it is read (no ETag: the body is never whole)."""

    def lines():
        for item in items:
            yield json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"

    response = Response(stream_with_context(lines()), mimetype=NDJSON)
    return _cacheable(response, last_modified)


def error_response(status: int, message: str, **extra) -> Response:
    """The API's error body: ``{"error": message, ...}`` (``parameter`` names a bad one)."""
    response = current_app.json.response({"error": message, **extra})
    response.status_code = status
    return response


def retry_after_seconds() -> int:
    """Seconds until the limit this request broke lets it through again."""
    limiter = existing_limiter(current_app)
    current = limiter.current_limit if limiter is not None else None
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()))


def http_error(error: HTTPException) -> Response:
    """Any HTTP error of the API as JSON (never an HTML page)."""
    code = error.code or 500
    if code == 429:
        seconds = retry_after_seconds()
        response = error_response(429, error.description or "Too many requests.",
                                  retry_after=seconds)
        response.headers["Retry-After"] = str(seconds)
        return response
    if code >= 500:
        return error_response(code, "Something went wrong on our side.")
    response = error_response(code, error.description or error.name)
    if code == 405:
        response.headers["Allow"] = "GET, HEAD, OPTIONS"
    if code == 401:
        response.headers["WWW-Authenticate"] = 'APIKey header="X-API-Key"'
    return response


def add_cors_headers(response: Response) -> Response:
    """The read-only API may be read from any site; preflights are answered for a day."""
    headers = response.headers
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
    if request.method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        headers["Access-Control-Allow-Headers"] = CORS_ALLOWED_HEADERS
        headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response
