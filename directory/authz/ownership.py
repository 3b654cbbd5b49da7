"""Owner checks for catalog objects: agency staff own their organizations' listings."""

from __future__ import annotations

from directory.authz.core import owner_check
from directory.catalog.models import Location, Organization, Service


def member_organization_ids(user) -> set[str]:
    """Ids of the organizations ``user`` is a member of (agency staff)."""
    return {membership.organization_id for membership in getattr(user, "memberships", [])}


@owner_check(Organization)
def _owns_organization(user, organization: Organization) -> bool:
    return user.role == "agency" and organization.id in member_organization_ids(user)


@owner_check(Service)
def _owns_service(user, service: Service) -> bool:
    return user.role == "agency" and service.organization_id in member_organization_ids(user)


@owner_check(Location)
def _owns_location(user, location: Location) -> bool:
    return user.role == "agency" and location.organization_id in member_organization_ids(user)


# --- client data: coordinators own what they made; agencies the referrals sent to them -------

from directory.plans.models import CheckIn, SupportPlan  # noqa: E402
from directory.referrals.models import Client, Consent, Referral, ReferralNote  # noqa: E402


@owner_check(Client)
def _owns_client(user, client: Client) -> bool:
    return user.role == "coordinator" and client.created_by_id == user.id


@owner_check(Consent)
def _owns_consent(user, consent: Consent) -> bool:
    return _owns_client(user, consent.client)


@owner_check(Referral)
def _owns_referral(user, referral: Referral) -> bool:
    if user.role == "coordinator":
        return referral.created_by_id == user.id
    if user.role == "agency":
        # Drafts are the coordinator's own until sent.
        return (referral.status != "draft"
                and referral.organization_id in member_organization_ids(user))
    return False


@owner_check(ReferralNote)
def _owns_note(user, note: ReferralNote) -> bool:
    return _owns_referral(user, note.referral)


@owner_check(SupportPlan)
def _owns_plan(user, plan: SupportPlan) -> bool:
    return user.role == "coordinator" and plan.created_by_id == user.id


@owner_check(CheckIn)
def _owns_checkin(user, checkin: CheckIn) -> bool:
    return _owns_plan(user, checkin.plan)
