"""Support plan service: the schedule generator, check-ins, optimistic locking, the stalled rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from directory.audit.models import AuditEvent
from directory.database import session
from directory.plans import service as plans
from directory.plans import stalled
from directory.plans.errors import PlanChanged, PlanError
from directory.plans.models import CheckIn, SupportPlan
from directory.plans.schedule import add_months, checkin_dates
from directory.referrals.models import Client, Referral
from tests.plan_fixtures import make_client, make_plan, make_referral

# --- the schedule generator (pure) -----------------------------------------------------------


def test_weekly_then_monthly():
    dates = checkin_dates(date(2026, 3, 1), weekly_weeks=4, monthly_months=2)
    assert dates == [date(2026, 3, 8), date(2026, 3, 15), date(2026, 3, 22), date(2026, 3, 29),
                     date(2026, 4, 29), date(2026, 5, 29)]


def test_monthly_only_keeps_the_day_or_the_month_end():
    assert checkin_dates(date(2026, 1, 31), monthly_months=3) == [
        date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_weekly_only_and_nothing():
    assert checkin_dates(date(2026, 3, 1), weekly_weeks=2) == [date(2026, 3, 8), date(2026, 3, 15)]
    assert checkin_dates(date(2026, 3, 1)) == []
    with pytest.raises(ValueError):
        checkin_dates(date(2026, 3, 1), weekly_weeks=-1)


# --- service verbs ---------------------------------------------------------------------------


@pytest.fixture
def coordinator(make_user):
    return make_user(role="coordinator")


def _audit_details(object_type: str) -> list[str]:
    return list(session.execute(select(AuditEvent.detail).where(
        AuditEvent.object_type == object_type).order_by(AuditEvent.at)).scalars())


def test_create_schedule_and_record(app, coordinator):
    person = make_client(app, coordinator)
    moment = datetime(2026, 3, 1, 15, tzinfo=UTC)
    with app.test_request_context(), time_machine.travel(moment, tick=False):
        client = session.get(Client, person.id)
        plan = plans.create_plan(client, coordinator, title="  Leaving treatment ", goals="")
        assert plan.title == "Leaving treatment" and plan.goals is None
        created = plans.schedule_checkins(plan, coordinator, weekly_weeks=2, monthly_months=1)
        assert [c.due_on for c in created] == [date(2026, 3, 8), date(2026, 3, 15),
                                               date(2026, 4, 15)]
        # The same schedule again adds nothing: dates already there are skipped.
        assert plans.schedule_checkins(plan, coordinator, weekly_weeks=2) == []
        single = plans.add_checkin(plan, coordinator, date(2026, 3, 3))
        plans.record_checkin(single, coordinator, outcome="made", note=" Met at the cafe ")
        session.commit()

        stored = session.get(CheckIn, single.id)
        assert (stored.status, stored.note, stored.recorded_by_id) == (
            "made", "Met at the cafe", coordinator.id)
        assert stored.recorded_at == datetime(2026, 3, 1, 15, tzinfo=UTC)
        assert _audit_details("checkin") == ["check-in scheduled for 2026-03-03",
                                             "check-in scheduled → made"]
        events = session.execute(select(AuditEvent).where(AuditEvent.object_type == "checkin")
                                 ).scalars().all()
        assert {e.client_id for e in events} == {person.id}
        assert "plan created" in _audit_details("supportplan")


def test_record_checkin_rules(app, coordinator):
    person = make_client(app, coordinator)
    plan = make_plan(app, person, coordinator, checkins=((date(2026, 3, 8), "scheduled"),))
    with app.test_request_context():
        checkin = session.execute(select(CheckIn).where(CheckIn.plan_id == plan.id)).scalar_one()
        with pytest.raises(PlanError) as error:
            plans.record_checkin(checkin, coordinator, outcome="maybe")
        assert error.value.field == "outcome"
        with pytest.raises(PlanError):
            plans.record_checkin(checkin, coordinator, outcome="made", note="x" * 501)
        plans.close_plan(checkin.plan, coordinator)
        with pytest.raises(PlanError):
            plans.record_checkin(checkin, coordinator, outcome="missed")
        with pytest.raises(PlanError):
            plans.schedule_checkins(checkin.plan, coordinator, weekly_weeks=1)


def test_schedule_limits(app, coordinator):
    plan = make_plan(app, make_client(app, coordinator), coordinator)
    with app.test_request_context():
        plan = session.get(SupportPlan, plan.id)
        for weeks, months in ((0, 0), (53, 0), (0, 25)):
            with pytest.raises(PlanError):
                plans.schedule_checkins(plan, coordinator, weekly_weeks=weeks,
                                        monthly_months=months)


def test_update_with_a_stale_version_is_refused(app, coordinator):
    plan = make_plan(app, make_client(app, coordinator), coordinator)
    with app.test_request_context():
        plan = session.get(SupportPlan, plan.id)
        loaded_at = plan.version
        plans.update_plan(plan, coordinator, title="New title", goals="More meetings",
                          expected_version=loaded_at)
        session.commit()
        assert plan.version == loaded_at + 1
        with pytest.raises(PlanChanged):
            plans.update_plan(plan, coordinator, title="Older edit", goals=None,
                              expected_version=loaded_at)
        with pytest.raises(PlanChanged):
            plans.close_plan(plan, coordinator, expected_version=loaded_at)
        plans.close_plan(plan, coordinator, expected_version=plan.version)
        with pytest.raises(PlanError):
            plans.close_plan(plan, coordinator)
        plans.reopen_plan(plan, coordinator)
        assert plan.status == "active"


def test_attach_and_detach(app, coordinator, make_service):
    service = make_service()
    person, other = make_client(app, coordinator), make_client(app, coordinator, "K. L.")
    plan = make_plan(app, person, coordinator)
    mine = make_referral(app, person, service, coordinator)
    theirs = make_referral(app, other, service, coordinator)
    with app.test_request_context():
        plan = session.get(SupportPlan, plan.id)
        referral = session.get(Referral, mine.id)
        plans.attach_referral(plan, referral, coordinator)
        with pytest.raises(PlanError):
            plans.attach_referral(plan, referral, coordinator)
        with pytest.raises(PlanError):
            plans.attach_referral(plan, session.get(Referral, theirs.id), coordinator)
        session.commit()
        session.expire_all()
        assert [r.id for r in session.get(SupportPlan, plan.id).referrals] == [mine.id]
        plans.detach_referral(plan, session.get(Referral, mine.id), coordinator)
        session.commit()
        assert session.get(Referral, mine.id).plan_id is None


# --- the stalled rule ------------------------------------------------------------------------

NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)


def _stalled_ids(today: date) -> set[str]:
    return set(session.execute(select(SupportPlan.id).where(
        stalled.stalled_condition(today))).scalars())


def test_stalled_rule(app, coordinator, make_service):
    service = make_service()
    person = make_client(app, coordinator)
    recent = NOW - timedelta(days=3)
    old = NOW - timedelta(days=40)
    # Healthy: recent plan, check-in recorded last week, one due in 3 days.
    healthy = make_plan(app, person, coordinator, created_at=recent,
                        checkins=((date(2026, 6, 8), "made"), (date(2026, 6, 18), "scheduled")),
                        recorded_at=NOW - timedelta(days=7))
    # A check-in overdue by exactly 7 days is not yet stalled; 8 days is.
    grace = make_plan(app, person, coordinator, created_at=recent,
                      checkins=((date(2026, 6, 8), "scheduled"),))
    overdue = make_plan(app, person, coordinator, created_at=recent,
                        checkins=((date(2026, 6, 7), "scheduled"),))
    # Every referral ended without a connection.
    dead_ends = make_plan(app, person, coordinator, created_at=recent)
    make_referral(app, person, service, coordinator, status="declined", plan=dead_ends)
    make_referral(app, person, service, coordinator, status="cancelled", plan=dead_ends)
    # One live referral among failed ones keeps the plan going.
    mixed = make_plan(app, person, coordinator, created_at=recent)
    make_referral(app, person, service, coordinator, status="declined", plan=mixed)
    make_referral(app, person, service, coordinator, status="accepted", plan=mixed)
    # Quiet: created 40 days ago, nothing recorded; or last record 31 days ago.
    quiet = make_plan(app, person, coordinator, created_at=old)
    quiet_recorded = make_plan(app, person, coordinator, created_at=old,
                               checkins=((date(2026, 5, 15), "missed"),),
                               recorded_at=NOW - timedelta(days=31))
    # Closed plans are never stalled.
    closed = make_plan(app, person, coordinator, created_at=old, status="closed")

    expected = {overdue.id, dead_ends.id, quiet.id, quiet_recorded.id}
    with app.test_request_context(), time_machine.travel(NOW, tick=False):
        assert _stalled_ids(NOW.date()) == expected
        for plan_id in (healthy.id, grace.id, mixed.id, closed.id, *expected):
            plan = session.get(SupportPlan, plan_id)
            assert bool(stalled.stall_reasons(plan, NOW.date())) == (plan_id in expected)
        assert stalled.stall_reasons(session.get(SupportPlan, overdue.id), NOW.date()) == [
            stalled.REASON_OVERDUE]
        assert stalled.stall_reasons(session.get(SupportPlan, dead_ends.id), NOW.date()) == [
            stalled.REASON_DEAD_ENDS]
        assert stalled.stall_reasons(session.get(SupportPlan, quiet.id), NOW.date()) == [
            stalled.REASON_QUIET]
        # A day later the grace period of the 8 June check-in is over too.
        assert grace.id in _stalled_ids(NOW.date() + timedelta(days=1))


def test_two_racing_edits_cannot_both_win(app, coordinator):
    """Both passed the form's version check; the database version catches the second."""
    plan = make_plan(app, make_client(app, coordinator), coordinator)
    with app.app_context():
        engine = app.extensions["directory"].db.engine
    with Session(engine) as first, Session(engine) as second:
        mine, theirs = first.get(SupportPlan, plan.id), second.get(SupportPlan, plan.id)
        mine.title = "First"
        first.commit()
        theirs.title = "Second"
        with pytest.raises(StaleDataError):
            second.commit()
    with Session(engine) as check:
        assert check.get(SupportPlan, plan.id).title == "First"
