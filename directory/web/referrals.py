"""Referral pages: clients, consents, referrals, the agency inbox.

Views parse the form, call one service function, commit and redirect. Client data never goes
into URLs or flash messages; every read and write of it leaves an audit row.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from directory.audit.service import record
from directory.authz import authorized, can, requires
from directory.authz.ownership import member_organization_ids
from directory.catalog.models import Organization, Service
from directory.catalog.visibility import is_listed
from directory.clock import today, utc_now
from directory.database import session
from directory.plans.models import SupportPlan
from directory.referrals import clients as client_service
from directory.referrals import consents, deadlines, labels, notes, workflow
from directory.referrals import service as referral_service
from directory.referrals.errors import (
    ReferralChanged,
    ReferralError,
    TransitionNotAllowed,
)
from directory.referrals.models import REFERRAL_STATUSES, Client, Consent, Referral
from directory.referrals.notice import PART2_NOTICE, PART2_NOTICE_TITLE
from directory.web.blueprints import page_blueprint
from directory.web.referral_forms import (
    ClientForm,
    ConsentForm,
    NoteForm,
    ReferForm,
    TransitionForm,
    choices,
)

bp = page_blueprint("directory_referrals", __name__, private=True)

CHANGED_MESSAGE = "This referral changed while you were looking at it; reload to see the latest."
#: How long closed referrals stay in the inbox's "Closed" section.
RECENTLY_CLOSED_DAYS = 30


def _directory_can(action: str, obj=None) -> bool:
    """May the signed-in user take ``action`` (on ``obj``)? False for anonymous visitors."""
    return bool(current_user.is_authenticated) and can(current_user, action, obj)


def _template_helpers() -> dict:
    return {
        "directory_can": _directory_can,
        "referral_status_labels": labels.STATUS_LABELS,
        "referral_status_tones": labels.STATUS_TONES,
        "referral_reason_labels": labels.REASON_LABELS,
        "language_labels": dict(labels.LANGUAGES),
        "part2_notice_title": PART2_NOTICE_TITLE,
        "part2_notice_text": PART2_NOTICE,
    }


@bp.app_context_processor
def inject_referral_helpers() -> dict:
    """``directory_can(action, obj=None)`` for templates, and the referral labels."""
    return _template_helpers()


@bp.record_once
def _template_globals(state) -> None:
    # Also Jinja globals: macros imported without context (search results) can use them.
    state.app.jinja_env.globals.update(_template_helpers())



def _apply_errors(form, error: ReferralError) -> None:
    """Show a service error on its field (or on the form when it has none)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error.message)] if field.errors else [
            str(error.message)]
    else:
        flash(str(error.message), "error")


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.is_json or best == "application/json"


# --------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------


@bp.get("/clients")
@requires("client.list")
def clients():
    query = select(Client).order_by(Client.display_name)
    if current_user.role != "admin":
        query = query.where(Client.created_by_id == current_user.id)
    rows = session.execute(query).scalars().all()
    record("read", object_type="client", detail=f"client list ({len(rows)})")
    session.commit()
    return render_template("directory/referrals/clients.html", clients=rows)


def _client_values(form: ClientForm) -> dict:
    return {name: getattr(form, name).data for name in client_service.CLIENT_FIELDS}


@bp.route("/clients/new", methods=["GET", "POST"])
@requires("client.create")
def new_client():
    form = ClientForm()
    service_id = request.args.get("service_id")
    if form.validate_on_submit():
        try:
            client = client_service.create_client(current_user, **_client_values(form))
        except ReferralError as error:
            session.rollback()
            _apply_errors(form, error)
        else:
            session.commit()
            flash(_("Client added."), "success")
            if service_id:
                return redirect(url_for(".refer", service_id=service_id, client=client.id))
            return redirect(url_for(".client", client_id=client.id))
    return render_template("directory/referrals/client_form.html", form=form, client=None,
                           service_id=service_id)


