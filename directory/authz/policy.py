"""The policy table: role × action → scope. The single place authorization is decided.

Scopes: ``NONE`` (never), ``OWN`` (only objects of the user's own reach: for agency staff, their
organizations' listings and the referrals sent to them; for coordinators, the clients, referrals
and plans they made), ``ANY`` (every object). An action a role may take on its own objects but
not on others' answers 404 for the others, so their existence is not disclosed.

Every view of the package declares one action with :func:`directory.authz.requires`, or is
listed in :data:`PUBLIC_ENDPOINTS`; ``tests/test_authorization.py`` walks ``app.url_map``
against this table, so a route without an entry fails the suite.
"""

from __future__ import annotations

NONE = "none"
OWN = "own"
ANY = "any"

ROLES = ("admin", "coordinator", "agency")


def _rule(admin: str, coordinator: str, agency: str) -> dict[str, str]:
    return {"admin": admin, "coordinator": coordinator, "agency": agency}


POLICY: dict[str, dict[str, str]] = {
    # --- signed-in basics ---
    "account.self": _rule(ANY, ANY, ANY),  # own account page, change own password
    # --- clients and consent (42 CFR Part 2) ---
    "client.list": _rule(ANY, OWN, NONE),
    "client.create": _rule(ANY, OWN, NONE),
    "client.view": _rule(ANY, OWN, NONE),
    "client.edit": _rule(ANY, OWN, NONE),
    "consent.record": _rule(ANY, OWN, NONE),
    "consent.revoke": _rule(ANY, OWN, NONE),
    # --- referrals ---
    "referral.create": _rule(ANY, OWN, NONE),  # draft and send (coordinator side)
    "referral.cancel": _rule(ANY, OWN, NONE),
    "referral.list": _rule(ANY, OWN, OWN),
    "referral.view": _rule(ANY, OWN, OWN),
    "referral.respond": _rule(ANY, NONE, OWN),  # accept, decline, progress, outcome
    "referral.note": _rule(ANY, OWN, OWN),
    "inbox.view": _rule(ANY, NONE, OWN),
    # --- support plans and check-ins ---
    "plan.list": _rule(ANY, OWN, NONE),
    "plan.create": _rule(ANY, OWN, NONE),
    "plan.view": _rule(ANY, OWN, NONE),
    "plan.edit": _rule(ANY, OWN, NONE),
    "checkin.record": _rule(ANY, OWN, NONE),
    "dashboard.coordinator": _rule(ANY, OWN, NONE),
    # --- reports, audit, outbox ---
    "report.view": _rule(ANY, OWN, NONE),
    "audit.view": _rule(ANY, NONE, NONE),
    "outbox.view": _rule(ANY, NONE, NONE),
    # --- listings kept by agencies ---
    "dashboard.agency": _rule(ANY, NONE, OWN),
    "organization.claim": _rule(NONE, NONE, ANY),  # ask to manage any organization
    "organization.propose": _rule(ANY, NONE, ANY),
    "listing.edit": _rule(ANY, NONE, OWN),  # organization, services, locations, hours...
    "listing.create": _rule(ANY, NONE, OWN),  # a new service or location of the organization
    "listing.verify": _rule(ANY, NONE, OWN),
    "listing.availability": _rule(ANY, NONE, OWN),
    "listing.history": _rule(ANY, NONE, OWN),
    "listing.revert": _rule(ANY, NONE, NONE),
    "listing.unpublish": _rule(ANY, NONE, NONE),
    "change.list_own": _rule(ANY, NONE, OWN),  # an agency's own pending changes
    # --- administration ---
    "admin.home": _rule(ANY, NONE, NONE),
    "claim.review": _rule(ANY, NONE, NONE),
    "change.review": _rule(ANY, NONE, NONE),
    "organization.merge": _rule(ANY, NONE, NONE),
    "user.manage": _rule(ANY, NONE, NONE),
    "quality.report": _rule(ANY, NONE, NONE),
}

#: Endpoints anyone may open, signed in or not (catalog, search, embed, read API, sign-in).
PUBLIC_ENDPOINTS: frozenset[str] = frozenset({
    "directory.static",
    "directory.home",
    "directory.category",
    "directory.service",
    "directory.organization",
    "directory_auth.login",
})

#: Whole blueprints that are public (the read-only catalog API, search and the widget).
PUBLIC_BLUEPRINTS: frozenset[str] = frozenset({
    "directory_api",
    "directory_search",
    "directory_embed",
})
