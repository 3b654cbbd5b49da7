"""Absolute links for emails, from a request or from the command line."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for

#: The base used by commands run outside a request when DIRECTORY_PUBLIC_BASE_URL is not set.
FALLBACK_BASE_URL = "http://localhost:5000"


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL for ``endpoint``: under ``DIRECTORY_PUBLIC_BASE_URL`` when set, else
    the current request's host; commands (no request) fall back to the local server."""
    base = current_app.config.get("DIRECTORY_PUBLIC_BASE_URL")
    if has_request_context():
        if base:
            return base.rstrip("/") + url_for(endpoint, **values)
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=(base or FALLBACK_BASE_URL).rstrip("/")):
        return url_for(endpoint, _external=True, **values)
