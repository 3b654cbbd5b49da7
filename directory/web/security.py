"""Security headers on every response we serve.

No page of ours may be shown inside another site's frame (``frame-ancestors 'none'`` and
``X-Frame-Options: DENY``), except the views marked with :func:`frameable` (the embeddable
search), which other sites may frame: any site, or those in ``DIRECTORY_EMBED_ALLOWED_ORIGINS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import urlsplit

from flask import Response, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def content_security_policy() -> str:
    """Our CSP; map tiles, when configured, may come from their own host."""
    tile_url = current_app.config.get("DIRECTORY_TILE_URL")
    if not tile_url:
        return CONTENT_SECURITY_POLICY
    parts = urlsplit(tile_url.replace("{s}", "a"))
    host = f"{parts.scheme}://{parts.netloc}".replace("://a.", "://*.")
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {host}")


FRAMEABLE_ATTRIBUTE = "directory_frameable"
#: What the allow-list may hold: ``*``, ``'self'``, or a scheme and host (``https://example.org``,
#: ``https://*.example.gov``, a port or not). Nothing else, so a setting can never add a directive.
_FRAME_SOURCE = re.compile(r"\*|'self'|https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?")

View = TypeVar("View", bound=Callable)


def frameable(view: View) -> View:
    """Let other sites show this view in an iframe (the rule the headers below follow)."""
    setattr(view, FRAMEABLE_ATTRIBUTE, True)
    return view


def is_frameable() -> bool:
    """Whether this request's view is marked :func:`frameable`."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, FRAMEABLE_ATTRIBUTE, False)


def frame_ancestors(allowed: str | Iterable[str]) -> str:
    """The ``frame-ancestors`` sources of frameable views, from the allow-list setting.

    ``allowed`` is ``*`` or origins separated by spaces or commas (or a list); empty means our
    own site only. Our own origin is always allowed, so the snippet page can preview the embed.
    Raises ValueError for anything that is not an origin.
    """
    items = allowed.replace(",", " ").split() if isinstance(allowed, str) else list(allowed)
    sources = [item.strip().rstrip("/") for item in items if item and item.strip()]
    for source in sources:
        if not _FRAME_SOURCE.fullmatch(source):
            raise ValueError(f"DIRECTORY_EMBED_ALLOWED_ORIGINS: {source!r} is not an origin "
                             "like https://example.org (or *)")
    if "*" in sources:
        return "*"
    return " ".join(dict.fromkeys(["'self'", *sources]))


def add_security_headers(response: Response) -> Response:
    """Set CSP (no inline scripts), anti-framing, nosniff, referrer and, in production, HSTS.

    When mounted in a host app only our own pages get them, and a header the host already set
    is left alone.
    """
    state = current_app.extensions["directory"]
    if not current_app.config["DIRECTORY_SECURITY_HEADERS"]:
        return response
    if not state.standalone and request.blueprint not in state.blueprint_names:
        return response
    headers = response.headers
    policy = content_security_policy()
    if is_frameable():
        # Frameable pages: CSP frame-ancestors decides who may frame them; X-Frame-Options
        # cannot express an allow-list, so it is left out.
        allowed = frame_ancestors(current_app.config.get("DIRECTORY_EMBED_ALLOWED_ORIGINS", "*"))
        headers.setdefault("Content-Security-Policy", policy.replace(
            "frame-ancestors 'none'", f"frame-ancestors {allowed}"))
    else:
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # Search terms and listing ids never leak to other sites through the Referer header.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config["DIRECTORY_HSTS"]:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    return response
