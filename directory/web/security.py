"""Security headers on every response we serve."""

from __future__ import annotations

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
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # Search terms and listing ids never leak to other sites through the Referer header.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config["DIRECTORY_HSTS"]:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    return response
