"""Agency staff (and admins) editing listings: organization, services, locations, hours;
their pending changes and the listing's history.

Views parse the form, call one function of :mod:`directory.editing.changes`, commit and
redirect. Sensitive fields edited by agency staff are held for review (see the review pages).
"""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from directory.authz import authorized, can, requires
from directory.catalog import listings
from directory.catalog.models import Location, MetadataRecord, Organization, Service
from directory.database import session as db_session
from directory.editing import changes, history
from directory.editing import review as reviews
from directory.editing.choices import language_choices
from directory.editing.display import show, show_text
from directory.editing.fields import FIELDS, decode, encode, field_for
from directory.editing.forms import (
    HoursForm,
    LocationForm,
    OrganizationForm,
    ServiceForm,
    choices,
)
from directory.editing.placing import nearest_place, place_pin
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_editing", __name__, private=True)

ORGANIZATION_FIELDS = tuple(FIELDS["organization"])
LOCATION_FIELDS = tuple(FIELDS["location"])
SERVICE_FIELDS = tuple(name for name in FIELDS["service"] if name != "hours")
HOURS_FIELDS = ("hours",)
STALE = 409


# ---- helpers ------------------------------------------------------------------------------


def _flash_result(result: changes.EditResult) -> None:
    """Say which fields went live and which wait for review (labels only, never values)."""
    if result.published:
        flash(_("Published: %(fields)s.",
                fields=", ".join(str(f.label) for f in result.published)), "success")
    if result.held:
        flash(_("Waiting for review by an administrator: %(fields)s. The public sees the "
                "current values until then.",
                fields=", ".join(str(f.label) for f in result.held)), "info")
    if not result.changed:
        flash(_("Nothing was changed."), "info")


def _pending_lines(obj) -> list[tuple[str, list[str]]]:
    """(field label, proposed value lines) of the record's changes waiting for review."""
    lines = []
    kind = type(obj).__name__.lower()
    for name, change in changes.pending_changes(obj).items():
        if name in FIELDS[kind]:
            editable = field_for(kind, name)
            lines.append((str(editable.label), show(editable, decode(change.proposed_value))))
    return lines


def _stale_lines(kind: str, current: dict) -> list[tuple[str, list[str]]]:
    return [(str(field_for(kind, name).label), show(field_for(kind, name), value))
            for name, value in current.items()]


def _save(obj, form, proposed: dict, template: str, done_url: str, **context):
    """Submit the edit; a stale form answers 409 with the current values, keeping the input."""
    kind = type(obj).__name__.lower()
    try:
        result = changes.submit_edit(obj, proposed, current_user, form.version.data or "")
    except changes.StaleEdit as stale:
        db_session.rollback()
        form.version.data = stale.version
        form.extra_rows()
        return render_template(template, form=form, stale=_stale_lines(kind, stale.current),
                               pending=_pending_lines(obj), **context), STALE
    db_session.commit()
    _flash_result(result)
    return redirect(done_url)


def _manage_url(organization_id: str) -> str:
    """Where to go after a save: the agency dashboard when it exists, else the org form."""
    if "directory_agency.dashboard" in current_app.view_functions:
        return url_for("directory_agency.dashboard")
    return url_for("directory_editing.edit_organization", organization_id=organization_id)


# ---- organization -------------------------------------------------------------------------


