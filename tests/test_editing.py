"""Editing listings through the pages: validation, the sensitive-change hold, stale saves,
new services, hours, locations and who may edit what."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.catalog.models import Location, MetadataRecord, Service
from directory.editing.models import PendingChange
from tests.conftest import csrf_token
from tests.factories import build_weekday_schedule


def _engine(app):
    with app.app_context():
        return app.extensions["directory"].db.engine


def _form_data(html: str) -> dict:
    """The values of a form page's inputs, selects and text areas, as a browser would send."""
    data: dict = {}
    for match in re.finditer(r"<input([^>]*)>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', match.group(1)))
        name = attrs.get("name")
        if not name:
            continue
        kind = attrs.get("type", "text")
        if kind in ("checkbox", "radio"):
            if "checked" in match.group(1):
                data.setdefault(name, []).append(attrs.get("value", "y"))
            continue
        data[name] = _unescape(attrs.get("value", ""))
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        options = re.findall(r"<option([^>]*)>", match.group(2))
        values = [re.search(r'value="([^"]*)"', o).group(1) for o in options]
        chosen = [v for o, v in zip(options, values, strict=True) if "selected" in o]
        value = chosen[0] if chosen else (values[0] if values else "")
        data[match.group(1)] = _unescape(value)
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[match.group(1)] = _unescape(match.group(2).lstrip("\n"))
    return data


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.fixture
def world(make_organization, make_service, make_user, auth):
    """Two organizations with a service each; an agency user of the first, an admin."""
    own = make_organization(name="Own Org")
    other = make_organization(name="Other Org")
    own_id, other_id = own.id, other.id
    service = make_service(organization=own, name="Own Coaching")
    other_service = make_service(organization=other, name="Other Coaching")
    agency = make_user(role="agency", organizations=[own])
    admin = make_user(role="admin")
    return {"own_id": own_id, "other_id": other_id, "service": service,
            "other_service": other_service,
            "agency": agency, "admin": admin}


def _edit(client, url: str, changes: dict, extra_remove=()):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = _form_data(page.get_data(as_text=True))
    for key in extra_remove:
        data.pop(key, None)
    data.update(changes)
    return client.post(url, data=data)


def test_agency_phone_change_is_held_until_an_admin_approves(app, client, auth, world):
    service = world["service"]
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/services/{service.id}",
                     {"phones-0-number": "(614) 555-0199", "description": "New words."})
    assert response.status_code == 302
    flashed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Waiting for review by an administrator: Phone numbers" in flashed
    assert "Published: Description" in flashed

    # The public still sees the old number, on the page and in the API; the description is live.
    public = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "503-555-0142" in public and "New words." in public
    assert "+16145550199" not in public
    api = client.get(f"/api/services/{service.id}").get_json()
    assert [p["number"] for p in api["phones"]] == ["503-555-0142"]

    with Session(_engine(app)) as session:
        change = session.execute(select(PendingChange)).scalar_one()
        assert (change.field_name, change.status) == ("phones", "pending")
        change_id = change.id

    auth.logout()
    auth.login(world["admin"].email, world["admin"].password)
    queue = client.get("/admin/changes").get_data(as_text=True)
    assert "Own Coaching" in queue and "Phone numbers" in queue
    diff = client.get(f"/admin/changes/{change_id}").get_data(as_text=True)
    assert 'class="diff-old">(503) 555-0142' in diff
    assert 'class="diff-new">(614) 555-0199' in diff
    assert world["agency"].email in diff
    token = csrf_token(diff)
    decided = client.post(f"/admin/changes/{change_id}/decide",
                          data={"csrf_token": token, "decision": "approve", "note": "ok"})
    assert decided.status_code == 302
    public = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "+16145550199" in public
    api = client.get(f"/api/services/{service.id}").get_json()
    assert [p["number"] for p in api["phones"]] == ["+16145550199"]
    with Session(_engine(app)) as session:
        rows = session.execute(select(MetadataRecord).where(
            MetadataRecord.field_name == "phones")).scalars().all()
        assert len(rows) == 1 and rows[0].updated_by == world["agency"].email
        assert "+16145550199" in rows[0].replacement_value