@bp.get("/clients/<client_id>")
@requires("client.view")
def client(client_id: str):
    person = authorized(Client, client_id, "client.view")
    record("read", person, detail="client viewed")
    session.commit()
    consent_rows = [(consent, consents.status(consent)) for consent in person.consents]
    plans = session.execute(
        select(SupportPlan).where(SupportPlan.client_id == person.id)
        .order_by(SupportPlan.created_at.desc())).scalars().all()
    return render_template("directory/referrals/client.html", client=person,
                           consents=consent_rows, referrals=person.referrals, plans=plans,
                           contact_labels=labels.CONTACT_LABELS,
                           consent_labels=labels.CONSENT_STATUS_LABELS)


@bp.route("/clients/<client_id>/edit", methods=["GET", "POST"])
@requires("client.edit")
def edit_client(client_id: str):
    person = authorized(Client, client_id, "client.edit")
    form = ClientForm(obj=person)
    if form.validate_on_submit():
        try:
            client_service.update_client(person, current_user, **_client_values(form))
        except ReferralError as error:
            session.rollback()
            _apply_errors(form, error)
        else:
            session.commit()
            flash(_("Client details saved."), "success")
            return redirect(url_for(".client", client_id=person.id))
    else:
        record("read", person, detail="client edit form")
        session.commit()
    return render_template("directory/referrals/client_form.html", form=form, client=person,
                           service_id=None)


# --------------------------------------------------------------------------------------------
# Consents
# --------------------------------------------------------------------------------------------


def _organization_choices() -> list[tuple[str, str]]:
    rows = session.execute(select(Organization.id, Organization.name)
                           .order_by(Organization.name)).all()
    return choices([("", _("Choose an organization")), *((row.id, row.name) for row in rows)])


@bp.route("/clients/<client_id>/consents/new", methods=["GET", "POST"])
@requires("consent.record")
def new_consent(client_id: str):
    person = authorized(Client, client_id, "consent.record")
    service = session.get(Service, request.args.get("service_id") or "")
    form = ConsentForm()
    form.recipient_organization_id.choices = _organization_choices()
    if request.method == "GET":
        form.signed_on.data = today()
        form.expires_on.data = today() + timedelta(days=365)
        form.recipient_organization_id.data = (
            service.organization_id if service is not None
            else request.args.get("organization_id", ""))
    if form.validate_on_submit():
        organization = session.get(Organization, form.recipient_organization_id.data)
        try:
            consents.record_consent(
                person, current_user, disclosing_party=form.disclosing_party.data,
                recipient_organization=organization, purpose=form.purpose.data,
                information_scope=form.information_scope.data, expires_on=form.expires_on.data,
                expiry_event=form.expiry_event.data,
                right_to_revoke_acknowledged=form.right_to_revoke.data,
                signature_method=form.signature_method.data,
                signature_name=form.signature_name.data, attested=form.attested.data,
                signed_on=form.signed_on.data)
        except ReferralError as error:
            session.rollback()
            _apply_errors(form, error)
        else:
            session.commit()
            flash(_("Consent recorded."), "success")
            if service is not None:
                return redirect(url_for(".refer", service_id=service.id, client=person.id))
            return redirect(url_for(".client", client_id=person.id))
    return render_template("directory/referrals/consent_form.html", form=form, client=person,
                           service=service)


@bp.post("/consents/<consent_id>/revoke")
@requires("consent.revoke")
def revoke_consent(consent_id: str):
    consent = authorized(Consent, consent_id, "consent.revoke")
    if not FlaskForm().validate_on_submit():  # the CSRF token is its only field
        abort(400)
    consents.revoke(consent, current_user)
    session.commit()
    flash(_("Consent revoked. Nothing more will be disclosed under it."), "success")
    return redirect(url_for(".client", client_id=consent.client_id))


# --------------------------------------------------------------------------------------------
# Making and listing referrals
# --------------------------------------------------------------------------------------------


def _my_clients() -> list[Client]:
    query = select(Client).order_by(Client.display_name)
    if current_user.role != "admin":
        query = query.where(Client.created_by_id == current_user.id)
    return list(session.execute(query).scalars())


def _plan_for(plan_id: str | None, client: Client | None) -> SupportPlan | None:
    if not plan_id or client is None:
        return None
    plan = session.get(SupportPlan, plan_id)
    if plan is None or plan.client_id != client.id or not can(current_user, "plan.edit", plan):
        return None
    return plan


