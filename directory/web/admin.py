"""The admin area: overview, users and roles, publication, merging duplicates, data quality."""

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
from sqlalchemy import func, select
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from directory.accounts import service as accounts
from directory.accounts.models import ROLES, User
from directory.accounts.passwords import WeakPasswordError, check_strength
from directory.authz import authorized, requires
from directory.catalog.models import Organization, Service
from directory.claims import service as claims
from directory.database import session
from directory.editing.forms import choices
from directory.editing.models import PendingChange
from directory.stewardship import merge as merging
from directory.stewardship import publication, verification
from directory.stewardship import quality as quality_checks
from directory.stewardship import users as user_admin
from directory.stewardship.dashboard import organization_page
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_admin", __name__, private=True)

ROLE_LABELS = {"admin": _l("Administrator"), "coordinator": _l("Care coordinator"),
               "agency": _l("Agency staff")}



def _organization_choices() -> list:
    return choices((o.id, o.name) for o in session.execute(
        select(Organization).order_by(Organization.name)).scalars())


class _UserFields(FlaskForm):
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=255)])
    role = SelectField(_l("Role"), choices=choices((r, ROLE_LABELS[r]) for r in ROLES))
    organizations = SelectMultipleField(
        _l("Organizations (agency staff)"), validators=[Optional()],
        description=_l("Agency staff manage these organizations' listings and referrals."))

    def validate_organizations(self, field) -> None:
        if self.role.data == "agency" and not field.data:
            raise ValidationError(_("Choose at least one organization for agency staff."))


class NewUserForm(_UserFields):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             description=_l("At least 12 characters; not a common password."))

    def validate_password(self, field) -> None:
        try:
            check_strength(field.data or "")
        except WeakPasswordError as error:
            raise ValidationError(_("Use at least 12 characters that are not a common "
                                    "password.")) from error

    def validate_email(self, field) -> None:
        if accounts.get_user_by_email(field.data or "") is not None:
            raise ValidationError(_("An account with this email already exists."))


