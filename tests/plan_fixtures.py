"""Rows for plan, dashboard and report tests, made straight through the models.

The referral pages have their own service layer; these tests only need rows in given states,
so they are written directly (committed in a session of their own, objects kept usable).
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from directory.plans.models import CheckIn, SupportPlan
from directory.referrals.models import Client, Referral
from tests.factories import _save


def make_client(app: Flask, owner, name: str = "J. D.") -> Client:
    """A client created by ``owner`` (a coordinator)."""
    return _save(app, Client(display_name=name, preferred_contact="phone", phone="503-555-0199",
                             created_by_id=owner.id))


def make_referral(app: Flask, client: Client, service, owner, *, status: str = "sent",
                  created_at: datetime | None = None, sent_at: datetime | None = None,
                  first_response_at: datetime | None = None, reason_code: str | None = None,
                  plan: SupportPlan | None = None) -> Referral:
    """A referral of ``client`` to ``service`` in ``status`` (times as given)."""
    values = dict(client_id=client.id, service_id=service.id,
                  organization_id=service.organization_id, created_by_id=owner.id,
                  status=status, sent_at=sent_at, first_response_at=first_response_at,
                  reason_code=reason_code, plan_id=plan.id if plan else None)
    if created_at is not None:
        values["created_at"] = created_at
    return _save(app, Referral(**values))


def make_plan(app: Flask, client: Client, owner, *, title: str = "Transition plan",
              created_at: datetime | None = None, status: str = "active",
              checkins: tuple[tuple[date, str], ...] = (),
              recorded_at: datetime | None = None) -> SupportPlan:
    """A plan with check-ins given as (due date, status); recorded ones get ``recorded_at``."""
    values = dict(client_id=client.id, created_by_id=owner.id, title=title, status=status,
                  goals="Stay connected with a mentor and a meeting.")
    if created_at is not None:
        values["created_at"] = created_at
    plan = _save(app, SupportPlan(**values))
    rows = [CheckIn(plan_id=plan.id, due_on=due, status=state,
                    recorded_at=recorded_at if state != "scheduled" else None)
            for due, state in checkins]
    if rows:
        _save(app, *rows)
    return plan
