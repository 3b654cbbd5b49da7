"""Making the blueprints of our pages the same way: our templates, our error pages."""

from __future__ import annotations

from flask import Blueprint, Response

from directory.paths import TEMPLATES_DIR
from directory.web.errors import MESSAGES, render_error


def _no_store(response: Response) -> Response:
    # Signed-in pages show private data: keep them out of shared caches and the back button.
    response.headers["Cache-Control"] = "no-store"
    return response


def page_blueprint(name: str, import_name: str, *, private: bool = False) -> Blueprint:
    """A blueprint rendering our templates and error pages; ``private`` pages (everything
    behind sign-in) are never stored by caches."""
    blueprint = Blueprint(name, import_name, template_folder=str(TEMPLATES_DIR))
    for code in MESSAGES:
        blueprint.register_error_handler(code, render_error)
    if private:
        blueprint.after_request(_no_store)
    return blueprint
