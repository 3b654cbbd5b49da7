"""The one visibility rule, everywhere the public looks: organization and service pages,
search and the HSDS API. Unpublished services (new ones waiting for review, or unpublished by
an admin) and everything of an unpublished organization stay out of sight."""

from __future__ import annotations

import html

import pytest


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def api_ids(client, path: str, **query) -> set[str]:
    response = client.get(f"/api{path}", query_string={"per_page": 100, **query})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return {item["id"] for item in response.get_json()["contents"]}


@pytest.fixture
def catalog(make_organization, make_service):
    """A published organization with a listed, a waiting (unpublished) and a defunct service,
    and an unpublished organization with an otherwise listable service."""
    shown = make_organization(name="Lakeside Recovery Alliance")
    hidden = make_organization(name="Hidden Harbor Fellowship", published=False)
    return {
        "org": shown,
        "listed": make_service(organization=shown, name="Lakeside Peer Coaching"),
        "waiting": make_service(organization=shown, name="Lakeside Family Circle",
                                published=False),
        "defunct": make_service(organization=shown, name="Lakeside Old Meeting",
                                status="defunct"),
        "hidden_org": hidden,
        "orphan": make_service(organization=hidden, name="Harbor Sober Walks"),
    }


def test_organization_page_lists_only_listed_services(client, catalog):
    response = client.get(f"/organizations/{catalog['org'].id}")
    assert response.status_code == 200
    body = text_of(response)
    assert "Lakeside Peer Coaching" in body
    assert "Lakeside Family Circle" not in body
    assert "Lakeside Old Meeting" not in body
    # The heading counts what is shown.
    assert "1 service<" in body
    # And the hidden ones' own pages are 404, as their absence promises.
    assert client.get(f"/services/{catalog['waiting'].id}").status_code == 404
    assert client.get(f"/services/{catalog['defunct'].id}").status_code == 404
    assert client.get(f"/services/{catalog['listed'].id}").status_code == 200


def test_unpublished_organization_is_hidden_with_its_services(client, catalog):
    hidden, orphan = catalog["hidden_org"], catalog["orphan"]
    assert client.get(f"/organizations/{hidden.id}").status_code == 404
    assert client.get(f"/services/{orphan.id}").status_code == 404

    search = text_of(client.get("/search", query_string={"place": "97204", "radius": "25"}))
    assert "Lakeside Peer Coaching" in search
    assert "Harbor Sober Walks" not in search
    keyword = text_of(client.get("/search", query_string={"place": "97204",
                                                          "keyword": "harbor"}))
    assert "Harbor Sober Walks" not in keyword


def test_api_shows_only_published_organizations_and_listed_services(client, catalog):
    organizations = api_ids(client, "/organizations")
    assert catalog["org"].id in organizations
    assert catalog["hidden_org"].id not in organizations
    assert client.get(f"/api/organizations/{catalog['hidden_org'].id}").status_code == 404

    services = api_ids(client, "/services")
    assert services == {catalog["listed"].id}
    for key in ("waiting", "defunct", "orphan"):
        assert client.get(f"/api/services/{catalog[key].id}").status_code == 404
    at_locations = client.get("/api/service_at_locations", query_string={"per_page": 100})
    assert {item["service_id"] for item in at_locations.get_json()["contents"]} == {
        catalog["listed"].id}

    # The published organization nests only its listed service, in every shape.
    for query in ({}, {"full_service": "true"}):
        body = client.get(f"/api/organizations/{catalog['org'].id}", query_string=query)
        assert body.status_code == 200
        assert [s["id"] for s in body.get_json()["services"]] == [catalog["listed"].id]
    listed = client.get("/api/organizations", query_string={"full_service": "true"}).get_json()
    (org,) = [item for item in listed["contents"] if item["id"] == catalog["org"].id]
    assert [s["id"] for s in org["services"]] == [catalog["listed"].id]


def test_unpublishing_a_service_takes_it_off_its_organization_page(app, client, catalog):
    from directory.catalog.models import Service
    from directory.database import session

    with app.app_context():
        session.get(Service, catalog["listed"].id).published = False
        session.commit()
    body = text_of(client.get(f"/organizations/{catalog['org'].id}"))
    assert "Lakeside Peer Coaching" not in body
    assert "0 services" in body
    search = text_of(client.get("/search", query_string={"place": "97204", "radius": "25"}))
    assert "Lakeside Peer Coaching" not in search
