"""Admin records: the audit trail and the email outbox."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from directory.audit.queries import AuditFilter, object_types, search_events
from directory.audit.service import record
from directory.authz import requires
from directory.database import session
from directory.notifications.delivery import retry_message as requeue
from directory.notifications.models import MESSAGE_STATUSES, OutboxMessage
from directory.notifications.queries import list_messages
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_records", __name__, private=True)



class AuditFilterForm(FlaskForm):
    """The audit page's filter (GET: ids, emails and dates only, no client data)."""

    class Meta:
        csrf = False

    user = StringField(_l("User (email or id)"), validators=[Optional(), Length(max=255)])
    object_type = SelectField(_l("Object type"), validators=[Optional()], choices=[])
    client_id = StringField(_l("Client id"), validators=[Optional(), Length(max=36)])
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])


def _page_number() -> int:
    return request.args.get("page", 1, type=int) or 1


@bp.get("/admin/audit")
@requires("audit.view")
def audit():
    form = AuditFilterForm(formdata=request.args)
    form.object_type.choices = [SelectChoice("", _("Any"))] + [
        SelectChoice(name, name) for name in object_types()]
    valid = form.validate()
    criteria = AuditFilter(
        user=form.user.data or None, object_type=form.object_type.data or None,
        client_id=form.client_id.data or None,
        start=form.start.data if valid else None, end=form.end.data if valid else None,
    ) if valid else AuditFilter()
    result = search_events(criteria, _page_number())
    record("read", object_type="audit", client_id=criteria.client_id, detail="audit trail viewed")
    session.commit()
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("directory/records/audit.html", form=form, result=result, args=args)


@bp.get("/admin/outbox")
@requires("outbox.view")
def outbox():
    status = request.args.get("status") or None
    result = list_messages(status if status in MESSAGE_STATUSES else None, _page_number())
    return render_template("directory/records/outbox.html", result=result, status=status,
                           statuses=MESSAGE_STATUSES)


@bp.post("/admin/outbox/<message_id>/retry")
@requires("outbox.view")
def retry_message(message_id: str):
    message = session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        requeue(message)
    except ValueError:
        session.rollback()
        flash(_("That message was already sent."), "error")
    else:
        session.commit()
        flash(_("The message will be sent on the next delivery run."), "success")
    return redirect(url_for(".outbox", status=request.args.get("status") or None))