@bp.route("/services/<service_id>/refer", methods=["GET", "POST"])
@requires("referral.create")
def refer(service_id: str):
    service = session.get(Service, service_id)
    if service is None or not is_listed(service):
        abort(404)
    people = _my_clients()
    form = ReferForm()
    form.client_id.choices = choices([("", _("Choose a client")),
                                      *((person.id, person.display_name) for person in people)])
    if request.method == "GET":
        form.client_id.data = request.args.get("client", "")
        form.plan_id.data = request.args.get("plan_id", "")
    chosen = next((p for p in people if p.id == form.client_id.data), None)
    consent = consents.valid_consent_for(chosen, service.organization_id) if chosen else None
    if chosen is not None:
        record("read", chosen, detail="consent check for referral")
    if form.validate_on_submit() and chosen is not None:
        sending = "send" in request.form
        try:
            referral = referral_service.create_referral(
                chosen, service, current_user, message=form.message.data,
                plan=_plan_for(form.plan_id.data, chosen))
            if sending:
                workflow.transition(referral, "sent", current_user,
                                    expected_version=referral.version)
        except ReferralError as error:
            session.rollback()
            _apply_errors(form, error)
        else:
            session.commit()
            flash(_("Referral sent.") if sending else _("Draft saved."), "success")
            return redirect(url_for(".referral", referral_id=referral.id))
    session.commit()
    return render_template("directory/referrals/refer.html", form=form, service=service,
                           client=chosen, consent=consent, has_clients=bool(people))


@bp.get("/referrals")
@requires("referral.create")
def referrals():
    status = request.args.get("status", "")
    query = (select(Referral).options(selectinload(Referral.client),
                                      selectinload(Referral.organization),
                                      selectinload(Referral.service))
             .order_by(Referral.updated_at.desc()))
    if current_user.role != "admin":
        query = query.where(Referral.created_by_id == current_user.id)
    if status == "open":
        query = query.where(Referral.status.in_(workflow.OPEN_STATUSES))
    elif status == "closed":
        query = query.where(Referral.status.in_(workflow.CLOSED_STATUSES))
    elif status == "overdue":
        query = query.where(deadlines.overdue_condition())
    elif status in REFERRAL_STATUSES:
        query = query.where(Referral.status == status)
    else:
        status = ""
    rows = session.execute(query).scalars().all()
    record("read", object_type="referral", detail=f"referral list ({len(rows)})")
    session.commit()
    now = utc_now()
    return render_template("directory/referrals/referrals.html", referrals=rows, status=status,
                           overdue={r.id for r in rows if deadlines.is_overdue(r, now)},
                           statuses=REFERRAL_STATUSES)


# --------------------------------------------------------------------------------------------
# One referral: view, transitions, notes
# --------------------------------------------------------------------------------------------


def discloses_client(referral: Referral, user) -> bool:
    """Whether ``user`` may see the client's details on this referral now.

    Agency staff only while a valid consent names their organization: a revocation or expiry
    withholds the details from the next request on.
    """
    if user.role != "agency":
        return True
    return consents.valid_consent_for(referral.client, referral.organization_id) is not None


def _render_referral(referral: Referral, *, status_code: int = 200, transition_form=None,
                     note_form=None):
    disclosed = discloses_client(referral, current_user)
    record("read", referral,
           detail="referral viewed" if disclosed else "referral viewed (details withheld)")
    session.commit()
    return render_template(
        "directory/referrals/referral.html", referral=referral, disclosed=disclosed,
        actions=workflow.available(referral, current_user),
        overdue=deadlines.is_overdue(referral), due_on=deadlines.due_on(referral),
        transition_form=transition_form or TransitionForm(formdata=None),
        note_form=note_form or NoteForm(formdata=None),
        show_notice=current_user.role != "coordinator",
        contact_labels=labels.CONTACT_LABELS,
    ), status_code


@bp.get("/referrals/<referral_id>")
@requires("referral.view")
def referral(referral_id: str):
    return _render_referral(authorized(Referral, referral_id, "referral.view"))


def _conflict(referral_id: str):
    session.rollback()
    message = _(CHANGED_MESSAGE)
    if _wants_json():
        return jsonify(error="conflict", message=message), 409
    flash(message, "error")
    fresh = authorized(Referral, referral_id, "referral.view")
    return _render_referral(fresh, status_code=409)


