"""Admins review the changes agency staff proposed: the queue, one change's diff, the decision."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from directory.authz import authorized, requires
from directory.database import session as db_session
from directory.editing import review as reviews
from directory.editing.display import show
from directory.editing.fields import decode, field_for
from directory.editing.models import PendingChange
from directory.editing.red_flags import phone_warnings
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_review", __name__, private=True)


class DecisionForm(FlaskForm):
    decision = StringField(validators=[DataRequired(), AnyOf(("approve", "reject"))])
    note = TextAreaField(_l("Note (the agency sees it)"), validators=[Length(max=2000)])
    override = BooleanField(_l("Approve even though the live value changed"))


def _diff(change: PendingChange) -> dict:
    """What the change page compares: previous, proposed and live values, as lines."""
    if change.is_creation:
        return {"label": _("New listing"), "old": [_("(none)")],
                "new": [reviews.label_of(change)], "live": None, "address": None}
    editable = field_for(change.resource_type, change.field_name)
    previous, proposed = decode(change.previous_value), decode(change.proposed_value)
    target = reviews.target_of(change)
    live = editable.get(target) if target is not None else None
    return {
        "label": str(editable.label),
        "old": show(editable, previous),
        "new": show(editable, proposed),
        "live": show(editable, live) if change.status == "pending" and live != previous
        else None,
        "address": proposed if change.field_name == "address" else None,
    }


def _page(change: PendingChange, form: DecisionForm, status: int = 200, conflict=None):
    config = current_app.config
    target = reviews.target_of(change)
    return render_template(
        "directory/review/change.html", change=change, diff=_diff(change), form=form,
        listing=reviews.label_of(change), target=target, conflict=conflict,
        warnings=phone_warnings(change, target),
        tile_url=config.get("DIRECTORY_TILE_URL") or "",
        tile_attribution=config.get("DIRECTORY_TILE_ATTRIBUTION") or "",
    ), status


@bp.get("/admin/changes")
@requires("change.review")
def queue():
    return render_template("directory/review/queue.html", groups=reviews.queue(),
                           field_for=field_for)


@bp.get("/admin/changes/<change_id>")
@requires("change.review")
def change(change_id: str):
    item = authorized(PendingChange, change_id, "change.review")
    return _page(item, DecisionForm())


@bp.post("/admin/changes/<change_id>/decide")
@requires("change.review")
def decide(change_id: str):
    item = authorized(PendingChange, change_id, "change.review", for_update=True)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _page(item, form, 400)
    try:
        if form.decision.data == "approve":
            reviews.approve(item, current_user, form.note.data, override=form.override.data)
            message = _("Approved: the new value is published.")
        else:
            reviews.reject(item, current_user, form.note.data)
            message = _("Rejected: the listing keeps its current value.")
    except reviews.LiveValueChanged as conflict:
        db_session.rollback()
        editable = field_for(item.resource_type, item.field_name)
        return _page(item, form, 409, conflict=show(editable, conflict.live))
    except reviews.AlreadyDecided:
        db_session.rollback()
        flash(_("This change was already decided."), "info")
        return redirect(url_for(".change", change_id=item.id))
    except reviews.ListingGone:
        db_session.rollback()
        flash(_("The listing this change was for no longer exists."), "error")
        return redirect(url_for(".queue"))
    db_session.commit()
    flash(message, "success")
    return redirect(url_for(".queue"))
