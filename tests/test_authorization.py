"""The policy table is the single place authorization is decided: walk every route of
``app.url_map`` for every role, on the user's own objects and on another organization's or
coordinator's, and check each answer against ``directory.authz.policy.POLICY``.

- A route without a policy entry (``@requires``) or a public listing fails the suite.
- Anonymous visitors are sent to sign in; a role whose scope is ``none`` gets 403; ``own`` gets
  the page for its own objects and 404 for anyone else's (their existence is not disclosed);
  ``any`` gets every object. No route answers with a server error.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from directory.accounts import service as accounts
from directory.accounts.models import Membership, User
from directory.authz import ANY, NONE, OWN, POLICY, PUBLIC_BLUEPRINTS, PUBLIC_ENDPOINTS
from directory.authz.core import route_action
from directory.catalog.models import Location, Organization, Service, ServiceAtLocation
from directory.clock import utc_now
from directory.notifications.models import OutboxMessage
from directory.plans.models import CheckIn, SupportPlan
from directory.referrals.models import Client, Consent, Referral
from tests.factories import DEFAULT_PASSWORD, build_address

ROLES = ("admin", "coordinator", "agency")

#: Which URL variables name the subject of which actions: an ``own`` scope is checked on these;
#: other variables (a public service to refer a client to, say) are context, not the subject.
SUBJECT_ARGS = {
    "client": {"client_id", "consent_id"},
    "consent": {"client_id", "consent_id"},
    "referral": {"referral_id"},
    "plan": {"plan_id", "client_id"},
    "checkin": {"checkin_id", "plan_id"},
    "listing": {"organization_id", "service_id", "location_id", "change_id"},
    "dashboard": {"organization_id", "service_id"},
    "change": {"organization_id", "change_id"},
}


def subject_args(action: str) -> set[str]:
    return SUBJECT_ARGS.get(action.split(".", 1)[0], set())


# --------------------------------------------------------------------------------------------
# Every route is declared
# --------------------------------------------------------------------------------------------


def is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC_ENDPOINTS or endpoint.split(".", 1)[0] in PUBLIC_BLUEPRINTS


def our_rules(app: Flask):
    """Our routes (the app's own ``static`` endpoint is Flask's, not ours)."""
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_every_route_has_a_policy_entry_or_is_public(app):
    undeclared = []
    for rule in our_rules(app):
        if is_public(rule.endpoint):
            continue
        action = route_action(app.view_functions[rule.endpoint])
        if action not in POLICY:
            undeclared.append(f"{rule.endpoint} ({rule.rule})")
    assert not undeclared, "routes without a policy entry: " + ", ".join(undeclared)


def test_every_policy_entry_names_every_role_with_a_known_scope():
    for action, rule in POLICY.items():
        assert set(rule) == set(ROLES), action
        assert set(rule.values()) <= {NONE, OWN, ANY}, action


def test_public_endpoints_exist(app):
    endpoints = {rule.endpoint for rule in our_rules(app)}
    assert endpoints >= PUBLIC_ENDPOINTS


# --------------------------------------------------------------------------------------------
# The world: two organizations, two coordinators, their clients, referrals and plans
# --------------------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User]
    #: URL variable -> (id of an object of the signed-in users' own reach, id of another's)
    ids: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: (endpoint, variable) -> (own id, other id) where a variable names another kind of row
    overrides: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)


def _optional_model(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def build_world(app: Flask) -> World:
    with app.app_context():
        engine = app.extensions["directory"].db.engine
        own_org_id, other_org_id = _build_catalog(engine)
        users = {}
        with Session(engine, expire_on_commit=False) as session:
            from directory.database import session as app_session

            for role in (*ROLES, "coordinator-2", "agency-2"):
                base_role = role.split("-")[0]
                user = accounts.create_user(f"{role}@walk.example.org", DEFAULT_PASSWORD,
                                            base_role, display_name=role.title())
                users[role] = user
            app_session.commit()
            for role, user in users.items():
                users[role] = session.get(User, user.id)
            session.add(Membership(user_id=users["agency"].id, organization_id=own_org_id))
            session.add(Membership(user_id=users["agency-2"].id, organization_id=other_org_id))
            session.commit()
        world = World(users=users)
        world.ids["organization_id"] = (own_org_id, other_org_id)
        _build_client_data(engine, world)
        _build_review_data(engine, world)
        return world


def _build_catalog(engine) -> tuple[str, str]:
    with Session(engine, expire_on_commit=False) as session:
        organizations = []
        for name in ("Own Recovery Mentors", "Other Family Counseling"):
            organization = Organization(name=name, description="Walk test",
                                        email=f"intake@{name.split()[0].lower()}.example.org",
                                        website=f"https://{name.split()[0].lower()}.example.org")
            location = Location(name=f"{name} office", location_type="physical",
                                latitude=45.52, longitude=-122.68,
                                time_zone="America/Los_Angeles",
                                addresses=[build_address()])
            organization.locations.append(location)
            service = Service(name=f"{name} service", status="active",
                              assured_date=date.today() - timedelta(days=5), beds_total=8,
                              beds_available=2)
            service.service_at_locations.append(ServiceAtLocation(location=location))
            organization.services.append(service)
            session.add(organization)
            organizations.append(organization)
        session.commit()
        return organizations[0].id, organizations[1].id


def _build_client_data(engine, world: World) -> None:
    own_org_id, other_org_id = world.ids["organization_id"]
    with Session(engine, expire_on_commit=False) as session:
        rows = {}
        for suffix, coordinator, org_id in (("own", "coordinator", own_org_id),
                                            ("other", "coordinator-2", other_org_id)):
            organization = session.get(Organization, org_id)
            service = organization.services[0]
            location = organization.locations[0]
            author = world.users[coordinator]
            client = Client(display_name=f"J. {suffix.title()}", preferred_contact="phone",
                            created_by_id=author.id)
            consent = Consent(client=client, disclosing_party="Walk Treatment Center",
                              recipient_organization_id=org_id, purpose="Referral",
                              information_scope="Name and contact", right_to_revoke_explained=True,
                              signature_method="attested", signed_on=date.today(),
                              expires_on=date.today() + timedelta(days=90),
                              recorded_by_id=author.id)
            plan = SupportPlan(client=client, created_by_id=author.id, title="Plan")
            referral = Referral(client=client, service_id=service.id, organization_id=org_id,
                                consent=consent, created_by_id=author.id, status="sent",
                                sent_at=utc_now())
            session.add_all([client, consent, plan, referral])
            session.flush()
            referral.plan_id = plan.id
            checkin = CheckIn(plan=plan, due_on=date.today())
            message = OutboxMessage(kind="walk", to_address="x@example.org", subject="s",
                                    body="b")
            session.add_all([checkin, message])
            session.flush()
            rows[suffix] = dict(client_id=client.id, consent_id=consent.id,
                                referral_id=referral.id, plan_id=plan.id,
                                checkin_id=checkin.id, service_id=service.id,
                                location_id=location.id, message_id=message.id)
        session.commit()
    for name in rows["own"]:
        world.ids[name] = (rows["own"][name], rows["other"][name])
    world.ids["user_id"] = (world.users["agency"].id, world.users["agency-2"].id)


def _build_review_data(engine, world: World) -> None:
    """Claims and pending changes, when the modules that keep them are installed."""
    own_org_id, other_org_id = world.ids["organization_id"]
    ClaimRequest = _optional_model("directory.claims.models", "ClaimRequest")
    PendingChange = _optional_model("directory.editing.models", "PendingChange")
    from directory.catalog.models import MetadataRecord

    with Session(engine, expire_on_commit=False) as session:
        if ClaimRequest is not None:
            claims = [ClaimRequest(user_id=world.users[user].id, organization_id=org,
                                   status="pending")
                      for user, org in (("agency", other_org_id), ("agency-2", own_org_id))]
            session.add_all(claims)
            session.flush()
            world.ids["claim_id"] = (claims[0].id, claims[1].id)
        if PendingChange is not None:
            changes = []
            for org, service in ((own_org_id, world.ids["service_id"][0]),
                                 (other_org_id, world.ids["service_id"][1])):
                change = PendingChange(resource_type="service", resource_id=service,
                                       organization_id=org, field_name="email",
                                       previous_value='"a@example.org"',
                                       proposed_value='"b@example.org"',
                                       submitted_by_id=world.users["agency"].id,
                                       status="pending")
                changes.append(change)
            session.add_all(changes)
            session.flush()
            world.ids["change_id"] = (changes[0].id, changes[1].id)
        records = [MetadataRecord(resource_id=service, resource_type="service",
                                  last_action_date=utc_now(), last_action_type="update",
                                  field_name="name", previous_value="Old name",
                                  replacement_value="New name", updated_by="walk@example.org")
                   for service in world.ids["service_id"]]
        session.add_all(records)
        session.commit()
        world.overrides[("directory_editing.revert", "change_id")] = (records[0].id,
                                                                      records[1].id)


# --------------------------------------------------------------------------------------------
# The walk
# --------------------------------------------------------------------------------------------


def sign_in(client, email: str) -> None:
    client.post("/login", data={"email": email, "password": DEFAULT_PASSWORD})
    assert client.get("/login").status_code == 302, f"{email} could not sign in"


def url_variants(app: Flask, rule, world: World) -> list[tuple[str, str]]:
    """[(variant, url)]: ``own`` objects for every variable, then ``other`` ones."""
    if not rule.arguments:
        return [("none", rule.rule)]
    variants = []
    for index, variant in enumerate(("own", "other")):
        values = {}
        for name in rule.arguments:
            ids = world.overrides.get((rule.endpoint, name)) or world.ids.get(name)
            if ids is None:
                pytest.fail(f"{rule.endpoint}: no test object for URL variable <{name}>")
            values[name] = ids[index]
        with app.test_request_context():
            from flask import url_for

            variants.append((variant, url_for(rule.endpoint, **values)))
    return variants


def expectation(role: str | None, action: str, rule, variant: str) -> str:
    """``login``, ``forbidden``, ``hidden`` (404) or ``allowed`` for this request."""
    if role is None:
        return "login"
    scope = POLICY[action][role]
    if scope == NONE:
        return "forbidden"
    if scope == ANY or variant != "other":
        return "allowed"
    if subject_args(action) & set(rule.arguments):
        return "hidden"
    return "allowed"


@dataclass
class Tally:
    checks: int = 0
    failures: list[str] = field(default_factory=list)


def walk(app: Flask, role: str | None, world: World) -> Tally:
    client = app.test_client()
    if role is not None:
        sign_in(client, world.users[role].email)
    tally = Tally()
    rules = sorted((rule for rule in our_rules(app) if not is_public(rule.endpoint)),
                   key=lambda rule: rule.rule)
    # Every read first, then the writes (a write may change what a later page shows).
    for method in ("GET", "POST"):
        for rule in rules:
            if method not in rule.methods or rule.endpoint == "directory_auth.logout":
                continue
            action = route_action(app.view_functions[rule.endpoint])
            for variant, url in url_variants(app, rule, world):
                expected = expectation(role, action, rule, variant)
                response = client.open(url, method=method, data={})
                tally.checks += 1
                problem = _check(expected, response)
                if problem:
                    tally.failures.append(
                        f"{role or 'anonymous'} {method} {rule.endpoint} [{variant}] "
                        f"({action}): expected {expected}, got {response.status_code} {problem}")
    return tally


def _check(expected: str, response) -> str | None:
    status = response.status_code
    if status >= 500:
        return "(server error)"
    if expected == "login":
        location = urlsplit(response.headers.get("Location", "")).path
        return None if status in (302, 401) and (status == 401 or location == "/login") else ""
    if expected == "forbidden":
        return None if status == 403 else ""
    if expected == "hidden":
        return None if status == 404 else ""
    return None if status not in (401, 403, 404) else ""


@pytest.mark.settings(WTF_CSRF_ENABLED=False, DIRECTORY_LOGIN_RATE_LIMIT="1000/minute")
@pytest.mark.parametrize("role", [None, *ROLES], ids=["anonymous", *ROLES])
def test_every_route_answers_as_the_policy_says(app, role):
    world = build_world(app)
    tally = walk(app, role, world)
    print(f"{role or 'anonymous'}: {tally.checks} requests checked against the policy")
    assert tally.checks > 0
    assert not tally.failures, f"{len(tally.failures)} of {tally.checks} checks failed:\n" + \
        "\n".join(tally.failures)