def _back(referral: Referral):
    target = request.form.get("return_to")
    if target == "inbox" and can(current_user, "inbox.view"):
        return redirect(url_for(".inbox"))
    return redirect(url_for(".referral", referral_id=referral.id))


@bp.post("/referrals/<referral_id>/transition")
@requires("referral.view")
def transition(referral_id: str):
    item = authorized(Referral, referral_id, "referral.view")
    form = TransitionForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        if _wants_json():
            return jsonify(error="invalid", fields=form.errors), 400
        flash(_("Choose an action on the referral."), "error")
        return _render_referral(item, status_code=400, transition_form=form)
    edge = workflow.find(item.status, form.to_status.data)
    if edge is not None and not workflow.may_take(current_user, edge, item):
        abort(403)
    try:
        workflow.transition(item, form.to_status.data, current_user,
                            reason_code=form.reason_code.data or None,
                            reason_text=form.reason_text.data,
                            expected_version=form.version.data)
        session.commit()
    except (ReferralChanged, StaleDataError):
        return _conflict(referral_id)
    except TransitionNotAllowed:
        session.rollback()
        abort(403)
    except ReferralError as error:
        session.rollback()
        if _wants_json():
            return jsonify(error=type(error).__name__, message=str(error.message)), 400
        fresh = authorized(Referral, referral_id, "referral.view")
        _apply_errors(form, error)
        return _render_referral(fresh, status_code=400, transition_form=form)
    if _wants_json():
        return jsonify(id=item.id, status=item.status, version=item.version)
    flash(_("Referral marked as %(status)s.",
            status=labels.status_label(item.status).lower()), "success")
    return _back(item)


@bp.post("/referrals/<referral_id>/notes")
@requires("referral.note")
def add_note(referral_id: str):
    item = authorized(Referral, referral_id, "referral.note")
    form = NoteForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        return _render_referral(item, status_code=400, note_form=form)
    try:
        notes.add_note(item, current_user, form.body.data)
    except ReferralError as error:
        session.rollback()
        _apply_errors(form, error)
        return _render_referral(authorized(Referral, referral_id, "referral.view"),
                                status_code=400, note_form=form)
    session.commit()
    flash(_("Note added."), "success")
    return redirect(url_for(".referral", referral_id=referral_id) + "#notes")


# --------------------------------------------------------------------------------------------
# The agency inbox
# --------------------------------------------------------------------------------------------


@bp.get("/inbox")
@requires("inbox.view")
def inbox():
    now = utc_now()
    base = (select(Referral).options(selectinload(Referral.service),
                                     selectinload(Referral.organization),
                                     selectinload(Referral.client))
            .where(Referral.status != "draft"))
    if current_user.role != "admin":
        base = base.where(Referral.organization_id.in_(member_organization_ids(current_user)))
    overdue = session.execute(base.where(deadlines.overdue_condition(now))
                              .order_by(Referral.sent_at)).scalars().all()
    overdue_ids = {r.id for r in overdue}
    new = [r for r in session.execute(base.where(Referral.status == "sent")
                                      .order_by(Referral.sent_at)).scalars()
           if r.id not in overdue_ids]
    active = session.execute(base.where(Referral.status.in_(("accepted", "in_progress")))
                             .order_by(Referral.updated_at.desc())).scalars().all()
    closed = session.execute(
        base.where(Referral.status.in_(workflow.CLOSED_STATUSES),
                   Referral.closed_at >= now - timedelta(days=RECENTLY_CLOSED_DAYS))
        .order_by(Referral.closed_at.desc())).scalars().all()
    record("read", object_type="referral",
           detail=f"inbox ({len(new) + len(overdue) + len(active) + len(closed)})")
    session.commit()
    disclosed = {r.id for r in [*overdue, *new, *active, *closed]
                 if discloses_client(r, current_user)}
    return render_template(
        "directory/referrals/inbox.html", new=new, overdue=overdue, active=active,
        closed=closed, disclosed=disclosed, form=TransitionForm(formdata=None),
        due_dates={r.id: deadlines.due_on(r) for r in [*overdue, *new]},
        show_notice=current_user.role != "coordinator")