class EditUserForm(_UserFields):
    active = BooleanField(_l("Active (may sign in)"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class MergeForm(FlaskForm):
    duplicate_id = HiddenField(validators=[DataRequired()])
    confirm = BooleanField(_l("I checked the preview: move everything and delete the duplicate"),
                           validators=[DataRequired()])


# ---- overview ------------------------------------------------------------------------------


@bp.get("/admin")
@requires("admin.home")
def home():
    pending_changes = session.execute(
        select(func.count()).select_from(PendingChange).where(PendingChange.status == "pending")
    ).scalar_one()
    report = quality_checks.build_report(limit=500)
    return render_template(
        "directory/admin/home.html",
        pending_claims=claims.pending_count(),
        pending_changes=pending_changes,
        overdue=verification.overdue_count(),
        quality_issues=report.issue_count,
        user_count=user_admin.user_count(),
        organization_count=session.execute(
            select(func.count()).select_from(Organization)).scalar_one(),
    )


# ---- users ---------------------------------------------------------------------------------


@bp.get("/admin/users")
@requires("user.manage")
def users():
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        abort(400)
    role = request.args.get("role")
    rows, total = user_admin.list_users(page, role=role)
    return render_template("directory/admin/users.html", users=rows, total=total, page=page,
                           per_page=50, role=role if role in ROLES else None,
                           role_labels=ROLE_LABELS)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@requires("user.manage")
def new_user():
    form = NewUserForm()
    form.organizations.choices = _organization_choices()
    if form.validate_on_submit():
        organizations = user_admin.organizations_by_ids(form.organizations.data)
        user = accounts.create_user(
            form.email.data, form.password.data, form.role.data,
            display_name=(form.display_name.data or "").strip() or None,
            organizations=organizations if form.role.data == "agency" else [],
        )
        session.commit()
        flash(_("Account created for %(email)s.", email=user.email), "success")
        return redirect(url_for(".users"))
    return render_template("directory/admin/user_form.html", form=form, user=None)


@bp.route("/admin/users/<user_id>", methods=["GET", "POST"])
@requires("user.manage")
def edit_user(user_id: str):
    user = authorized(User, user_id, "user.manage")
    form = EditUserForm(obj=None if request.method == "POST" else user)
    form.organizations.choices = _organization_choices()
    if request.method == "GET":
        form.organizations.data = [m.organization_id for m in user.memberships]
    if form.validate_on_submit():
        try:
            user_admin.update_user(
                user, current_user, role=form.role.data, active=form.active.data,
                display_name=form.display_name.data or "",
                organizations=user_admin.organizations_by_ids(form.organizations.data))
        except user_admin.SelfLockout:
            session.rollback()
            form.role.errors = [_("You cannot remove your own administrator role or deactivate "
                                  "your own account; ask another administrator.")]
        else:
            session.commit()
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for(".users"))
    status = 400 if form.errors else 200
    return render_template("directory/admin/user_form.html", form=form, user=user), status


# ---- publication ---------------------------------------------------------------------------


def _after_publication(organization_id: str):
    return redirect(url_for("directory_agency.dashboard", organization_id=organization_id))


def _unpublish(listing, organization_id: str, unpublish):
    """Hide ``listing`` (a service or an organization) with the reason from the form."""
    form = ReasonForm()
    if not form.validate_on_submit():
        if form.errors.get("csrf_token"):
            abort(400)
        flash(_("Give a reason to unpublish a listing."), "error")
        return _after_publication(organization_id)
    unpublish(listing, form.reason.data, current_user)
    session.commit()
    flash(_("%(name)s is no longer shown to the public.", name=listing.name), "success")
    return _after_publication(organization_id)


def _publish(listing, organization_id: str, publish):
    """Show ``listing`` to the public again."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    publish(listing, current_user)
    session.commit()
    flash(_("%(name)s is shown to the public again.", name=listing.name), "success")
    return _after_publication(organization_id)


@bp.post("/admin/services/<service_id>/unpublish")
@requires("listing.unpublish")
def unpublish_service(service_id: str):
    service = authorized(Service, service_id, "listing.unpublish", for_update=True)
    return _unpublish(service, service.organization_id, publication.unpublish_service)


@bp.post("/admin/services/<service_id>/publish")
@requires("listing.unpublish")
def publish_service(service_id: str):
    service = authorized(Service, service_id, "listing.unpublish", for_update=True)
    return _publish(service, service.organization_id, publication.publish_service)


@bp.post("/admin/organizations/<organization_id>/unpublish")
@requires("listing.unpublish")
def unpublish_organization(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.unpublish",
                              for_update=True)
    return _unpublish(organization, organization.id, publication.unpublish_organization)


@bp.post("/admin/organizations/<organization_id>/publish")
@requires("listing.unpublish")
def publish_organization(organization_id: str):
    organization = authorized(Organization, organization_id, "listing.unpublish",
                              for_update=True)
    return _publish(organization, organization.id, publication.publish_organization)


# ---- merging duplicates --------------------------------------------------------------------


@bp.route("/admin/organizations/<organization_id>/merge", methods=["GET", "POST"])
@requires("organization.merge")
def merge(organization_id: str):
    keep = authorized(Organization, organization_id, "organization.merge")
    form = MergeForm()
    if form.validate_on_submit():
        duplicate = session.get(Organization, form.duplicate_id.data)
        try:
            summary = merging.merge(keep, duplicate, current_user)
        except merging.CannotMerge:
            session.rollback()
            abort(404)
        session.commit()
        flash(_("%(duplicate)s was merged into %(name)s.", duplicate=summary.duplicate.name,
                name=summary.keep.name), "success")
        return redirect(url_for("directory_agency.dashboard", organization_id=organization_id))
    if request.method == "POST" and form.errors.get("csrf_token"):
        abort(400)
    search = request.args.get("q", "").strip()[:200]
    candidates = []
    if search:
        candidates = [o for o in organization_page(1, per_page=25, search=search)[0]
                      if o.id != keep.id]
    duplicate_id = request.args.get("duplicate") or form.duplicate_id.data
    preview = None
    if duplicate_id:
        duplicate = session.get(Organization, duplicate_id)
        if duplicate is None or duplicate.id == keep.id:
            abort(404)
        preview = merging.preview(keep, duplicate)
        form.duplicate_id.data = duplicate.id
    status = 400 if request.method == "POST" else 200
    return render_template("directory/admin/merge.html", keep=keep, form=form, search=search,
                           candidates=candidates, preview=preview), status


# ---- data quality --------------------------------------------------------------------------


@bp.get("/admin/quality")
@requires("quality.report")
def quality():
    report = quality_checks.build_report()
    return render_template("directory/admin/quality.html", report=report,
                           stale_after_days=current_app.config["DIRECTORY_STALE_AFTER_DAYS"])
