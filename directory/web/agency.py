"""The agency dashboard: keep your organization's listings current in a few clicks."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField
from wtforms.validators import NumberRange, Optional

from directory.authz import authorized, can, requires
from directory.authz.ownership import member_organization_ids
from directory.catalog.models import Organization, Service
from directory.claims import service as claims
from directory.database import session
from directory.editing.choices import WAITLIST_LABELS
from directory.editing.forms import choices
from directory.referrals.inbox import waiting_for
from directory.stewardship import availability as availability_service
from directory.stewardship import dashboard as dashboard_data
from directory.stewardship import verification
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_agency", __name__, private=True)

ACCEPTING_CHOICES = (("yes", _l("Yes")), ("no", _l("No")), ("unknown", _l("Not stated")))
_ACCEPTING_VALUES = {"yes": True, "no": False, "unknown": None}


def has_endpoint(name: str) -> bool:
    """Whether the app has ``name`` (links to pages other helpers may not have built yet)."""
    return name in current_app.view_functions


def may(action: str, obj=None) -> bool:
    """May the signed-in user take ``action`` (on ``obj``)? For template decisions."""
    return bool(current_user.is_authenticated) and can(current_user, action, obj)


@bp.app_context_processor
def _helpers() -> dict:
    return {"has_endpoint": has_endpoint, "stewardship_may": may}


class AvailabilityForm(FlaskForm):
    """One service's availability; prefixed by the service id (many on one page)."""

    beds_available = IntegerField(_l("Beds available"), validators=[Optional(), NumberRange(min=0)])
    accepting = RadioField(_l("Accepting new clients"), choices=choices(ACCEPTING_CHOICES),
                           default="unknown")
    waitlist_status = SelectField(_l("Waiting list"), choices=choices(WAITLIST_LABELS.items()))

    @classmethod
    def for_service(cls, service: Service, formdata=None) -> AvailabilityForm:
        accepting = {True: "yes", False: "no"}.get(service.accepting_new_clients, "unknown")
        kwargs = dict(prefix=f"s-{service.id}", beds_available=service.beds_available,
                      accepting=accepting, waitlist_status=service.waitlist_status or "")
        if formdata is None:
            return cls(formdata=None, **kwargs)
        return cls(**kwargs)


def _render(panels, search: str = "", found=None, forms=None, status: int = 200):
    forms = dict(forms or {})
    for panel in panels:
        for row in panel.services:
            forms.setdefault(row.service.id, AvailabilityForm.for_service(row.service))
    waiting = waiting_for(member_organization_ids(current_user)) \
        if current_user.role == "agency" else None
    return render_template(
        "directory/agency/dashboard.html", panels=panels, forms=forms, search=search,
        found=found, stale_after_days=current_app.config["DIRECTORY_STALE_AFTER_DAYS"],
        waiting=waiting,
    ), status


def _own_panels():
    return dashboard_data.panels(sorted(member_organization_ids(current_user)))


@bp.get("/agency")
@requires("dashboard.agency")
def dashboard():
    if current_user.role == "admin":
        return _admin_view()
    search = request.args.get("q", "").strip()[:200]
    found = claims.search_organizations(search) if search else None
    return _render(_own_panels(), search, found)


def _admin_view():
    """Admins manage every organization: a pick-list, or one organization's panel."""
    organization_id = request.args.get("organization_id")
    if organization_id:
        if session.get(Organization, organization_id) is None:
            abort(404)
        return _render(dashboard_data.panels([organization_id]))
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        abort(400)
    search = request.args.get("q", "").strip()[:200]
    rows, total = dashboard_data.organization_page(page, search=search)
    return render_template("directory/agency/pick.html", organizations=rows, total=total,
                           page=page, per_page=25, search=search)


def _back(service: Service):
    if current_user.role == "admin":
        return redirect(url_for(".dashboard", organization_id=service.organization_id,
                                _anchor=f"service-{service.id}"))
    return redirect(url_for(".dashboard", _anchor=f"service-{service.id}"))


@bp.post("/agency/services/<service_id>/availability")
@requires("listing.availability")
def availability(service_id: str):
    service = authorized(Service, service_id, "listing.availability", for_update=True)
    form = AvailabilityForm.for_service(service, formdata=request.form)
    error = None
    if form.validate_on_submit():
        beds = form.beds_available.data
        values = availability_service.Availability(
            accepting_new_clients=_ACCEPTING_VALUES[form.accepting.data],
            waitlist_status=form.waitlist_status.data or None,
            beds_available=beds,
        )
        try:
            changed = availability_service.update_availability(service, values, current_user)
        except availability_service.InvalidAvailability as problem:
            session.rollback()
            error = problem
        else:
            session.commit()
            flash(_("Availability of %(service)s saved.", service=service.name) if changed
                  else _("Availability of %(service)s confirmed; nothing changed.",
                         service=service.name), "success")
            return _back(service)
    elif form.errors.get("csrf_token"):
        abort(400)
    if error is not None and error.field == "beds_available":
        form.beds_available.errors = [
            _("Enter a number from 0 to %(total)d.", total=service.beds_total or 0)]
    elif error is not None:
        form.waitlist_status.errors = [_("Choose one of the options.")]
    if current_user.role == "admin":
        panels = dashboard_data.panels([service.organization_id])
    else:
        panels = _own_panels()
    return _render(panels, forms={service.id: form}, status=400)


@bp.post("/agency/services/<service_id>/verify")
@requires("listing.verify")
def verify(service_id: str):
    service = authorized(Service, service_id, "listing.verify", for_update=True)
    if not FlaskForm().validate_on_submit():
        abort(400)
    verification.verify_service(service, current_user)
    session.commit()
    flash(_("Thank you: %(service)s is confirmed as accurate today.", service=service.name),
          "success")
    return _back(service)


@bp.post("/agency/organizations/<organization_id>/verify")
@requires("listing.verify")
def verify_organization(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.verify")
    if not FlaskForm().validate_on_submit():
        abort(400)
    count = verification.verify_organization(organization, current_user)
    session.commit()
    flash(_("Thank you: %(count)d listings of %(organization)s are confirmed as accurate today.",
            count=count, organization=organization.name), "success")
    if current_user.role == "admin":
        return redirect(url_for(".dashboard", organization_id=organization.id))
    return redirect(url_for(".dashboard"))
