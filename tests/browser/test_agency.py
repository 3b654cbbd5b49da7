"""An agency user on a phone updates the beds of their recovery house from the dashboard, and
the public page shows it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.accounts.service import create_user
from directory.catalog.models import Organization, Service
from directory.database import session

PASSWORD = "browser agency passphrase"


@pytest.fixture
def house_staff(live_app):
    """A housing service of the demo catalog and a new agency user of its organization."""
    with live_app.app_context():
        service = session.execute(
            select(Service).where(Service.beds_total >= 3, Service.status == "active",
                                  Service.published.is_(True))
            .order_by(Service.name).limit(1)).scalar_one()
        organization = session.get(Organization, service.organization_id)
        user = create_user("house.staff@browser.example.org", PASSWORD, "agency",
                           organizations=[organization])
        details = (service.id, service.name, service.beds_total, service.beds_available)
        session.commit()
        user_id = user.id
    yield details
    with live_app.app_context():
        from directory.accounts.models import User

        session.delete(session.get(User, user_id))
        session.get(Service, details[0]).beds_available = details[3]
        session.commit()


def test_agency_user_updates_beds_on_a_phone(phone_page, live_server, house_staff,
                                             console_errors, screenshot):
    service_id, name, total, before = house_staff
    beds = 1 if before != 1 else 2
    page = phone_page
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("house.staff@browser.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/agency$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Our listings"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    item = page.locator(f"#service-{service_id}")
    item.get_by_label("Beds available").fill(str(beds))
    item.get_by_label("Yes").check()
    item.get_by_role("button", name=re.compile("Save availability")).click()
    page.wait_for_url(re.compile(r"/agency"))
    assert "saved" in page.locator(".flashes").inner_text()
    screenshot(page, "agency-dashboard-phone")

    page.goto(f"{live_server}/services/{service_id}")
    badges = page.locator(".listing-header .badges").inner_text()
    assert f"{beds} bed" in badges
    assert "Availability updated" in page.locator("#availability-updated").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not console_errors