@bp.route("/manage/organizations/<organization_id>", methods=["GET", "POST"])
@requires("listing.edit")
def edit_organization(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.edit")
    template = "directory/editing/organization.html"
    form = OrganizationForm()
    if form.validate_on_submit():
        return _save(organization, form, form.values(), template,
                     url_for(".edit_organization", organization_id=organization.id),
                     organization=organization)
    if not form.is_submitted():
        values = changes.current_values(organization, ORGANIZATION_FIELDS)
        form = OrganizationForm(data=OrganizationForm.data_from(values))
        form.version.data = changes.version_token(organization, ORGANIZATION_FIELDS)
    form.extra_rows()
    return render_template(template, form=form, organization=organization,
                           pending=_pending_lines(organization), stale=None)


# ---- services -----------------------------------------------------------------------------


def _service_choices(form: ServiceForm, organization: Organization, service=None) -> list:
    """Fill the choice lists; returns the category groups for the template."""
    existing = {language.code for language in (service.languages if service else [])
                if language.code}
    form.languages.choices = choices(language_choices(existing))
    groups = listings.categories(with_counts=False)
    form.categories.choices = choices([(group.term.id, group.term.name) for group in groups] + [
        (child.id, child.name) for group in groups for child, _count in group.children])
    pending_new = {change.resource_id for change in reviews.organization_changes(organization.id)
                   if change.is_creation and change.status == "pending"}
    form.locations.choices = choices(
        (location.id, location.name or _("Location"))
        for location in organization.locations if location.id not in pending_new)
    return groups


def _service_context(form, organization, service, groups) -> dict:
    options = {option.data: option for option in form.categories}
    return {"organization": organization, "service": service, "category_groups": groups,
            "category_options": options}


@bp.route("/manage/services/<service_id>", methods=["GET", "POST"])
@requires("listing.edit")
def edit_service(service_id: str):
    service = authorized(Service, service_id, "listing.edit")
    organization = service.organization
    template = "directory/editing/service.html"
    form = ServiceForm()
    groups = _service_choices(form, organization, service)
    context = _service_context(form, organization, service, groups)
    if form.validate_on_submit():
        return _save(service, form, form.values(), template,
                     url_for(".edit_service", service_id=service.id), **context)
    if not form.is_submitted():
        values = changes.current_values(service, SERVICE_FIELDS)
        form = ServiceForm(data=ServiceForm.data_from(values))
        form.version.data = changes.version_token(service, SERVICE_FIELDS)
        groups = _service_choices(form, organization, service)
        context = _service_context(form, organization, service, groups)
    form.extra_rows()
    return render_template(template, form=form, pending=_pending_lines(service), stale=None,
                           **context)


@bp.route("/manage/organizations/<organization_id>/services/new", methods=["GET", "POST"])
@requires("listing.create")
def new_service(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.create")
    form = ServiceForm()
    groups = _service_choices(form, organization)
    if form.validate_on_submit():
        service = changes.create_service(organization, form.values(), current_user)
        db_session.commit()
        if service.published:
            flash(_("The service was created and published."), "success")
        else:
            flash(_("The service was created. It stays unpublished until an administrator "
                    "approves it."), "info")
        return redirect(url_for(".edit_service", service_id=service.id))
    form.extra_rows()
    return render_template("directory/editing/service.html", form=form, pending=[],
                           stale=None, **_service_context(form, organization, None, groups))


@bp.route("/manage/services/<service_id>/hours", methods=["GET", "POST"])
@requires("listing.edit")
def edit_hours(service_id: str):
    service = authorized(Service, service_id, "listing.edit")
    template = "directory/editing/hours.html"
    form = HoursForm()
    if form.validate_on_submit():
        return _save(service, form, form.values(), template,
                     url_for(".edit_hours", service_id=service.id), service=service)
    if not form.is_submitted():
        form = HoursForm(data=HoursForm.data_from(changes.current_values(service, HOURS_FIELDS)))
        form.version.data = changes.version_token(service, HOURS_FIELDS)
    form.extra_rows()
    return render_template(template, form=form, service=service, pending=[], stale=None)


# ---- locations ----------------------------------------------------------------------------


def _address_fingerprint(address: dict) -> str:
    return hashlib.sha256(encode(address).encode()).hexdigest()[:16]


def _map_context() -> dict:
    config = current_app.config
    return {"tile_url": config.get("DIRECTORY_TILE_URL") or "",
            "tile_attribution": config.get("DIRECTORY_TILE_ATTRIBUTION") or ""}


def _placement_step(form: LocationForm, live_address: dict | None):
    """The address part of the location's values, or None when the person must first confirm
    the pin (the form then holds the geocoded point and the page shows the map)."""
    typed = form.address_value()
    lat, lon = form.latitude.data, form.longitude.data
    if live_address is not None:
        same_text = all(live_address.get(key) == value for key, value in typed.items())
        same_pin = lat == live_address.get("latitude") and lon == live_address.get("longitude")
        if same_text and same_pin:
            keep = ("latitude", "longitude", "approximate")
            return {key: live_address[key] for key in keep}, None
    fingerprint = _address_fingerprint(typed)
    if form.confirmed.data == fingerprint:
        placement = place_pin(typed, lat, lon)
        if not placement.found:
            form.latitude.errors = [_("Place the pin on the map or type its coordinates.")]
            return None, placement
        return placement.as_value(), placement
    # First look at a new address: geocode it and ask the person to confirm the pin.
    placement = place_pin(typed, None, None)
    form.latitude.data, form.longitude.data = placement.latitude, placement.longitude
    form.latitude.raw_data = form.longitude.raw_data = None  # show the new point, not the typed
    form.confirmed.data = fingerprint
    return None, placement


def _location_page(form, organization, location, placement, status=200, **extra):
    point_name = ""
    if form.latitude.data is not None and form.longitude.data is not None:
        point_name = nearest_place(form.latitude.data, form.longitude.data)
    form.extra_rows()
    return render_template(
        "directory/editing/location.html", form=form, organization=organization,
        location=location, placement=placement, point_name=point_name,
        pending=_pending_lines(location) if location is not None else [],
        stale=extra.pop("stale", None), **_map_context(), **extra), status


@bp.route("/manage/locations/<location_id>", methods=["GET", "POST"])
@requires("listing.edit")
def edit_location(location_id: str):
    location = authorized(Location, location_id, "listing.edit")
    organization = location.organization
    form = LocationForm()
    if form.validate_on_submit():
        live = changes.current_values(location, ("address",))["address"]
        point, placement = _placement_step(form, live)
        if point is None:
            return _location_page(form, organization, location, placement)
        values = form.values(point)
        try:
            result = changes.submit_edit(location, values, current_user, form.version.data or "")
        except changes.StaleEdit as stale:
            db_session.rollback()
            form.version.data = stale.version
            return _location_page(form, organization, location, placement, STALE,
                                  stale=_stale_lines("location", stale.current))
        db_session.commit()
        _flash_result(result)
        return redirect(url_for(".edit_location", location_id=location.id))
    if not form.is_submitted():
        values = changes.current_values(location, LOCATION_FIELDS)
        form = LocationForm(data=LocationForm.data_from(values))
        form.version.data = changes.version_token(location, LOCATION_FIELDS)
    return _location_page(form, organization, location, None)


@bp.route("/manage/organizations/<organization_id>/locations/new", methods=["GET", "POST"])
@requires("listing.create")
def new_location(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.create")
    form = LocationForm()
    if form.validate_on_submit():
        point, placement = _placement_step(form, None)
        if point is None:
            return _location_page(form, organization, None, placement)
        location = changes.create_location(organization, form.values(point), current_user,
                                           placement.time_zone)
        db_session.commit()
        if location is None:
            flash(_("The new location waits for review by an administrator."), "info")
            return redirect(url_for(".pending", organization_id=organization.id))
        flash(_("The location was created."), "success")
        return redirect(url_for(".edit_location", location_id=location.id))
    return _location_page(form, organization, None, None)


# ---- pending changes and history ------------------------------------------------------------


def _change_rows(rows) -> list[dict]:
    result = []
    for change in rows:
        if change.is_creation:
            proposed = [_("New listing: %(name)s", name=reviews.label_of(change))]
            label = _("New listing")
        else:
            editable = field_for(change.resource_type, change.field_name)
            proposed, label = show(editable, decode(change.proposed_value)), str(editable.label)
        result.append({"change": change, "label": label, "proposed": proposed,
                       "listing": reviews.label_of(change)})
    return result


@bp.get("/manage/organizations/<organization_id>/changes")
@requires("change.list_own")
def pending(organization_id: str):
    organization = authorized(Organization, organization_id, "change.list_own")
    rows = _change_rows(reviews.organization_changes(organization.id))
    return render_template("directory/editing/pending.html", organization=organization,
                           rows=rows)


@bp.get("/manage/organizations/<organization_id>/history", endpoint="history")
@requires("listing.history")
def history_page(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.history")
    rows = []
    for record in history.organization_history(organization):
        editable = FIELDS.get(record.resource_type, {}).get(record.field_name)
        target = history.record_target(record)
        rows.append({
            "record": record,
            "listing": getattr(target, "name", None) or record.resource_type,
            "label": str(editable.label) if editable else record.field_name,
            "old": show_text(editable, record.previous_value) if editable
            else [record.previous_value],
            "new": show_text(editable, record.replacement_value) if editable
            else [record.replacement_value],
            "revertible": history.is_revertible(record) and can(current_user, "listing.revert"),
        })
    return render_template("directory/editing/history.html", organization=organization,
                           rows=rows)


@bp.post("/manage/history/<change_id>/revert")
@requires("listing.revert")
def revert(change_id: str):
    record = authorized(MetadataRecord, change_id, "listing.revert")
    organization_id = history.organization_id_of_record(record)
    try:
        history.revert(record, current_user)
    except history.CannotRevert:
        flash(_("This change cannot be reverted."), "error")
    else:
        db_session.commit()
        flash(_("The field was reverted to its earlier value."), "success")
    if organization_id is None:
        return redirect(url_for("directory.home"))
    return redirect(url_for(".history", organization_id=organization_id))
