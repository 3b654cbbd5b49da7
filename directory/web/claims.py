"""Claiming an organization, proposing a new one, the account page and email confirmation;
the admins' claim queue."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from directory.authz import authorized, requires
from directory.catalog.models import Organization
from directory.claims import confirmation
from directory.claims import service as claims
from directory.claims.models import ClaimRequest
from directory.database import session
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_claims", __name__, private=True)


class ClaimForm(FlaskForm):
    message = TextAreaField(
        _l("Your role at the organization"), validators=[Optional(), Length(max=2000)],
        description=_l("For example: \u201cI coordinate intake at this organization.\u201d "
                       "An administrator reads this."))


class ProposeForm(FlaskForm):
    name = StringField(_l("Organization name"), validators=[DataRequired(), Length(max=255)])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=512)])
    email = EmailField(_l("Public email"), validators=[Optional(), Email(), Length(max=255)])
    description = TextAreaField(_l("What the organization does"),
                                validators=[Optional(), Length(max=4000)])
    message = TextAreaField(_l("Your role at the organization"),
                            validators=[Optional(), Length(max=2000)])

    def validate_website(self, field) -> None:
        if field.data and not field.data.strip().lower().startswith(("http://", "https://")):
            raise ValidationError(_("Enter the full address, starting with https://"))


class DecisionForm(FlaskForm):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)])


def _claimable(organization_id: str) -> Organization:
    """A published organization (proposals are claimed by proposing them), or 404."""
    organization = session.get(Organization, organization_id)
    if organization is None or not organization.published:
        abort(404)
    return organization


@bp.route("/organizations/<organization_id>/claim", methods=["GET", "POST"])
@requires("organization.claim")
def new_claim(organization_id: str):
    organization = _claimable(organization_id)
    form = ClaimForm()
    member = claims.is_member(current_user, organization)
    waiting = claims.pending_claim(current_user, organization)
    if not member and waiting is None and form.validate_on_submit():
        claim = claims.request_claim(current_user, organization, form.message.data or "")
        session.commit()
        if claim.status == "approved":
            flash(_("You now manage %(organization)s: your confirmed email address is on its "
                    "website's domain.", organization=organization.name), "success")
            return redirect(url_for("directory_agency.dashboard"))
        flash(_("Thank you. An administrator will review your request."), "success")
        return redirect(url_for(".account"))
    return render_template("directory/claims/claim.html", organization=organization, form=form,
                           member=member, waiting=waiting)


@bp.route("/organizations/propose", methods=["GET", "POST"])
@requires("organization.propose")
def propose():
    form = ProposeForm()
    if form.validate_on_submit():
        claims.propose_organization(current_user, {
            "name": form.name.data, "website": form.website.data, "email": form.email.data,
            "description": form.description.data,
        }, form.message.data or "")
        session.commit()
        flash(_("Thank you. The organization will appear in the directory once an "
                "administrator approves it."), "success")
        return redirect(url_for(".account"))
    return render_template("directory/claims/propose.html", form=form)


@bp.get("/account")
@requires("account.self")
def account():
    return render_template("directory/claims/account.html", user=current_user,
                           claims=claims.user_claims(current_user))


@bp.post("/account/confirm")
@requires("account.self")
def send_confirmation():
    if not _csrf_ok():
        abort(400)
    if current_user.email_confirmed_at is None:
        confirmation.send_confirmation(current_user)
        session.commit()
        flash(_("We sent a confirmation link to your email address."), "success")
    return redirect(url_for(".account"))


def _csrf_ok() -> bool:
    form = FlaskForm()
    return form.validate_on_submit()


# The token travels in the query string: URL variables are kept to the ids the route walker
# of the authorization tests knows how to fill.
@bp.get("/account/confirm")
@requires("account.self")
def confirm_email():
    token = request.args.get("token", "")[:500]
    try:
        user = confirmation.confirm(token)
    except confirmation.InvalidToken:
        session.rollback()
        user = None
    if user is None or user.id != current_user.id:
        session.rollback()
        flash(_("That confirmation link is not valid or has expired. Send a new one below."),
              "error")
        return redirect(url_for(".account"))
    session.commit()
    flash(_("Thank you, your email address is confirmed."), "success")
    return redirect(url_for(".account"))


# ---- the admins' queue ---------------------------------------------------------------------


@bp.get("/admin/claims")
@requires("claim.review")
def queue():
    return render_template("directory/claims/queue.html", pending=claims.claims_queue(),
                           decided=claims.recent_decisions(), form=DecisionForm())


@bp.post("/admin/claims/<claim_id>/decide")
@requires("claim.review")
def decide(claim_id: str):
    claim = authorized(ClaimRequest, claim_id, "claim.review", for_update=True)
    form = DecisionForm()
    decision = request.form.get("decision")
    if not form.validate_on_submit() or decision not in ("approve", "reject"):
        abort(400)
    try:
        if decision == "approve":
            claims.approve(claim, current_user, form.note.data)
        else:
            claims.reject(claim, current_user, form.note.data)
    except claims.AlreadyDecided:
        session.rollback()
        flash(_("Someone already decided this request."), "info")
        return redirect(url_for(".queue"))
    session.commit()
    flash(_("Request approved.") if decision == "approve" else _("Request rejected."),
          "success")
    return redirect(url_for(".queue"))
