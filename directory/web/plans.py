"""Support plan pages: create, view, edit, check-ins, and a printable plan for the client.

Every read and write of a plan leaves an audit row. Client data never goes into URLs or flash
messages. A stale edit (someone saved the plan first) gets a message and a 409.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from directory.audit.service import record
from directory.authz import authorized, can, requires
from directory.clock import today, utc_now
from directory.database import session
from directory.plans import labels
from directory.plans import service as plans
from directory.plans.errors import PlanChanged, PlanError
from directory.plans.models import CheckIn, SupportPlan
from directory.plans.pages import plan_page
from directory.referrals.labels import status_label
from directory.referrals.models import Client, Referral
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_plans", __name__, private=True)



# --------------------------------------------------------------------------------------------
# Forms
# --------------------------------------------------------------------------------------------


class PlanForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=255)])
    goals = TextAreaField(_l("Goals"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()


class PlanStatusForm(FlaskForm):
    """Close or reopen (the button carries the plan's version)."""

    action = HiddenField(validators=[DataRequired()])
    version = HiddenField()


class ScheduleForm(FlaskForm):
    start = DateField(_l("Starting from"), validators=[InputRequired()])
    weekly_weeks = IntegerField(_l("Weekly check-ins for (weeks)"), default=4,
                                validators=[InputRequired(), NumberRange(0, plans.MAX_WEEKS)])
    monthly_months = IntegerField(_l("Then monthly for (months)"), default=2,
                                  validators=[InputRequired(),
                                              NumberRange(0, plans.MAX_MONTHS)])


class SingleCheckInForm(FlaskForm):
    due_on = DateField(_l("Check-in date"), validators=[InputRequired()])


class RecordCheckInForm(FlaskForm):
    outcome = RadioField(_l("Outcome"), validators=[InputRequired()],
                         choices=[SelectChoice(value, label) for value, label
                                  in labels.OUTCOME_LABELS.items()])
    note = TextAreaField(_l("Short note"),
                         validators=[Optional(), Length(max=plans.NOTE_MAX_LENGTH)])


class AttachForm(FlaskForm):
    referral_id = SelectField(_l("Referral"), validators=[DataRequired()], choices=[])


def _checkin_form(checkin: CheckIn, formdata=None) -> RecordCheckInForm:
    # One form per check-in on the page: a prefix keeps their field ids apart. A recorded
    # check-in's form starts from its record (to correct it).
    recorded = checkin.status if checkin.status in plans.CHECKIN_OUTCOMES else None
    return RecordCheckInForm(formdata=formdata, prefix=f"checkin-{checkin.id}",
                             outcome=recorded, note=checkin.note if recorded else None)


def _referral_label(referral: Referral) -> str:
    name = referral.service.name if referral.service else referral.organization.name
    return f"{name} ({status_label(referral.status)})"


def _may_view_referral(referral: Referral) -> bool:
    return can(current_user, "referral.view", referral)


def _forms(plan: SupportPlan, page, *, edit_form=None, schedule_form=None, single_form=None,
           attach_form=None, checkin_forms=None) -> dict:
    edit_form = edit_form or PlanForm(formdata=None, obj=plan, prefix="plan")
    edit_form.version.data = plan.version
    attach_form = attach_form or AttachForm(formdata=None, prefix="attach")
    attach_form.referral_id.choices = [SelectChoice("", _("Choose a referral"))] + [
        SelectChoice(referral.id, _referral_label(referral)) for referral in page.attachable]
    forms = {checkin.id: _checkin_form(checkin) for checkin in plan.checkins}
    forms.update(checkin_forms or {})
    return {
        "edit_form": edit_form,
        "status_form": PlanStatusForm(formdata=None, prefix="status"),
        "schedule_form": schedule_form or ScheduleForm(formdata=None, prefix="schedule",
                                                       start=today()),
        "single_form": single_form or SingleCheckInForm(formdata=None, prefix="single"),
        "attach_form": attach_form,
        "checkin_forms": forms,
    }


def _render_plan(plan: SupportPlan, status_code: int = 200, **form_overrides):
    page = plan_page(plan, utc_now(), _may_view_referral)
    return render_template(
        "directory/plans/plan.html", page=page, plan=plan,
        state_labels=labels.CHECKIN_STATE_LABELS, state_tones=labels.CHECKIN_STATE_TONES,
        stall_labels=labels.STALL_REASON_LABELS, plan_status_labels=labels.PLAN_STATUS_LABELS,
        **_forms(plan, page, **form_overrides),
    ), status_code


def _stale(plan_id: str):
    """Someone saved the plan first: say so and show the latest version with a 409."""
    session.rollback()
    flash(_("This plan changed while you were looking at it; here is the latest version."),
          "error")
    fresh = authorized(SupportPlan, plan_id, "plan.view")
    return _render_plan(fresh, status_code=409)


def _field_error(form, error: PlanError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*(field.errors or []), error.message]
    else:
        flash(error.message, "error")


def _version(form_version) -> int | None:
    try:
        return int(form_version) if form_version not in (None, "") else None
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


@bp.route("/clients/<client_id>/plans/new", methods=["GET", "POST"])
@requires("plan.create")
def new_plan(client_id: str):
    person = authorized(Client, client_id, "client.view")
    form = PlanForm()
    if form.validate_on_submit():
        try:
            plan = plans.create_plan(person, current_user, title=form.title.data,
                                     goals=form.goals.data)
        except PlanError as error:
            session.rollback()
            _field_error(form, error)
        else:
            session.commit()
            flash(_("Support plan created."), "success")
            return redirect(url_for(".plan", plan_id=plan.id))
    return render_template("directory/plans/plan_form.html", form=form, client=person)


@bp.get("/plans/<plan_id>")
@requires("plan.view")
def plan(plan_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.view")
    record("read", support_plan, detail="plan viewed")
    session.commit()
    return _render_plan(support_plan)


@bp.post("/plans/<plan_id>/edit")
@requires("plan.edit")
def edit_plan(plan_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.edit")
    if "status-action" in request.form:
        status_form = PlanStatusForm(prefix="status")
        if not status_form.validate_on_submit():
            abort(400)
        verb = {"close": plans.close_plan, "reopen": plans.reopen_plan}.get(
            status_form.action.data)
        if verb is None:
            abort(400)
        try:
            verb(support_plan, current_user, expected_version=_version(status_form.version.data))
            session.commit()
        except (PlanChanged, StaleDataError):
            return _stale(plan_id)
        except PlanError as error:
            session.rollback()
            flash(error.message, "error")
        else:
            flash(_("Plan closed.") if support_plan.status == "closed" else _("Plan reopened."),
                  "success")
        return redirect(url_for(".plan", plan_id=plan_id))

    form = PlanForm(prefix="plan")
    if not form.validate_on_submit():
        session.rollback()
        return _render_plan(support_plan, status_code=400, edit_form=form)
    try:
        plans.update_plan(support_plan, current_user, title=form.title.data,
                          goals=form.goals.data, expected_version=_version(form.version.data))
        session.commit()
    except (PlanChanged, StaleDataError):
        return _stale(plan_id)
    except PlanError as error:
        session.rollback()
        _field_error(form, error)
        return _render_plan(support_plan, status_code=400, edit_form=form)
    flash(_("Plan saved."), "success")
    return redirect(url_for(".plan", plan_id=plan_id))


@bp.post("/plans/<plan_id>/checkins")
@requires("plan.edit")
def schedule_checkins(plan_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.edit")
    if "single-due_on" in request.form:
        single = SingleCheckInForm(prefix="single")
        if not single.validate_on_submit():
            return _render_plan(support_plan, status_code=400, single_form=single)
        try:
            plans.add_checkin(support_plan, current_user, single.due_on.data)
        except PlanError as error:
            session.rollback()
            _field_error(single, error)
            return _render_plan(support_plan, status_code=400, single_form=single)
        session.commit()
        flash(_("Check-in added."), "success")
        return redirect(url_for(".plan", plan_id=plan_id))

    form = ScheduleForm(prefix="schedule")
    if not form.validate_on_submit():
        return _render_plan(support_plan, status_code=400, schedule_form=form)
    try:
        created = plans.schedule_checkins(support_plan, current_user, start=form.start.data,
                                          weekly_weeks=form.weekly_weeks.data,
                                          monthly_months=form.monthly_months.data)
    except PlanError as error:
        session.rollback()
        _field_error(form, error)
        return _render_plan(support_plan, status_code=400, schedule_form=form)
    session.commit()
    flash(_("%(count)s check-ins scheduled.", count=len(created)), "success")
    return redirect(url_for(".plan", plan_id=plan_id))


@bp.post("/checkins/<checkin_id>")
@requires("checkin.record")
def record_checkin(checkin_id: str):
    checkin = authorized(CheckIn, checkin_id, "checkin.record")
    form = _checkin_form(checkin, formdata=request.form)
    if not form.validate_on_submit():
        return _render_plan(checkin.plan, status_code=400, checkin_forms={checkin.id: form})
    try:
        plans.record_checkin(checkin, current_user, outcome=form.outcome.data,
                             note=form.note.data)
    except PlanError as error:
        session.rollback()
        _field_error(form, error)
        return _render_plan(checkin.plan, status_code=400, checkin_forms={checkin.id: form})
    session.commit()
    flash(_("Check-in recorded."), "success")
    return redirect(url_for(".plan", plan_id=checkin.plan_id) + f"#checkin-{checkin.id}")


@bp.post("/plans/<plan_id>/referrals")
@requires("plan.edit")
def attach_referral(plan_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.edit")
    form = AttachForm(prefix="attach")
    page = plan_page(support_plan, utc_now(), _may_view_referral)
    form.referral_id.choices = [SelectChoice(r.id, _referral_label(r)) for r in page.attachable]
    if not form.validate_on_submit():
        return _render_plan(support_plan, status_code=400, attach_form=form)
    referral = authorized(Referral, form.referral_id.data, "referral.view")
    try:
        plans.attach_referral(support_plan, referral, current_user)
        session.commit()
    except StaleDataError:
        return _stale(plan_id)
    except PlanError as error:
        session.rollback()
        _field_error(form, error)
        return _render_plan(support_plan, status_code=400, attach_form=form)
    flash(_("Referral added to the plan."), "success")
    return redirect(url_for(".plan", plan_id=plan_id))


@bp.post("/plans/<plan_id>/referrals/<referral_id>/detach")
@requires("plan.edit")
def detach_referral(plan_id: str, referral_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.edit")
    if not FlaskForm().validate_on_submit():
        abort(400)
    referral = authorized(Referral, referral_id, "referral.view")
    try:
        plans.detach_referral(support_plan, referral, current_user)
        session.commit()
    except StaleDataError:
        return _stale(plan_id)
    except PlanError as error:
        session.rollback()
        flash(error.message, "error")
    else:
        flash(_("Referral taken out of the plan."), "success")
    return redirect(url_for(".plan", plan_id=plan_id))


@bp.get("/plans/<plan_id>/print")
@requires("plan.view")
def print_plan(plan_id: str):
    support_plan = authorized(SupportPlan, plan_id, "plan.view")
    record("export", support_plan, detail="plan printed")
    session.commit()
    page = plan_page(support_plan, utc_now(), _may_view_referral)
    return render_template("directory/plans/print.html", page=page, plan=support_plan,
                           printed_on=today())
