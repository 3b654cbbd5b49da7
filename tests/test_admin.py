"""The admin area: overview, users and roles, publishing and unpublishing listings, and the
data-quality report."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.accounts.models import User
from directory.catalog.models import MetadataRecord, Service
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _user(app, email: str) -> User | None:
    with Session(_engine(app)) as db:
        user = db.execute(select(User).where(User.email == email)).scalar_one_or_none()
        if user is not None:
            _ = [m.organization_id for m in user.memberships]
            db.expunge(user)
        return user


def _signed_in_admin(client, auth, make_user):
    admin = make_user(role="admin", email="boss@example.org")
    auth.login(admin.email, DEFAULT_PASSWORD)
    return admin


def test_home_counts_and_links(client, auth, make_user, make_service):
    make_service(assured_date=None)
    _signed_in_admin(client, auth, make_user)
    page = client.get("/admin")
    assert page.status_code == 200
    for link in ("/admin/claims", "/admin/users", "/admin/quality"):
        assert link in page.text


def test_create_user_with_role_and_organization(app, client, auth, make_user,
                                                make_organization):
    organization = make_organization(name="Bridgeway Peer Services")
    _signed_in_admin(client, auth, make_user)
    page = client.get("/admin/users/new")
    token = csrf_token(page.text)
    weak = client.post("/admin/users/new", data={
        "email": "new@bridgeway.org", "display_name": "New Staff", "role": "agency",
        "organizations": [organization.id], "password": "short", "csrf_token": token})
    assert weak.status_code == 200 and 'aria-invalid="true"' in weak.text
    assert _user(app, "new@bridgeway.org") is None
    response = client.post("/admin/users/new", data={
        "email": "new@bridgeway.org", "display_name": "New Staff", "role": "agency",
        "organizations": [organization.id], "password": "a long enough passphrase",
        "csrf_token": token})
    assert response.status_code == 302
    created = _user(app, "new@bridgeway.org")
    assert created.role == "agency"
    assert [m.organization_id for m in created.memberships] == [organization.id]
    assert "new@bridgeway.org" in client.get("/admin/users").text


def test_change_role_and_deactivate(app, client, auth, make_user, make_organization):
    organization = make_organization()
    staff = make_user(role="agency", organizations=[organization])
    _signed_in_admin(client, auth, make_user)
    page = client.get(f"/admin/users/{staff.id}")
    assert page.status_code == 200
    response = client.post(f"/admin/users/{staff.id}", data={
        "display_name": "Coordinator Now", "role": "coordinator",
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    changed = _user(app, staff.email)
    assert (changed.role, changed.active, changed.memberships) == ("coordinator", False, [])


def test_admin_cannot_demote_or_deactivate_themselves(app, client, auth, make_user):
    admin = _signed_in_admin(client, auth, make_user)
    page = client.get(f"/admin/users/{admin.id}")
    token = csrf_token(page.text)
    demote = client.post(f"/admin/users/{admin.id}", data={
        "display_name": "Boss", "role": "coordinator", "active": "y", "csrf_token": token})
    assert demote.status_code == 400 and "your own" in demote.text
    deactivate = client.post(f"/admin/users/{admin.id}", data={
        "display_name": "Boss", "role": "admin", "csrf_token": token})
    assert deactivate.status_code == 400
    me = _user(app, admin.email)
    assert (me.role, me.active) == ("admin", True)


def test_unpublish_and_publish_service(app, client, auth, make_user, make_service):
    service = make_service(name="Harbor Coaching")
    _signed_in_admin(client, auth, make_user)
    token = csrf_token(client.get("/admin").text)

    def visible() -> tuple[int, bool, int]:
        page = client.get(f"/services/{service.id}").status_code
        found = client.get("/search.json", query_string={"place": "97204", "radius": "50"})
        in_search = service.id in {hit["id"] for hit in found.get_json()["results"]}
        return page, in_search, client.get(f"/api/services/{service.id}").status_code

    assert visible() == (200, True, 200)
    refused = client.post(f"/admin/services/{service.id}/unpublish",
                          data={"reason": "", "csrf_token": token})
    assert refused.status_code == 302 and visible() == (200, True, 200)
    client.post(f"/admin/services/{service.id}/unpublish",
                data={"reason": "Reported closed by a caller", "csrf_token": token})
    assert visible() == (404, False, 404)
    with Session(_engine(app)) as db:
        saved = db.get(Service, service.id)
        assert saved.unpublished_reason == "Reported closed by a caller"
        assert db.execute(select(MetadataRecord).where(
            MetadataRecord.resource_id == service.id,
            MetadataRecord.field_name == "published")).scalar_one().replacement_value == "false"
    client.post(f"/admin/services/{service.id}/publish", data={"csrf_token": token})
    assert visible() == (200, True, 200)


def test_unpublish_and_publish_organization(client, auth, make_user, make_service):
    service = make_service()
    organization_id = service.organization_id
    _signed_in_admin(client, auth, make_user)
    token = csrf_token(client.get("/admin").text)
    client.post(f"/admin/organizations/{organization_id}/unpublish",
                data={"reason": "Duplicate of another listing", "csrf_token": token})
    assert client.get(f"/organizations/{organization_id}").status_code == 404
    assert client.get(f"/services/{service.id}").status_code == 404
    listed = client.get("/api/organizations", query_string={"per_page": 100}).get_json()
    assert organization_id not in {item["id"] for item in listed["contents"]}
    client.post(f"/admin/organizations/{organization_id}/publish", data={"csrf_token": token})
    assert client.get(f"/organizations/{organization_id}").status_code == 200
    assert client.get(f"/services/{service.id}").status_code == 200


def test_admin_posts_need_csrf_and_admin_role(client, auth, make_user, make_service):
    service = make_service()
    admin = _signed_in_admin(client, auth, make_user)
    assert client.post(f"/admin/services/{service.id}/unpublish",
                       data={"reason": "x"}).status_code == 400
    assert client.post(f"/admin/services/{service.id}/publish").status_code == 400
    assert client.post(f"/admin/users/{admin.id}", data={"role": "agency"}).status_code == 400
    assert client.get(f"/services/{service.id}").status_code == 200
    auth.logout()
    agency = make_user(role="agency")
    auth.login(agency.email, DEFAULT_PASSWORD)
    assert client.get("/admin").status_code == 403
    assert client.get("/admin/users").status_code == 403


def test_quality_report_lists_the_right_listings(client, auth, make_user, make_service,
                                                 make_organization, make_location):
    complete = make_service(name="Complete Listing")
    no_phone_org = make_organization(name="Phoneless Org", phones=[])
    no_phone = make_service(organization=no_phone_org, name="No Phone Listing", phones=[])
    no_hours = make_service(name="No Hours Listing", schedules=[])
    never = make_service(name="Never Verified Listing", assured_date=None)
    overdue = make_service(name="Overdue Listing", assured_date=date(2020, 1, 1))
    rough = make_location(name="Somewhere Near Downtown", approximate=True)
    empty = make_organization(name="Empty Shell Org")
    _signed_in_admin(client, auth, make_user)
    page = client.get("/admin/quality").text

    def section(name: str) -> str:
        start = page.index(f'id="{name}"')
        return page[start:page.index("</section>", start)]

    assert "No Phone Listing" in section("missing_phone")
    assert "No Hours Listing" in section("missing_hours")
    assert "Never Verified Listing" in section("never_verified")
    assert "Overdue Listing" in section("verification_overdue")
    assert "Somewhere Near Downtown" in section("approximate_locations")
    assert "Empty Shell Org" in section("organizations_without_services")
    assert "Complete Listing" not in page
    for listing in (no_phone, no_hours, never, overdue):
        assert listing.id in page  # each links to a page where it can be fixed
    assert rough.id in page or "Somewhere Near Downtown" in page
    assert empty.id in page and complete.id not in page


def test_other_admin_forms_refuse_a_missing_csrf_token(app, client, auth, make_user,
                                                       make_organization):
    keep, duplicate = make_organization(), make_organization()
    agency = make_user(role="agency")
    _signed_in_admin(client, auth, make_user)
    assert client.post("/admin/users/new", data={
        "email": "x@example.org", "role": "coordinator",
        "password": "a long enough passphrase"}).status_code == 400
    assert _user(app, "x@example.org") is None
    assert client.post(f"/admin/organizations/{keep.id}/merge", data={
        "duplicate_id": duplicate.id, "confirm": "y"}).status_code == 400
    assert client.post(f"/admin/organizations/{keep.id}/unpublish",
                       data={"reason": "x"}).status_code == 400
    assert client.post(f"/admin/organizations/{keep.id}/publish").status_code == 400
    with Session(_engine(app)) as db:
        from directory.catalog.models import Organization
        from directory.claims.models import ClaimRequest

        assert db.get(Organization, duplicate.id) is not None
        claim = ClaimRequest(user_id=agency.id, organization_id=keep.id, status="pending")
        db.add(claim)
        db.commit()
        claim_id = claim.id
    assert client.post(f"/admin/claims/{claim_id}/decide",
                       data={"decision": "approve"}).status_code == 400
    with Session(_engine(app)) as db:
        from directory.claims.models import ClaimRequest

        assert db.get(ClaimRequest, claim_id).status == "pending"
