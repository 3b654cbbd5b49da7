"""Error pages that say what happened in plain words and leak nothing."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (_l("Something in that request was not right"),
          _l("Please go back, check what you entered and try again.")),
    403: (_l("You can't open this page"),
          _l("Your account does not have access to this page.")),
    404: (_l("Page not found"),
          _l("We couldn't find that page. The listing may have been removed or the link may be "
             "mistyped.")),
    405: (_l("That action isn't available here"),
          _l("Please go back and use the buttons on the page.")),
    429: (_l("Too many requests"),
          _l("Please wait a minute and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("The problem has been logged. Please try again in a few minutes.")),
}


def render_error(error: HTTPException):
    """Render ``error`` with our template; never shows exception details."""
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    code = error.code or 500
    title, explanation = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    response = render_template(
        "directory/errors/error.html", code=code, title=title, explanation=explanation
    )
    headers = {}
    if code == 429 and error.response is None and getattr(error, "retry_after", None):
        headers["Retry-After"] = str(error.retry_after)
    return response, code, headers


def register_error_pages(app: Flask, *, app_wide: bool) -> None:
    """Standalone: handle errors app-wide. Mounted: the host's pages stay the host's business
    (our blueprints register :func:`render_error` for their own routes when they are defined)."""
    if not app_wide:
        return
    for code in MESSAGES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(InternalServerError, render_error)