def test_admin_edits_apply_at_once_with_history(app, client, auth, world):
    service = world["service"]
    auth.login(world["admin"].email, world["admin"].password)
    response = _edit(client, f"/manage/services/{service.id}",
                     {"url": "Example.org/help", "name": "Renamed Coaching"})
    assert response.status_code == 302
    with Session(_engine(app)) as session:
        live = session.get(Service, service.id)
        assert live.url == "https://example.org/help" and live.name == "Renamed Coaching"
        assert session.execute(select(PendingChange)).first() is None
        rows = {r.field_name: r for r in session.execute(select(MetadataRecord)).scalars()}
        assert set(rows) == {"url", "name"}
        assert rows["name"].previous_value == "Own Coaching"
        assert rows["name"].last_action_type == "update"
        record_id = rows["name"].id
    history = client.get(f"/manage/organizations/{world['own_id']}/history")
    assert "Renamed Coaching" in history.get_data(as_text=True)
    token = csrf_token(history.get_data(as_text=True))
    reverted = client.post(f"/manage/history/{record_id}/revert", data={"csrf_token": token})
    assert reverted.status_code == 302
    with Session(_engine(app)) as session:
        assert session.get(Service, service.id).name == "Own Coaching"
        last = session.execute(select(MetadataRecord).where(
            MetadataRecord.last_action_type == "revert")).scalar_one()
        assert (last.previous_value, last.replacement_value) == ("Renamed Coaching",
                                                                 "Own Coaching")


@pytest.mark.parametrize("url_template", [
    "/manage/organizations/{org}", "/manage/services/{service}",
    "/manage/services/{service}/hours", "/manage/organizations/{org}/services/new",
    "/manage/organizations/{org}/locations/new", "/manage/organizations/{org}/history",
    "/manage/organizations/{org}/changes", "/manage/locations/{location}",
])
def test_agency_of_another_organization_gets_404(client, auth, world, url_template):
    other = world["other_service"]
    location_id = other.service_at_locations[0].location_id
    url = url_template.format(org=world["other_id"], service=other.id, location=location_id)
    auth.login(world["agency"].email, world["agency"].password)
    assert client.get(url).status_code == 404
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token}).status_code in (404, 405)


def test_stale_save_is_refused_with_the_current_values(app, client, auth, world):
    service = world["service"]
    auth.login(world["agency"].email, world["agency"].password)
    page = client.get(f"/manage/services/{service.id}")
    data = _form_data(page.get_data(as_text=True))
    with Session(_engine(app)) as session:
        session.get(Service, service.id).description = "Changed by a colleague."
        session.commit()
    data["name"] = "My rename"
    response = client.post(f"/manage/services/{service.id}", data=data)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else changed this listing" in html and "Changed by a colleague." in html
    with Session(_engine(app)) as session:
        assert session.get(Service, service.id).name == "Own Coaching"
    # Saving again (with the new token the page carries) goes through.
    again = client.post(f"/manage/services/{service.id}", data=_form_data(html))
    assert again.status_code == 302


@pytest.mark.settings(WTF_CSRF_ENABLED=True)
def test_missing_csrf_token_is_refused(app, client, auth, world):
    auth.login(world["agency"].email, world["agency"].password)
    data = _form_data(client.get(f"/manage/services/{world['service'].id}").get_data(
        as_text=True))
    data.pop("csrf_token")
    data["name"] = "Sneaky"
    response = client.post(f"/manage/services/{world['service'].id}", data=data)
    assert response.status_code in (400, 200)
    with Session(_engine(app)) as session:
        assert session.get(Service, world["service"].id).name == "Own Coaching"


def test_new_service_waits_unpublished_until_approved(app, client, auth, world):
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/organizations/{world['own_id']}/services/new",
                     {"name": "Family Evenings", "description": "Family education."})
    assert response.status_code == 302
    with Session(_engine(app)) as session:
        service = session.execute(select(Service).where(
            Service.name == "Family Evenings")).scalar_one()
        assert service.published is False
        service_id = service.id
        change = session.execute(select(PendingChange)).scalar_one()
    assert client.get(f"/services/{service_id}").status_code == 404
    assert client.get(f"/api/services/{service_id}").status_code == 404
    auth.logout()
    auth.login(world["admin"].email, world["admin"].password)
    token = csrf_token(client.get(f"/admin/changes/{change.id}").get_data(as_text=True))
    client.post(f"/admin/changes/{change.id}/decide",
                data={"csrf_token": token, "decision": "approve"})
    assert client.get(f"/services/{service_id}").status_code == 200


