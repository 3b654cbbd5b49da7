"""Rate limits of the API: one budget per client across every endpoint, larger with an API key.

A client is its API key when it sends a valid one in ``X-API-Key`` (``DIRECTORY_API_KEYS``),
its address otherwise. Keys are counted by a digest, so the counters (in Redis, perhaps) never
hold a key itself.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Blueprint, Flask, current_app, g, request

from directory.ratelimit import check_limit, client_address, limit_blueprint

API_KEY_HEADER = "X-API-Key"
SCOPE = "directory_api"


def configured_keys() -> tuple[str, ...]:
    """The API keys of ``DIRECTORY_API_KEYS`` (comma-separated text, or a list)."""
    keys = current_app.config.get("DIRECTORY_API_KEYS") or ()
    if isinstance(keys, str):
        keys = keys.split(",")
    return tuple(key.strip() for key in keys if key and key.strip())


def presented_key() -> str | None:
    """The key the request sends, if any."""
    return request.headers.get(API_KEY_HEADER) or None


def has_valid_key() -> bool:
    """Whether the request sends one of the configured keys (compared in constant time)."""
    if "directory_api_key_valid" not in g:
        presented = (presented_key() or "").encode()
        g.directory_api_key_valid = bool(presented) and any(
            hmac.compare_digest(presented, key.encode()) for key in configured_keys())
    return g.directory_api_key_valid


def rate_limit() -> str:
    """This request's limit: the key holders' when it has a valid key."""
    config = current_app.config
    return config["DIRECTORY_API_KEY_RATE_LIMIT"] if has_valid_key() else config[
        "DIRECTORY_API_RATE_LIMIT"]


def client_key() -> str:
    """Whom this request counts against."""
    if has_valid_key():
        return "key:" + hashlib.sha256(presented_key().encode()).hexdigest()[:32]
    return "address:" + client_address()


def install(app: Flask, blueprint: Blueprint) -> None:
    """Limit ``blueprint`` on ``app``'s limiter (the host's, when it has one).

    Preflight requests (OPTIONS) are not counted: browsers send them on their own.
    """
    for key in ("DIRECTORY_API_RATE_LIMIT", "DIRECTORY_API_KEY_RATE_LIMIT"):
        check_limit(key, app.config[key])
    limit_blueprint(app, blueprint, rate_limit, SCOPE, key_func=client_key,
                    methods=["GET", "HEAD"], error_message=_breach_message)


def _breach_message() -> str:
    return f"Too many requests: the limit is {rate_limit()}."
