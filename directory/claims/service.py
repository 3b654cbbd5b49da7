"""Claim verbs: ask to manage an organization, propose a new one, approve or reject.

An approval makes the user a member of the organization (and publishes a proposed one). A claim
is approved at once, without an admin, when ``DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN`` is on and the
user's *confirmed* email address is on the organization's own website domain.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from directory.accounts.models import Membership, User
from directory.catalog.models import Organization
from directory.claims.domains import email_matches_website
from directory.claims.models import ClaimRequest
from directory.clock import utc_now
from directory.database import session
from directory.errors import DirectoryError
from directory.stewardship.history import record_change

#: ``Organization.unpublished_reason`` of a proposed organization waiting for its approval.
PROPOSED = "proposed"


class ClaimError(DirectoryError):
    """The claim cannot be made or decided as asked."""


class AlreadyMember(ClaimError):
    """The user already manages this organization."""


class AlreadyPending(ClaimError):
    """The user has a claim on this organization waiting for an admin."""


class AlreadyDecided(ClaimError):
    """Someone decided this claim already."""


def is_member(user: User, organization: Organization) -> bool:
    """Whether ``user`` already manages ``organization``."""
    return any(m.organization_id == organization.id for m in user.memberships)


def pending_claim(user: User, organization: Organization) -> ClaimRequest | None:
    """The user's claim on ``organization`` waiting for a decision, if any."""
    return session.execute(
        select(ClaimRequest).where(ClaimRequest.user_id == user.id,
                                   ClaimRequest.organization_id == organization.id,
                                   ClaimRequest.status == "pending")
    ).scalar_one_or_none()


def qualifies_for_auto_approval(user: User, organization: Organization) -> bool:
    """Confirmed email on the organization's website domain, with the setting on."""
    return (bool(current_app.config["DIRECTORY_CLAIM_AUTO_APPROVE_DOMAIN"])
            and user.email_confirmed_at is not None
            and organization.published
            and email_matches_website(user.email, organization.website))


def request_claim(user: User, organization: Organization, message: str = "") -> ClaimRequest:
    """Ask to manage ``organization``; approved at once when the email domain proves it."""
    if is_member(user, organization):
        raise AlreadyMember(organization.id)
    if pending_claim(user, organization) is not None:
        raise AlreadyPending(organization.id)
    claim = ClaimRequest(user=user, organization=organization, message=message.strip(),
                         status="pending")
    session.add(claim)
    if qualifies_for_auto_approval(user, organization):
        _approve(claim, decided_by=None, note=None)
        claim.auto_approved = True
    session.flush()
    return claim


def propose_organization(user: User, values: dict, message: str = "") -> ClaimRequest:
    """Create an unpublished organization from ``values`` with a pending claim for ``user``.

    It stays hidden from the public until an admin approves the claim.
    """
    organization = Organization(
        name=values["name"].strip(),
        description=(values.get("description") or "").strip(),
        website=(values.get("website") or "").strip() or None,
        email=(values.get("email") or "").strip() or None,
        published=False,
        unpublished_reason=PROPOSED,
    )
    session.add(organization)
    session.flush()
    record_change("organization", organization.id, "__create__", None, organization.name,
                  user.email, action="create")
    claim = ClaimRequest(user=user, organization=organization, message=message.strip(),
                         status="pending")
    session.add(claim)
    session.flush()
    return claim


def _approve(claim: ClaimRequest, decided_by: User | None, note: str | None) -> None:
    claim.status = "approved"
    claim.decided_at = utc_now()
    claim.decided_by = decided_by
    claim.decision_note = note
    user, organization = claim.user, claim.organization
    if not is_member(user, organization):
        user.memberships.append(Membership(organization=organization))
    if not organization.published and organization.unpublished_reason == PROPOSED:
        # A proposed organization goes public with its approval (not one an admin took down).
        organization.published = True
        organization.unpublished_reason = None
        record_change("organization", organization.id, "published", False, True,
                      decided_by.email if decided_by else user.email)


def approve(claim: ClaimRequest, admin: User, note: str | None = None) -> None:
    """Approve a pending claim: the user becomes a member of the organization."""
    if claim.status != "pending":
        raise AlreadyDecided(claim.id)
    _approve(claim, admin, (note or "").strip() or None)
    session.flush()


def reject(claim: ClaimRequest, admin: User, note: str | None = None) -> None:
    """Refuse a pending claim (a proposed organization stays unpublished)."""
    if claim.status != "pending":
        raise AlreadyDecided(claim.id)
    claim.status = "rejected"
    claim.decided_at = utc_now()
    claim.decided_by = admin
    claim.decision_note = (note or "").strip() or None
    session.flush()


def claims_queue(status: str = "pending") -> list[ClaimRequest]:
    """Claims with ``status``, oldest first (the admin's queue)."""
    return list(session.execute(
        select(ClaimRequest).where(ClaimRequest.status == status)
        .order_by(ClaimRequest.created_at, ClaimRequest.id)
    ).scalars())


def recent_decisions(limit: int = 20) -> list[ClaimRequest]:
    """The latest decided claims, newest first."""
    return list(session.execute(
        select(ClaimRequest).where(ClaimRequest.status != "pending")
        .order_by(ClaimRequest.decided_at.desc(), ClaimRequest.id).limit(limit)
    ).scalars())


def pending_count() -> int:
    """How many claims wait for an admin."""
    return session.execute(
        select(func.count()).select_from(ClaimRequest).where(ClaimRequest.status == "pending")
    ).scalar_one()


def user_claims(user: User) -> list[ClaimRequest]:
    """The user's claims, newest first."""
    return list(session.execute(
        select(ClaimRequest).where(ClaimRequest.user_id == user.id)
        .order_by(ClaimRequest.created_at.desc(), ClaimRequest.id)
    ).scalars())


def search_organizations(text: str, limit: int = 20) -> list[Organization]:
    """Published organizations whose name contains ``text`` (to pick one to claim)."""
    words = [w for w in text.lower().split() if w][:6]
    if not words:
        return []
    statement = select(Organization).where(Organization.published.is_(True))
    for word in words:
        statement = statement.where(func.lower(Organization.name).contains(word, autoescape=True))
    return list(session.execute(statement.order_by(Organization.name).limit(limit)).scalars())
