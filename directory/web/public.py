"""Public pages: home, categories, service and organization detail."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import get_locale

from directory.catalog import listings
from directory.errors import NotFound
from directory.paths import STATIC_DIR, TEMPLATES_DIR
from directory.web.errors import MESSAGES, render_error

bp = Blueprint(
    "directory",
    __name__,
    template_folder=str(TEMPLATES_DIR),
    static_folder=str(STATIC_DIR),
    static_url_path="/assets",
)
for _code in MESSAGES:
    bp.register_error_handler(_code, render_error)


@bp.app_context_processor
def inject_layout():
    """Let every template extend the configured base layout (a host may swap it)."""
    return {
        "directory_base_template": current_app.config["DIRECTORY_BASE_TEMPLATE"],
        "directory_site_name": current_app.config["DIRECTORY_SITE_NAME"],
        "directory_blueprints": current_app.extensions["directory"].blueprint_names,
        "directory_locale": str(get_locale() or "en"),
    }


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        abort(400)


@bp.get("/")
def home():
    return render_template(
        "directory/home.html",
        categories=listings.categories(),
        counts=listings.catalog_counts(),
    )


@bp.get("/categories/<code>")
def category(code: str):
    try:
        term = listings.get_category(code)
    except NotFound:
        abort(404)
    page = listings.services_in_category(term, _page_number())
    return render_template("directory/category.html", term=term, page=page)


@bp.get("/services/<service_id>")
def service(service_id: str):
    try:
        item = listings.get_service(service_id)
    except NotFound:
        abort(404)
    return render_template(
        "directory/service.html",
        service=item,
        places=listings.service_locations(item),
        verified_days=listings.verification_age_days(item),
        stale=listings.is_stale(item),
    )


@bp.get("/organizations/<organization_id>")
def organization(organization_id: str):
    try:
        item = listings.get_organization(organization_id)
    except NotFound:
        abort(404)
    return render_template("directory/organization.html", organization=item)
