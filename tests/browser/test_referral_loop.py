"""The closed loop in a real browser: a coordinator finds a service and refers a client with
consent; agency staff accept it; the coordinator sees it accepted, builds a support plan,
records a check-in and prints the plan."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from directory.accounts.models import Membership
from directory.accounts.service import create_user
from directory.catalog.models import Organization, Service
from directory.catalog.visibility import listed_service
from directory.database import session
from tests.browser.helpers import PASSWORD, no_horizontal_scroll, sign_in


@pytest.fixture(scope="module")
def people(live_app):
    """A coordinator and agency staff of the organization of a Portland mentoring service."""
    with live_app.app_context():
        service = session.execute(
            select(Service).join(Organization)
            .where(listed_service(), Service.name.ilike("%mentor%"),
                   Organization.name.ilike("%Alberta%"))
            .order_by(Service.name).limit(1)
        ).scalar_one()
        create_user("loop-coordinator@example.org", PASSWORD, "coordinator",
            display_name="Loop Coordinator")
        agency = create_user("loop-agency@example.org", PASSWORD, "agency",
                             display_name="Loop Agency Staff")
        session.add(Membership(user=agency, organization_id=service.organization_id))
        session.commit()
        return {"service_id": service.id, "service_name": service.name,
                "organization": service.organization.name}




def test_coordinator_refers_agency_accepts_and_the_plan_prints(
        browser, page, live_server, people, console_errors, screenshot):
    # --- the coordinator finds the service and refers a new client ---------------------------
    sign_in(page, live_server, "loop-coordinator@example.org")
    page.goto(live_server + "/search?place=97211&q=mentor")
    result = page.locator("article", has=page.get_by_role("link", name=people["service_name"]))
    result.first.get_by_role("link", name=re.compile("Refer a client")).click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}/refer"))
    screenshot(page, "loop-1-refer-start")
    page.get_by_role("link", name=re.compile("Add a (new )?client")).first.click()
    page.get_by_label("Name or initials").fill("Q. L.")
    page.get_by_label("Preferred way to contact").select_option("phone")
    page.get_by_label("Phone (optional)").fill("503-555-0177")
    page.get_by_role("button", name=re.compile("Save|Add")).click()
    page.wait_for_url(re.compile(r"/refer\?"))
    # No consent yet: sending is not possible until one is recorded.
    assert page.get_by_role("button", name="Send referral").is_disabled()
    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Who may disclose the information").fill("Loop Treatment Center")
    page.get_by_label("Expires on").fill((date.today() + timedelta(days=90)).isoformat())
    page.get_by_label(re.compile("may revoke this consent")).check()
    page.get_by_label("I attest that the client signed or agreed").check()
    page.get_by_label("I confirm the client signed or agreed to this consent.").check()
    page.get_by_label("Date signed").fill(date.today().isoformat())
    screenshot(page, "loop-2-consent")
    page.get_by_role("button", name="Record consent").click()
    page.wait_for_url(re.compile(r"/refer\?"))
    assert "is on file" in page.locator("main").inner_text()
    page.get_by_label("Message to the agency (optional)").fill("Best reached after 3 pm.")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_url(re.compile(r"/referrals/[0-9a-f-]{36}$"))
    referral_url = page.url
    assert "Sent" in page.locator("main").inner_text()
    # Client names never travel in URLs.
    assert "Q. L." not in page.url and "Q.%20L." not in page.url
    screenshot(page, "loop-3-sent")

    # --- agency staff, on a phone, accept it from the inbox ----------------------------------
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    phone = context.new_page()
    sign_in(phone, live_server, "loop-agency@example.org")
    phone.goto(live_server + "/inbox")
    body = phone.locator("main").inner_text()
    assert people["service_name"] in body
    assert "42 CFR part 2" in body.replace("Part", "part")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "loop-4-inbox-phone")
    row = phone.locator("li, tr, article", has_text=people["service_name"]).first
    row.get_by_role("button", name="Accept").click()
    phone.wait_for_load_state()
    assert "Accepted" in phone.locator("main").inner_text()
    context.close()

    # --- the coordinator sees it accepted ------------------------------------------------------
    page.goto(referral_url)
    assert "Accepted" in page.locator("main").inner_text()
    screenshot(page, "loop-5-accepted")

    # --- ...builds a support plan around it and records a check-in ----------------------------
    page.get_by_role("link", name="Client record and consents").click()
    page.get_by_role("link", name="Start a support plan").click()
    page.get_by_label("Title").fill("First 90 days")
    page.get_by_label("Goals").fill("A mentor and weekly meetings.")
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_url(re.compile(r"/plans/[0-9a-f-]{36}$"))
    plan_url = page.url
    page.get_by_label("Referral", exact=True).select_option(index=1)
    page.get_by_role("button", name="Add to the plan").click()
    page.wait_for_url(plan_url)
    assert people["service_name"] in page.locator("#referrals-heading + *").inner_text()
    page.get_by_label("Starting from").fill((date.today() - timedelta(days=7)).isoformat())
    page.get_by_label("Weekly check-ins for (weeks)").fill("4")
    page.get_by_label("Then monthly for (months)").fill("2")
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_url(plan_url)
    checkins = page.locator("li.checkin")
    assert checkins.count() == 6
    first = checkins.first
    first.locator("summary").click()
    first.get_by_label("Made: we talked").check()
    first.get_by_label("Short note").fill("Met the mentor; going to meetings.")
    first.get_by_role("button", name="Record").click()
    page.wait_for_url(re.compile(re.escape(plan_url)))
    assert "Met the mentor; going to meetings." in page.locator("main").inner_text()
    screenshot(page, "loop-6-plan")

    # --- ...and prints the plan for the client -------------------------------------------------
    page.get_by_role("link", name="Printable plan").click()
    page.wait_for_url(re.compile(r"/plans/[0-9a-f-]{36}/print$"))
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    assert people["service_name"] in printed and people["organization"] in printed
    assert re.search(r"\(\d{3}\) \d{3}-\d{4}|\+1\d{10}", printed)  # the service's phone
    assert "Next check-in" in printed
    # Navigation and buttons stay off paper.
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "loop-7-print")
    assert console_errors == []
