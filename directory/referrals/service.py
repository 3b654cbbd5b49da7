"""Making referrals: a draft for one client to one service (sending is a transition)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from directory.audit.service import record
from directory.database import session
from directory.referrals.errors import InvalidData
from directory.referrals.models import Client, Referral, ReferralEvent


def create_referral(client: Client, service, user, *, message: str | None = None,
                    plan=None) -> Referral:
    """A draft referral of ``client`` to ``service`` by ``user``; flushes and audits.

    ``plan`` (a support plan of the same client) groups it with the client's other referrals.
    """
    if service is None:
        raise InvalidData(_l("Choose a service."), field="service")
    if plan is not None and plan.client_id != client.id:
        raise InvalidData(_l("That support plan belongs to another client."), field="plan")
    referral = Referral(
        client=client, service_id=service.id, organization_id=service.organization_id,
        created_by_id=user.id, status="draft", message=(message or "").strip() or None,
        plan_id=plan.id if plan is not None else None,
    )
    session.add(referral)
    # The history starts with the draft, so the timeline shows who made it and when.
    session.add(ReferralEvent(referral=referral, actor_id=user.id, from_status=None,
                              to_status="draft"))
    session.flush()
    record("create", referral, detail="referral drafted", user=user)
    return referral
