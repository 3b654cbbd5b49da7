"""The demo casework made by ``flask directory bootstrap`` for the demo accounts."""

from __future__ import annotations

from sqlalchemy import func, select

from directory.accounts.service import get_user_by_email
from directory.audit.models import AuditEvent
from directory.clock import utc_now
from directory.database import session
from directory.demo_casework import ensure_demo_casework
from directory.notifications.models import OutboxMessage
from directory.plans.models import CheckIn, SupportPlan
from directory.referrals.deadlines import is_overdue
from directory.referrals.models import Client, Referral, ReferralEvent


def test_bootstrap_gives_each_role_something_to_work_on(seeded_app, seeded):
    assert "Demo casework added" in seeded.bootstrap_output
    with seeded_app.app_context():
        coordinator = get_user_by_email("coordinator@demo.example.org")
        agency = get_user_by_email("agency@demo.example.org")
        clients = session.execute(
            select(Client).where(Client.created_by_id == coordinator.id)).scalars().all()
        assert sorted(client.display_name for client in clients) == ["A. L.", "R. M.", "T. K."]
        referrals = session.execute(select(Referral)).scalars().all()
        statuses = sorted(referral.status for referral in referrals)
        assert statuses == ["completed", "declined", "in_progress", "sent", "sent"]
        # The demo agency has one new referral waiting in its inbox.
        member_orgs = {organization.id for organization in agency.organizations}
        waiting = [r for r in referrals if r.status == "sent" and r.organization_id in member_orgs]
        assert len(waiting) == 1
        # Another organization has not answered for a week: overdue on the dashboard.
        assert sum(is_overdue(r, utc_now()) for r in referrals) == 1
        plan = session.execute(select(SupportPlan)).scalar_one()
        assert len(plan.referrals) == 3
        recorded = session.execute(select(CheckIn.status).where(CheckIn.plan_id == plan.id)
                                   ).scalars().all()
        assert recorded.count("made") == 1 and recorded.count("missed") == 1
        # Made through the real verbs: history, audit rows and queued emails exist.
        events = session.execute(select(func.count(ReferralEvent.id))).scalar_one()
        assert events >= 5 + 5  # a draft row and at least one transition per referral
        assert session.execute(select(func.count(AuditEvent.id))).scalar_one() > 10
        bodies = session.execute(select(OutboxMessage.subject, OutboxMessage.body)).all()
        assert bodies and not any("R. M." in subject + body for subject, body in bodies)


def test_casework_is_added_once(seeded_app):
    with seeded_app.app_context():
        assert ensure_demo_casework() is False
