"""Email about referrals, queued in the outbox in the caller's transaction.

Messages carry NO client names or details: a link to the signed-in page only (and, for
agencies, the §2.32 notice). Links are absolute: ``DIRECTORY_PUBLIC_BASE_URL`` when set, else
the current request's host.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from directory.accounts.models import Membership, User
from directory.database import session
from directory.links import absolute_url
from directory.notifications.service import enqueue
from directory.referrals.labels import status_label
from directory.referrals.models import Referral
from directory.referrals.notice import part2_notice


def referral_url(referral: Referral) -> str:
    """The absolute address of the referral's page."""
    return absolute_url("directory_referrals.referral", referral_id=referral.id)


def agency_addresses(referral: Referral) -> list[str]:
    """The receiving organization's email, or its agency staff's when it has none."""
    organization = referral.organization
    if organization is not None and organization.email:
        return [organization.email]
    return list(session.execute(
        select(User.email).join(Membership, Membership.user_id == User.id)
        .where(Membership.organization_id == referral.organization_id,
               User.role == "agency", User.active.is_(True))
        .order_by(User.email)
    ).scalars())


def referral_sent(referral: Referral) -> None:
    """Tell the receiving agency a referral is waiting (a link and the §2.32 notice)."""
    subject = _("New referral for %(organization)s", organization=referral.organization.name)
    body = "\n\n".join([
        _("A care coordinator has sent your organization a referral."),
        _("Sign in to read and answer it: %(url)s", url=referral_url(referral)),
        part2_notice(),
    ])
    for address in agency_addresses(referral):
        enqueue("referral.sent", address, subject, body, subject_type="referral",
                subject_id=referral.id)


def status_changed(referral: Referral) -> None:
    """Tell the coordinator the agency changed the referral's status."""
    coordinator = referral.created_by
    if coordinator is None or not coordinator.email:
        return
    word = status_label(referral.status).lower()
    subject = _("Referral %(status)s by %(organization)s", status=word,
                organization=referral.organization.name)
    body = "\n\n".join([
        _("%(organization)s marked a referral you made as %(status)s.",
          organization=referral.organization.name, status=word),
        _("Sign in to see it: %(url)s", url=referral_url(referral)),
    ])
    enqueue("referral.status", coordinator.email, subject, body, subject_type="referral",
            subject_id=referral.id)


def after_transition(referral: Referral, edge) -> None:
    """Queue the messages a transition calls for."""
    if edge.target == "sent":
        referral_sent(referral)
    elif edge.side == "agency":
        status_changed(referral)
