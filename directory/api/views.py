"""The HSDS API blueprint: each view parses its parameters, calls a query and renders JSON."""

from __future__ import annotations

import re
from datetime import date
from functools import partial

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from werkzeug.exceptions import MethodNotAllowed, default_exceptions
from werkzeug.exceptions import NotFound as HTTPNotFound

from directory import __version__
from directory.api import http, limits, openapi, params, profile, queries
from directory.api.representations import (
    HSDS_VERSION,
    SERVICE_SHAPES,
    organization,
    page,
    service_at_location,
    service_full,
)
from directory.catalog.models import (
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.errors import NotFound
from directory.interop import serialize

bp = Blueprint("directory_api", __name__)

READ_METHODS = ("GET", "HEAD")
WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]
_PLAUSIBLE_ID = re.compile(r"[^\x00-\x1f\x7f]{1,64}")

for _code in default_exceptions:
    if _code >= 400:
        bp.register_error_handler(_code, http.http_error)


@bp.record_once
def _set_up(state) -> None:
    limits.install(state.app, bp)
    csrf = state.app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(bp)  # nothing here changes anything; writes get a JSON 405, not a CSRF 400


@bp.errorhandler(params.BadParameter)
def _bad_parameter(error: params.BadParameter):
    return http.error_response(400, error.message, parameter=error.parameter)


@bp.errorhandler(queries.UnknownPlace)
def _unknown_place(error: queries.UnknownPlace):
    return http.error_response(400, "We don't know this ZIP code.", parameter="postcode")


@bp.errorhandler(NotFound)
def _not_found(error: NotFound):
    return http.error_response(404, "No published object has this id.")


@bp.before_request
def _preflight_and_key():
    if request.method == "OPTIONS":
        # Answered here: the catch-all route would otherwise offer write methods in Allow.
        return Response(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})
    if limits.presented_key() is not None and not limits.has_valid_key():
        abort(401, description=f"Unknown API key in the {limits.API_KEY_HEADER} header.")
    return None


bp.after_request(http.add_cors_headers)


# --- helpers ----------------------------------------------------------------------------------


def _values(endpoint: str) -> dict:
    return params.parse(endpoint, request.args)


def _checked_id(value: str) -> str:
    # Nothing that cannot be an id reaches the database (NUL bytes upset PostgreSQL).
    if not _PLAUSIBLE_ID.fullmatch(value):
        raise NotFound(value)
    return value


def _service_filters(values: dict) -> queries.ServiceFilters:
    return params.service_filters(
        values, stale_after_days=current_app.config["DIRECTORY_STALE_AFTER_DAYS"],
        today=date.today())


def _listing(values: dict, minimal: bool = False) -> params.Listing:
    return params.listing(values, current_app.config["DIRECTORY_PAGE_SIZE"], minimal=minimal)


def _list(matches: queries.Matches, model, options, render, listing: params.Listing, *,
          nested: bool = False):
    """One page of ``matches`` as an HSDS page, or every match as NDJSON.

    ``nested``: the items are fully nested, so they show their nested objects' attributes.
    """
    stamp = queries.last_modified()

    def attributes(objects) -> dict:
        return queries.attributes_of(objects) if nested else {}

    if listing.stream:
        def items():
            for batch in queries.batches_of(matches, model, options):
                found = attributes(batch)
                yield from (render(obj, found) for obj in batch)

        return http.ndjson_response(items(), stamp)
    result = queries.page_of(matches, model, listing.page, listing.per_page, options)
    found = attributes(result.items)
    return http.json_response(page(result, lambda obj: render(obj, found)), stamp)


def _one(obj, render):
    """One object, fully nested, with its nested objects' attributes."""
    return http.json_response(render(obj, queries.attributes_of([obj])),
                              queries.last_modified())


def _plain(render):
    """A renderer of objects that carry no nested attributes (taxonomies and their terms)."""
    return lambda obj, _attributes: render(obj)


def _limits() -> dict[str, str]:
    config = current_app.config
    return {"default": config["DIRECTORY_API_RATE_LIMIT"],
            "key": config["DIRECTORY_API_KEY_RATE_LIMIT"]}


# --- HSDS -------------------------------------------------------------------------------------


@bp.get("/")
def index():
    _values("index")
    return http.json_response({
        "version": HSDS_VERSION,
        "profile": url_for(".profile_document", _external=True),
        "openapi_url": url_for(".openapi_document", _external=True),
    }, queries.last_modified())


