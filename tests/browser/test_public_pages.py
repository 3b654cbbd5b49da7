"""What a person sees: browsing to a service on a phone, by keyboard, without JavaScript."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from directory.accounts.service import create_user
from directory.catalog.models import Service
from directory.database import session


def _service_id(live_app, *conditions) -> str:
    with live_app.app_context():
        return session.execute(
            select(Service.id).where(*conditions).order_by(Service.name).limit(1)
        ).scalar_one()


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_visitor_browses_from_home_to_a_housing_listing(
    phone_page, live_server, console_errors, screenshot
):
    page = phone_page
    page.goto(live_server + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Find recovery support near you"
    assert _no_horizontal_scroll(page)
    screenshot(page, "home-phone")

    page.get_by_role("link", name="Peer recovery housing", exact=True).first.click()
    page.wait_for_url(re.compile(r"/categories/recovery-housing$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Peer recovery housing"
    cards = page.locator("article.card")
    assert cards.count() >= 5
    first = cards.first.get_by_role("link").first
    name = first.inner_text()
    first.click()

    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}$"))
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert page.get_by_role("heading", name="Recovery housing").is_visible()
    beds = page.locator("dt:text('Beds') + dd").inner_text()
    assert re.search(r"\d+ of \d+ available", beds)
    assert page.locator("table.hours caption").first.inner_text().startswith("Hours")
    assert page.locator("a[href^='tel:+1']").count() >= 1
    assert page.locator("address").first.is_visible()
    assert _no_horizontal_scroll(page)
    screenshot(page, "service-phone")
    assert console_errors == []


def test_keyboard_user_can_skip_to_the_content(page, live_server, console_errors):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.evaluate("getComputedStyle(document.activeElement).left") == "0px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert console_errors == []


def test_service_page_works_without_javascript(browser, live_server, live_app):
    service_id = _service_id(live_app, Service.beds_total.is_(None))
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    response = page.goto(f"{live_server}/services/{service_id}")
    assert response.status == 200
    assert page.get_by_role("heading", name="How to get in touch").is_visible()
    assert page.get_by_role("heading", name="Who it is for").is_visible()
    context.close()


def test_stale_listing_is_marked_as_possibly_out_of_date(page, live_server, live_app):
    cutoff = date.today() - timedelta(days=400)
    stale_id = _service_id(live_app, Service.assured_date < cutoff)
    page.goto(f"{live_server}/services/{stale_id}")
    assert page.get_by_text("May be out of date").is_visible()

    fresh_id = _service_id(live_app, Service.assured_date > date.today() - timedelta(days=200))
    page.goto(f"{live_server}/services/{fresh_id}")
    assert page.get_by_text("May be out of date").count() == 0
    assert page.locator(".badge-ok", has_text="Verified").is_visible()


def test_staff_member_signs_in_and_out(page, live_server, live_app, console_errors):
    with live_app.app_context():
        create_user("browser-coordinator@example.org", "correct horse battery staple",
                    "coordinator", "Casey Coordinator")
        session.commit()
    page.goto(live_server + "/")
    page.get_by_role("link", name="Staff sign in").click()
    page.get_by_label("Email").fill("browser-coordinator@example.org")
    page.get_by_label("Password").fill("wrong password entirely")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("That email and password do not match an account.").is_visible()

    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("Signed in as Casey Coordinator.").is_visible()
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_text("You have signed out.").is_visible()
    assert page.get_by_role("link", name="Staff sign in").is_visible()
    assert console_errors == []