def test_hours_with_two_ranges_and_a_closure(app, client, auth, world):
    service = world["service"]
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/services/{service.id}/hours", {
        "time_zone": "America/Chicago",
        "MO-0-opens": "09:00", "MO-0-closes": "12:00",
        "MO-1-opens": "13:00", "MO-1-closes": "17:00",
        "closures-0-starts": "2026-12-25", "closures-0-note": "Christmas",
    })
    assert response.status_code == 302
    public = client.get(f"/services/{service.id}").get_data(as_text=True)
    assert "Closed 2026-12-25: Christmas" in public
    with Session(_engine(app)) as session:
        live = session.get(Service, service.id)
        sal = live.service_at_locations[0]
        monday = sorted((s.opens_at, s.closes_at) for s in sal.schedules if s.byday == "MO")
        assert monday == [("09:00", "12:00"), ("13:00", "17:00")]
        assert sal.location.time_zone == "America/Chicago"
        assert session.execute(select(MetadataRecord.field_name)).scalars().all() == ["hours"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"MO-0-opens": "17:00", "MO-0-closes": "09:00"}, "It closes before it opens"),
    ({"MO-0-opens": "09:00", "MO-0-closes": "13:00", "MO-1-opens": "12:00",
      "MO-1-closes": "17:00"}, "overlaps another"),
    ({"MO-0-opens": "09:00", "MO-0-closes": ""}, "Give both the opening and the closing time"),
    ({"time_zone": "Mars/Olympus"}, "Choose a time zone from the list"),
    ({"closures-0-starts": "2026-12-26", "closures-0-ends": "2026-12-24"},
     "cannot be before the first"),
])
def test_hours_validation(client, auth, world, changes, message):
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/services/{world['service'].id}/hours",
                     {"time_zone": "America/Chicago", **changes})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


GOOD_AND_BAD = [
    ("phones-0-number", "555", "This is not a phone number|not valid"),
    ("phones-0-number", "(503) 555-01", "not valid"),
    ("email", "not-an-email", "This is not a valid email address"),
    ("email", "a@b", "This is not a valid email address"),
    ("url", "ftp://example.org", "Only web addresses starting with http"),
    ("url", "javascript:alert(1)", "Only web addresses starting with http"),
    ("url", "not a url", "not a valid web address"),
    ("minimum_age", "-1", "Number must be"),
    ("maximum_age", "200", "Number must be"),
    ("beds_total", "-3", "Number must be"),
    ("narr_level", "V", "Not a valid choice"),
]


@pytest.mark.parametrize(("name", "value", "message"), GOOD_AND_BAD)
def test_service_field_validation_rejects(client, auth, world, name, value, message):
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/services/{world['service'].id}", {name: value})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert re.search(message, html), html[:200]
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(("changes", "message"), [
    ({"minimum_age": "30", "maximum_age": "20"}, "at least the minimum age"),
    ({"beds_total": "4", "beds_available": "5"}, "more beds available than beds in total"),
    ({"beds_total": "", "beds_available": "2"}, "Give the total number of beds too"),
])
def test_service_cross_field_rules(client, auth, world, changes, message):
    auth.login(world["agency"].email, world["agency"].password)
    response = _edit(client, f"/manage/services/{world['service'].id}", changes)
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize(("name", "value", "stored"), [
    ("url", "http://Example.org", "http://example.org/"),
    ("email", "Help@Example.ORG", "Help@example.org"),
    ("minimum_age", "18", 18),
    ("beds_total", "0", 0),
])
def test_service_field_validation_accepts(app, client, auth, world, name, value, stored):
    auth.login(world["admin"].email, world["admin"].password)
    response = _edit(client, f"/manage/services/{world['service'].id}", {name: value})
    assert response.status_code == 302
    with Session(_engine(app)) as session:
        assert getattr(session.get(Service, world["service"].id), name) == stored


def test_location_address_change_is_geocoded_confirmed_and_held(app, client, auth, world):
    location_id = world["service"].service_at_locations[0].location_id
    auth.login(world["agency"].email, world["agency"].password)
    url = f"/manage/locations/{location_id}"
    first = _edit(client, url, {"address_1": "500 Broadway", "city": "Denver",
                                "state_province": "CO", "postal_code": "80203"})
    assert first.status_code == 200
    html = first.get_data(as_text=True)
    assert 'id="pin-map"' in html and "Confirm and save" in html
    assert "Denver, CO" in html  # the nearest place, as text
    confirmed = client.post(url, data=_form_data(html))
    assert confirmed.status_code == 302
    with Session(_engine(app)) as session:
        location = session.get(Location, location_id)
        assert location.physical_address.city == "Portland"  # held
        change = session.execute(select(PendingChange)).scalar_one()
        assert change.field_name == "address" and '"Denver"' in change.proposed_value
        assert '"approximate": true' in change.proposed_value  # a ZIP centroid offline