@bp.get("/services")
def services():
    values = _values("services")
    shape = params.service_shape(values)
    listing = _listing(values, minimal=shape == "minimal")
    matches = queries.find_services(_service_filters(values))
    return _list(matches, Service, queries.service_options(shape), SERVICE_SHAPES[shape],
                 listing, nested=shape == "full")


@bp.get("/services/<service_id>")
def service(service_id: str):
    _values("service")
    return _one(queries.get_service(_checked_id(service_id)), service_full)


@bp.get("/service_at_locations")
def service_at_locations():
    values = _values("service_at_locations")
    full = values.get("full", False)
    matches = queries.find_service_at_locations(_service_filters(values))
    return _list(matches, ServiceAtLocation, queries.service_at_location_options(full),
                 partial(service_at_location, full=full), _listing(values), nested=full)


@bp.get("/service_at_locations/<item_id>")
def service_at_location_by_id(item_id: str):
    _values("service_at_location")
    return _one(queries.get_service_at_location(_checked_id(item_id)), service_at_location)


@bp.get("/organizations")
def organizations():
    values = _values("organizations")
    full_services = values.get("full_service", False)
    full = values.get("full", False) or full_services
    matches = queries.find_organizations(values.get("search", ""))
    return _list(matches, Organization, queries.organization_options(full, full_services),
                 partial(organization, full=full, full_services=full_services),
                 _listing(values), nested=full)


@bp.get("/organizations/<organization_id>")
def organization_by_id(organization_id: str):
    full_services = _values("organization").get("full_service", False)
    item = queries.get_organization(_checked_id(organization_id), full_services)
    return _one(item, partial(organization, full=True, full_services=full_services))


@bp.get("/taxonomies")
def taxonomies():
    values = _values("taxonomies")
    return _list(queries.find_taxonomies(values.get("search", "")), Taxonomy, (),
                 _plain(serialize.taxonomy), _listing(values))


@bp.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str):
    _values("taxonomy")
    return _one(queries.get_taxonomy(_checked_id(taxonomy_id)), _plain(serialize.taxonomy))


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    values = _values("taxonomy_terms")
    matches = queries.find_taxonomy_terms(
        values.get("search", ""), values.get("taxonomy_id"), values.get("top_only", False),
        values.get("parent_id"))
    return _list(matches, TaxonomyTerm, queries.taxonomy_term_options(),
                 _plain(serialize.taxonomy_term), _listing(values))


@bp.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str):
    _values("taxonomy_term")
    return _one(queries.get_taxonomy_term(_checked_id(term_id)), _plain(serialize.taxonomy_term))


# --- about the API ----------------------------------------------------------------------------


@bp.get("/profile")
def profile_document():
    _values("profile")
    parameters = [openapi.parameter_object("services", name) for name in params.PROFILE_FILTERS]
    response = http.json_response(profile.document(
        url_for(".profile_document", _external=True),
        url_for(".openapi_document", _external=True),
        url_for(".docs", _external=True), parameters))
    response.vary.add("Accept-Language")
    return response


@bp.get("/openapi.json")
def openapi_document():
    _values("openapi")
    response = http.json_response(openapi.document(
        server_url=url_for(".index", _external=True).rstrip("/"),
        profile_url=url_for(".profile_document", _external=True),
        docs_url=url_for(".docs", _external=True),
        title=current_app.config["DIRECTORY_SITE_NAME"], version=__version__,
        limits=_limits()))
    response.vary.add("Accept-Language")
    return response


@bp.get("/docs")
def docs():
    root = url_for(".index", _external=True).rstrip("/")
    operations = [
        {"operation": operation, "url": root + operation.path,
         "parameters": [params.parameter_for(operation.parameters, name)
                        for name in params.ENDPOINT_PARAMETERS.get(operation.parameters or "", ())]}
        for operation in openapi.OPERATIONS
    ]
    return render_template(
        "directory/api/docs.html", operations=operations, root=root,
        service_fields=profile.SERVICE_FIELDS, location_fields=profile.LOCATION_FIELDS,
        limits=_limits(), api_key_header=limits.API_KEY_HEADER,
        max_per_page=params.MAX_PER_PAGE,
        openapi_url=url_for(".openapi_document", _external=True),
        profile_url=url_for(".profile_document", _external=True),
    )


# --- anything else is JSON too ----------------------------------------------------------------


@bp.route("/", methods=WRITE_METHODS, endpoint="read_only")
@bp.route("/<path:path>", methods=[*READ_METHODS, *WRITE_METHODS])
def unknown(path: str = ""):
    if request.method in READ_METHODS:
        raise HTTPNotFound()
    raise MethodNotAllowed(valid_methods=["GET", "HEAD", "OPTIONS"])
