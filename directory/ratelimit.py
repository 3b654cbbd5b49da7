"""One Flask-Limiter per application, shared by every part of the directory that limits requests.

A host application that runs Flask-Limiter already keeps its own: we add our limits to it rather
than start a second limiter (two would count and answer separately). Otherwise we start one that
limits nothing by itself: each part declares its own limits on it (see ``directory.api``).

Counters live in Redis when ``DIRECTORY_RATELIMIT_STORAGE_URI`` is set (every app server then
shares them), in process memory otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, request
from flask_limiter import Limiter
from limits import parse_many


def client_address() -> str:
    """Who is asking, for counting: the client's address (the proxy in front sets it right)."""
    return request.remote_addr or "unknown"


def existing_limiter(app: Flask) -> Limiter | None:
    """The Flask-Limiter already on ``app``, if any (the host's or ours)."""
    registered = app.extensions.get("limiter")
    if isinstance(registered, Limiter):
        return registered
    # Flask-Limiter 3.x and later keep a set of instances.
    for limiter in registered or ():
        if isinstance(limiter, Limiter):
            return limiter
    return None


def init_limiter(app: Flask) -> Limiter:
    """The limiter of ``app``: the one already there, or a new one configured from our settings."""
    limiter = existing_limiter(app)
    if limiter is not None:
        return limiter
    storage_uri = app.config.get("DIRECTORY_RATELIMIT_STORAGE_URI") or app.config.get(
        "RATELIMIT_STORAGE_URI") or "memory://"  # named, so Flask-Limiter does not warn
    return Limiter(
        key_func=client_address,
        app=app,
        storage_uri=storage_uri,
        headers_enabled=True,
        # If Redis goes away, keep counting in memory rather than failing every request.
        in_memory_fallback_enabled=not storage_uri.startswith("memory://"),
    )


def check_limit(name: str, value: str) -> None:
    """Refuse, at start-up, a setting that is not a rate limit such as ``120/minute``."""
    try:
        parse_many(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a rate limit like \"120/minute\"") from None


def limit_blueprint(app: Flask, blueprint: Blueprint, limit: str | Callable[[], str], scope: str,
                    *, key_func: Callable[[], str] = client_address,
                    methods: list[str] | None = None,
                    error_message: str | Callable[[], str] | None = None) -> None:
    """Give every route of ``blueprint`` one shared budget per client (``key_func``) on ``app``.

    Call it when the blueprint is registered (``Blueprint.record_once``): limits belong to the
    limiter of each app, and an app may be built many times (tests do).
    """
    init_limiter(app).shared_limit(limit, scope, key_func=key_func, methods=methods,
                                   error_message=error_message)(blueprint)
