"""The agency dashboard: availability in one step, confirming listings, and the limits of an
agency user's reach."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.catalog.models import MetadataRecord, Service
from directory.clock import today
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _service(app, service_id: str) -> Service:
    with Session(_engine(app), expire_on_commit=False) as db:
        return db.get(Service, service_id)


def _history(app, service_id: str) -> dict[str, MetadataRecord]:
    with Session(_engine(app)) as db:
        rows = db.execute(select(MetadataRecord).where(
            MetadataRecord.resource_id == service_id)).scalars().all()
        return {row.field_name: row for row in rows}


@pytest.fixture
def house(make_organization, make_service, make_user, auth, client):
    """A recovery house (8 beds, 2 free) of the signed-in agency user's organization, and a
    service of another organization."""
    organization = make_organization(name="Overlook Recovery Homes")
    service = make_service(organization=organization, name="Overlook House", beds_total=8,
                           beds_available=2, accepting_new_clients=True)
    coaching = make_service(organization=organization, name="Overlook Coaching",
                            assured_date=None)
    other = make_service(name="Someone Else's House", beds_total=4, beds_available=1)
    organization_id = organization.id
    agency = make_user(role="agency", email="staff@overlook.org", organizations=[organization])
    auth.login(agency.email, DEFAULT_PASSWORD)
    return {"service": service, "other": other, "organization_id": organization_id,
            "coaching": coaching, "user": agency}


def _availability(client, service_id: str, token: str, **values):
    prefix = f"s-{service_id}-"
    data = {prefix + "csrf_token": token}
    data.update({prefix + key: value for key, value in values.items()})
    return client.post(f"/agency/services/{service_id}/availability", data=data)


def test_dashboard_lists_own_services_with_forms(client, house):
    page = client.get("/agency")
    assert page.status_code == 200
    assert "Overlook House" in page.text and "Someone Else" not in page.text
    assert "Verified this month" in page.text
    assert f'id="s-{house["service"].id}-beds_available"' in page.text
    assert "Confirm this listing is accurate" in page.text


def test_availability_update_is_saved_recorded_and_public(app, client, house):
    service_id = house["service"].id
    token = csrf_token(client.get("/agency").text)
    response = _availability(client, service_id, token, beds_available="5", accepting="no",
                             waitlist_status="short")
    assert response.status_code == 302
    saved = _service(app, service_id)
    assert (saved.beds_available, saved.accepting_new_clients, saved.waitlist_status) == (
        5, False, "short")
    assert saved.availability_updated_at is not None
    history = _history(app, service_id)
    assert history["beds_available"].previous_value == "2"
    assert history["beds_available"].replacement_value == "5"
    assert history["beds_available"].updated_by == "staff@overlook.org"
    assert history["accepting_new_clients"].replacement_value == "false"
    assert history["waitlist_status"].replacement_value == "short"

    public = client.get(f"/services/{service_id}").text
    assert "5 beds available" in public and "Not accepting new clients" in public
    assert "Short waiting list" in public and "Availability updated" in public

    # The search index follows the change: the beds filter finds the house.
    found = client.get("/search.json", query_string={"place": "97204", "beds": "1",
                                                      "radius": "50"}).get_json()
    hits = {hit["id"]: hit for hit in found["results"]}
    assert hits[service_id]["beds_available"] == 5


def test_search_by_beds_drops_a_full_house(app, client, house):
    service_id = house["service"].id
    token = csrf_token(client.get("/agency").text)
    _availability(client, service_id, token, beds_available="0", accepting="yes",
                  waitlist_status="long")
    found = client.get("/search.json", query_string={"place": "97204", "beds": "1",
                                                      "radius": "50"}).get_json()
    assert service_id not in {hit["id"] for hit in found["results"]}


@pytest.mark.parametrize("beds", ["9", "-1", "many"])
def test_beds_out_of_range_are_refused(app, client, house, beds):
    service_id = house["service"].id
    token = csrf_token(client.get("/agency").text)
    response = _availability(client, service_id, token, beds_available=beds, accepting="yes",
                             waitlist_status="")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert _service(app, service_id).beds_available == 2
    assert "beds_available" not in _history(app, service_id)


def test_verify_and_verify_organization(app, client, house):
    service_id = house["service"].id
    second = house["coaching"]
    token = csrf_token(client.get("/agency").text)
    assert "Never verified" in client.get("/agency").text
    response = client.post(f"/agency/services/{service_id}/verify", data={"csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        assert _service(app, service_id).assured_date == today()
    assert _service(app, service_id).assurer_email == "staff@overlook.org"
    assert _history(app, service_id)["assured_date"].updated_by == "staff@overlook.org"

    client.post(f"/agency/organizations/{house['organization_id']}/verify",
                data={"csrf_token": token})
    assert _service(app, second.id).assured_date is not None
    assert "Never verified" not in client.get("/agency").text


def test_other_organizations_listings_are_not_found(app, client, house):
    other = house["other"]
    token = csrf_token(client.get("/agency").text)
    assert _availability(client, other.id, token, beds_available="0", accepting="no",
                         waitlist_status="").status_code == 404
    assert client.post(f"/agency/services/{other.id}/verify",
                       data={"csrf_token": token}).status_code == 404
    assert client.post(f"/agency/organizations/{other.organization_id}/verify",
                       data={"csrf_token": token}).status_code == 404
    assert _service(app, other.id).beds_available == 1


def test_posts_without_csrf_token_are_refused(app, client, house):
    service_id = house["service"].id
    assert client.post(f"/agency/services/{service_id}/availability", data={
        f"s-{service_id}-beds_available": "7", f"s-{service_id}-accepting": "yes"},
    ).status_code == 400
    assert client.post(f"/agency/services/{service_id}/verify").status_code == 400
    assert client.post(
        f"/agency/organizations/{house['organization_id']}/verify").status_code == 400
    assert _service(app, service_id).beds_available == 2


def test_agency_without_organization_can_find_one_to_claim(client, auth, make_user,
                                                           make_organization):
    organization = make_organization(name="Lakeside Peer Center")
    agency = make_user(role="agency")
    auth.login(agency.email, DEFAULT_PASSWORD)
    page = client.get("/agency", query_string={"q": "lakeside"})
    assert page.status_code == 200
    assert f"/organizations/{organization.id}/claim" in page.text


def test_admin_picks_an_organization(client, auth, make_user, make_service):
    service = make_service(name="Pick Me Coaching")
    admin = make_user(role="admin")
    auth.login(admin.email, DEFAULT_PASSWORD)
    page = client.get("/agency")
    assert service.organization_id in page.text
    panel = client.get("/agency", query_string={"organization_id": service.organization_id})
    assert "Pick Me Coaching" in panel.text and "Unpublish" in panel.text
