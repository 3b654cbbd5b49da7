"""Public search pages: results list, map, print view, and the JSON search API.

Each view reads the form, finds the place, runs :func:`directory.search.engine.search` and
renders. Privacy: nothing here logs or stores what was searched; coordinates from "Use my
location" are rounded to 3 decimals (about 100 m) before use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _

from directory.catalog import listings
from directory.database import session
from directory.geo import geocode_place, get_geocoder, round_coordinate
from directory.search.engine import SearchHit, SearchResults, search
from directory.web.search_forms import SearchForm, miles_label

bp = Blueprint("directory_search", __name__)

DEVICE_PLACES = 3  # decimals kept of a device's position (the JS rounds the same way)


# -- template helpers ------------------------------------------------------------------------


@bp.app_template_filter("search_distance")
def distance_text(miles: float | None) -> str:
    """"2.3 miles" (one decimal, in the reader's locale)."""
    if miles is None:
        return ""
    if miles < 0.05:
        return _("less than 0.1 miles")
    # Always one decimal shown, so always the plural form ("1.0 miles").
    return _("%(miles)s miles", miles=format_decimal(round(miles, 1), format="#,##0.0"))


@bp.app_template_filter("search_radius")
def radius_text(miles: float) -> str:
    """A search radius in words ("25 miles")."""
    return str(miles_label(miles))


@bp.app_template_filter("tel_uri")
def tel_uri(number: str | None) -> str:
    """A ``tel:`` target for a phone number as listed ("(503) 555-0100" → tel:+15035550100)."""
    number = number or ""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        return "tel:+" + digits
    return "tel:+1" + digits if len(digits) == 10 else "tel:" + digits


def _range_text(opening) -> str:
    if opening.all_day:
        return _("open 24 hours")
    return f"{opening.opens:%H:%M}–{opening.closes:%H:%M}"


@bp.app_template_filter("compact_hours")
def compact_hours(days) -> list[str]:
    """Weekly hours in a few phrases ("Monday–Friday 09:00–17:00"); closed days left out."""
    groups: list[list] = []  # [first day, last day, hours text, index of last day]
    for index, day in enumerate(days):
        text = ", ".join(_range_text(opening) for opening in day.ranges)
        if not text:
            continue
        if groups and groups[-1][2] == text and groups[-1][3] == index - 1:
            groups[-1][1], groups[-1][3] = day.name, index
        else:
            groups.append([day.name, day.name, text, index])
    return [f"{first}–{last} {text}" if first != last else f"{first} {text}"
            for first, last, text, _index in groups]


# -- the place -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a search is centred, and what to tell the person about it.

    ``status``: ``none`` (no place given), ``found``, ``approximate``, ``ambiguous``, ``device``
    ("Use my location"), ``not_found`` or ``invalid``.
    """

    status: str = "none"
    query: str = ""
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None
    zip: str | None = None
    region_code: str | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def found(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def failed(self) -> bool:
        return self.status in ("not_found", "invalid")


def _region(state: str | None) -> str | None:
    return f"US-{state}" if state else None


def _state_near(latitude: float, longitude: float) -> str | None:
    nearest = get_geocoder().reverse((latitude, longitude))
    return (nearest.raw or {}).get("state") if nearest is not None else None


def locate(form: SearchForm) -> Place:
    """The place of a validated form: its text first, else the device's point, else none."""
    text = form.place_text
    if text:
        result = geocode_place(text)
        if result.location is None:
            return Place(result.message, result.query, suggestions=tuple(result.suggestions))
        location, raw = result.location, result.location.raw or {}
        precision = raw.get("precision")
        state = raw.get("state")
        if precision == "coordinates":
            state = _state_near(location.latitude, location.longitude)
        return Place(
            result.message, result.query, location.address, location.latitude,
            location.longitude, precision, raw.get("zip"), _region(state),
            tuple(result.suggestions),
        )
    if form.has_point:
        latitude = round_coordinate(form.lat.data, DEVICE_PLACES)
        longitude = round_coordinate(form.lon.data, DEVICE_PLACES)
        return Place("device", label=_("your location"), latitude=latitude,
                     longitude=longitude, precision="device",
                     region_code=_region(_state_near(latitude, longitude)))
    return Place()


# -- running a search ------------------------------------------------------------------------


@dataclass
class Outcome:
    """A search page's material: the form, the place, and results when a search ran."""

    form: SearchForm
    place: Place
    results: SearchResults | None
    categories: list

    @property
    def searched(self) -> bool:
        return self.results is not None


def _category_choices(categories) -> list[tuple[str, str]]:
    choices = []
    for category in categories:
        choices.append((category.term.code, category.term.name))
        choices.extend((child.code, child.name) for child, _count in category.children)
    return choices


def run_search(categories) -> Outcome:
    """Validate the request's parameters, find the place and search (when there is enough)."""
    form = SearchForm(request.args, categories=_category_choices(categories))
    if not form.validate():
        return Outcome(form, Place(), None, categories)
    place = locate(form)
    if place.failed or not (place.found or form.has_criteria()):
        return Outcome(form, place, None, categories)
    config = current_app.config
    query = form.search_query(
        place.latitude, place.longitude, place.region_code,
        per_page=config["DIRECTORY_PAGE_SIZE"],
        stale_after_days=config["DIRECTORY_STALE_AFTER_DAYS"], today=date.today(),
    )
    return Outcome(form, place, search(session, query), categories)


def _page(template: str, outcome: Outcome, **context):
    return render_template(
        template, outcome=outcome, form=outcome.form, place=outcome.place,
        results=outcome.results, categories=outcome.categories, today=date.today(),
        stale_after_days=current_app.config["DIRECTORY_STALE_AFTER_DAYS"], **context,
    )


@bp.get("/search")
def results():
    outcome = run_search(listings.categories(with_counts=False))
    return _page("directory/search/results.html", outcome)


@bp.get("/search/map")
def map_view():
    outcome = run_search(listings.categories(with_counts=False))
    config = current_app.config
    return _page(
        "directory/search/map.html", outcome,
        tile_url=config.get("DIRECTORY_TILE_URL") or "",
        tile_attribution=config.get("DIRECTORY_TILE_ATTRIBUTION") or "",
    )


@bp.get("/search/print")
def print_view():
    outcome = run_search(listings.categories(with_counts=False))
    # Hours come with each hit from the index (hit.hours): no catalog reads, however long.
    return _page("directory/search/print.html", outcome)


# -- JSON ------------------------------------------------------------------------------------


def _hit_json(hit: SearchHit) -> dict:
    return {
        "id": hit.service_id,
        "name": hit.name,
        "organization": hit.organization_name,
        "url": url_for("directory.service", service_id=hit.service_id),
        "lat": hit.latitude,
        "lon": hit.longitude,
        "distance_miles": round(hit.distance_miles, 2) if hit.distance_miles is not None else None,
        "virtual": hit.is_virtual,
        "address": hit.address,
        "city": hit.city,
        "state": hit.state,
        "phone": hit.phone,
        "categories": list(hit.categories),
        "open_now": hit.open_now,
        "accepting_new_clients": hit.accepting_new_clients,
        "beds_available": hit.beds_available,
        "assured_date": hit.assured_date.isoformat() if hit.assured_date else None,
    }


def _json_error(parameter: str, message: str, **extra):
    body = {"error": "invalid_parameter", "parameter": parameter, "message": message, **extra}
    return jsonify(body), 400


@bp.get("/search.json")
def results_json():
    outcome = run_search(listings.categories(with_counts=False))
    form, place, found = outcome.form, outcome.place, outcome.results
    if form.errors:
        errors = form.error_items()
        name, message = errors[0]
        return _json_error(name, message, errors={n: [m for k, m in errors if k == n]
                                                  for n, _m in errors})
    if place.failed:
        message = (_("We couldn't find that place.") if place.status == "not_found"
                   else _("That doesn't look like a place we can find."))
        return _json_error("place", message, suggestions=list(place.suggestions))
    if found is None:
        return _json_error("place", _("Give a place (place, or lat and lon), a keyword or a "
                                      "category."))
    return jsonify({
        "place": {
            "label": place.label, "latitude": place.latitude, "longitude": place.longitude,
            "precision": place.precision, "approximate": place.status == "approximate",
            "region": place.region_code,
        } if place.found else None,
        "radius_miles": found.query.radius_miles if place.found else None,
        "page": found.page,
        "per_page": found.query.per_page,
        "total": found.total,
        "has_next": found.has_next,
        "has_previous": found.has_previous,
        "results": [_hit_json(hit) for hit in found.hits],
        "virtual": [_hit_json(hit) for hit in found.virtual_hits],
    })