def test_location_with_unknown_zip_needs_a_pin(client, auth, world):
    location_id = world["service"].service_at_locations[0].location_id
    auth.login(world["admin"].email, world["admin"].password)
    url = f"/manage/locations/{location_id}"
    first = _edit(client, url, {"address_1": "1 Nowhere Road", "city": "Nowhere",
                                "state_province": "ZZ", "postal_code": "00000"})
    html = first.get_data(as_text=True)
    assert "We could not place this address" in html
    second = client.post(url, data=_form_data(html))
    assert "Place the pin on the map or type its coordinates" in second.get_data(as_text=True)
    data = _form_data(second.get_data(as_text=True))
    data.update(latitude="45.5", longitude="-122.6")
    assert client.post(url, data=data).status_code == 302


@pytest.mark.parametrize(("name", "value", "message"), [
    ("postal_code", "9720", "5-digit ZIP"),
    ("postal_code", "ABCDE", "5-digit ZIP"),
    ("state_province", "Oregon", "exactly 2 characters"),
    ("latitude", "95", "Number must be"),
])
def test_location_validation(client, auth, world, name, value, message):
    location_id = world["service"].service_at_locations[0].location_id
    auth.login(world["admin"].email, world["admin"].password)
    response = _edit(client, f"/manage/locations/{location_id}", {name: value})
    assert message in response.get_data(as_text=True)


def test_new_location_by_agency_waits_whole(app, client, auth, world):
    auth.login(world["agency"].email, world["agency"].password)
    url = f"/manage/organizations/{world['own_id']}/locations/new"
    first = _edit(client, url, {"name": "North House", "address_1": "1 Pine St",
                                "city": "Portland", "state_province": "OR",
                                "postal_code": "97209"})
    response = client.post(url, data=_form_data(first.get_data(as_text=True)))
    assert response.status_code == 302
    with Session(_engine(app)) as session:
        assert session.execute(select(Location).where(Location.name == "North House")).first() \
            is None
        change = session.execute(select(PendingChange)).scalar_one()
    pending = client.get(f"/manage/organizations/{world['own_id']}/changes")
    assert "North House" in pending.get_data(as_text=True)
    auth.logout()
    auth.login(world["admin"].email, world["admin"].password)
    token = csrf_token(client.get(f"/admin/changes/{change.id}").get_data(as_text=True))
    client.post(f"/admin/changes/{change.id}/decide",
                data={"csrf_token": token, "decision": "approve"})
    with Session(_engine(app)) as session:
        location = session.get(Location, change.resource_id)
        assert location.name == "North House" and location.physical_address.postal_code == "97209"


def test_hours_schedules_helper_roundtrip(make_service):
    # The factory's weekday schedule reads back as one range per weekday.
    service = make_service(schedules=[build_weekday_schedule("08:00", "16:00")])
    assert service.service_at_locations[0].schedules[0].byday == "MO,TU,WE,TH,FR"


def test_stored_e164_phones_show_as_written_and_an_unchanged_save_holds_nothing(
        app, client, auth, world):
    service = world["service"]
    with Session(_engine(app)) as session:
        stored = session.get(Service, service.id)
        stored.phones[0].number = "+13125550147"
        session.commit()
    auth.login(world["agency"].email, world["agency"].password)
    form = client.get(f"/manage/services/{service.id}").get_data(as_text=True)
    assert 'value="(312) 555-0147"' in form and "+13125550147" not in form
    response = _edit(client, f"/manage/services/{service.id}", {})
    assert response.status_code == 302
    with Session(_engine(app)) as session:
        assert session.execute(select(PendingChange)).first() is None
        assert session.get(Service, service.id).phones[0].number == "+13125550147"


def test_an_organization_sets_its_own_referral_response_window(app, client, auth, world):
    auth.login(world["agency"].email, world["agency"].password)
    url = f"/manage/organizations/{world['own_id']}"
    refused = _edit(client, url, {"referral_response_days": "45"})
    assert refused.status_code == 200  # the form again, with the message by the field
    assert "between 1 and 20" in _unescape(refused.get_data(as_text=True))
    assert _edit(client, url, {"referral_response_days": "4"}).status_code == 302
    with Session(_engine(app)) as session:
        from directory.catalog.models import Organization

        assert session.get(Organization, world["own_id"]).referral_response_days == 4
        history = session.execute(select(MetadataRecord).where(
            MetadataRecord.field_name == "referral_response_days")).scalar_one()
        assert history.replacement_value == "4"
