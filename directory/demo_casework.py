"""Fictional casework for the demo accounts, so every role's pages have something to show.

The demo coordinator gets three clients (initials only), consents, referrals in several states
(one waiting in the demo agency's inbox, one overdue, answered ones) and a support plan with
check-ins. Made through the same service functions as the pages, so history, audit rows and
queued emails are what real use would leave. Runs once: nothing is added when the demo
coordinator already has clients.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from directory.accounts.service import get_user_by_email
from directory.catalog.models import Organization, Service
from directory.catalog.visibility import listed_service
from directory.clock import today, utc_now
from directory.database import session
from directory.plans import service as plans
from directory.referrals import clients, consents, workflow
from directory.referrals.models import Client, Referral
from directory.referrals.service import create_referral

DISCLOSING_PARTY = "Demo Treatment Center (fictional), discharge planning team"
PURPOSE = "Referral to recovery support services and follow-up on the referral."
SCOPE = "Name, preferred contact details and language, and the status of the referral."


def _services_of_other_organizations(exclude_id: str | None, count: int) -> list[Service]:
    """The first listed service of each of ``count`` organizations (alphabetical)."""
    found = []
    for organization in session.execute(
        select(Organization).where(Organization.published.is_(True))
        .order_by(Organization.name)
    ).scalars():
        if organization.id == exclude_id:
            continue
        service = session.execute(
            select(Service).where(Service.organization_id == organization.id, listed_service())
            .order_by(Service.name).limit(1)
        ).scalar()
        if service is not None:
            found.append(service)
        if len(found) == count:
            break
    return found


def _consent(client: Client, coordinator, organization: Organization):
    return consents.record_consent(
        client, coordinator, disclosing_party=DISCLOSING_PARTY,
        recipient_organization=organization, purpose=PURPOSE, information_scope=SCOPE,
        expires_on=today() + timedelta(days=180), right_to_revoke_acknowledged=True,
        signature_method="attested", attested=True, signed_on=today() - timedelta(days=3))


def _sent_referral(client, service, coordinator, message=None, plan=None) -> Referral:
    referral = create_referral(client, service, coordinator, message=message, plan=plan)
    workflow.transition(referral, "sent", coordinator, expected_version=referral.version)
    return referral


def _backdate(referral: Referral, sent_days_ago: int, answer_hours: int | None = None) -> None:
    """Spread the demo's history over the past days, as real casework would be."""
    sent = utc_now() - timedelta(days=sent_days_ago)
    answered = sent + timedelta(hours=answer_hours) if answer_hours is not None else None
    referral.created_at = sent - timedelta(minutes=20)
    referral.sent_at = sent
    if answered is not None:
        referral.first_response_at = answered
    for step, event in enumerate(referral.events):
        if event.to_status == "draft":
            event.at = referral.created_at
        elif event.to_status == "sent":
            event.at = sent
        else:  # answers and later steps, a day apart after the first answer
            event.at = (answered or sent) + timedelta(days=max(0, step - 2))
    if referral.closed_at is not None:
        referral.closed_at = referral.events[-1].at


def ensure_demo_casework() -> bool:
    """Add the demo casework when the demo coordinator has none; True when added.

    Flushes; the caller commits.
    """
    coordinator = get_user_by_email("coordinator@demo.example.org")
    admin = get_user_by_email("admin@demo.example.org")
    agency = get_user_by_email("agency@demo.example.org")
    if coordinator is None or admin is None or agency is None or not agency.organizations:
        return False
    has_clients = session.execute(
        select(Client.id).where(Client.created_by_id == coordinator.id).limit(1)).scalar()
    if has_clients:
        return False
    inbox_org = agency.organizations[0]
    inbox_service = session.execute(
        select(Service).where(Service.organization_id == inbox_org.id, listed_service())
        .order_by(Service.name).limit(1)).scalar()
    others = _services_of_other_organizations(inbox_org.id, 3)
    if inbox_service is None or len(others) < 3:
        return False

    # R. M.: leaving residential treatment; a plan of three referrals and weekly check-ins.
    first = clients.create_client(coordinator, display_name="R. M.", preferred_contact="text",
                                  preferred_language="en", phone="+15035550123")
    for service in (inbox_service, others[0], others[1]):
        _consent(first, coordinator, service.organization)
    plan = plans.create_plan(first, coordinator, title="After discharge: first 90 days",
                             goals="A mentor, family sessions and a sober-support group.")
    waiting = _sent_referral(first, inbox_service, coordinator, plan=plan,
                             message="Prefers texts in the afternoon.")
    accepted = _sent_referral(first, others[0], coordinator, plan=plan)
    workflow.transition(accepted, "accepted", admin, expected_version=accepted.version)
    workflow.transition(accepted, "in_progress", admin, expected_version=accepted.version)
    declined = _sent_referral(first, others[1], coordinator, plan=plan)
    workflow.transition(declined, "declined", admin, reason_code="no_capacity",
                        expected_version=declined.version)
    _backdate(accepted, sent_days_ago=6, answer_hours=5)
    _backdate(declined, sent_days_ago=6, answer_hours=27)
    plans.schedule_checkins(plan, coordinator, start=today() - timedelta(days=21),
                            weekly_weeks=4, monthly_months=2)
    # Two weeks recorded; the third check-in is due today.
    made, missed = sorted(plan.checkins, key=lambda checkin: checkin.due_on)[:2]
    plans.record_checkin(made, coordinator, outcome="made",
                         note="Met the mentor once; going to meetings twice a week.")
    plans.record_checkin(missed, coordinator, outcome="missed", note="No answer; texted.")

    # T. K.: a referral the agency has not answered for a week (overdue).
    second = clients.create_client(coordinator, display_name="T. K.", preferred_contact="phone",
                                   preferred_language="es", phone="+13125550188")
    _consent(second, coordinator, others[2].organization)
    overdue = _sent_referral(second, others[2], coordinator)
    _backdate(overdue, sent_days_ago=7)

    # A. L.: a completed referral.
    third = clients.create_client(coordinator, display_name="A. L.", preferred_contact="email",
                                  email="al.demo@example.org")
    _consent(third, coordinator, inbox_service.organization)
    done = _sent_referral(third, inbox_service, coordinator)
    for status in ("accepted", "in_progress", "completed"):
        workflow.transition(done, status, admin, expected_version=done.version)
    _backdate(done, sent_days_ago=20, answer_hours=3)
    session.flush()
    return waiting is not None
