"""Agency upkeep in a real browser, on a phone: staff update the beds available from their
dashboard, edit the weekly hours (live at once) and change the phone number (held for review);
an administrator approves the phone on a desktop, and the public page shows all three."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.accounts.models import Membership
from directory.accounts.service import create_user
from directory.catalog.models import Phone, Service, ServiceAtLocation
from directory.catalog.visibility import listed_service
from directory.database import session
from tests.browser.helpers import PASSWORD, no_horizontal_scroll, sign_in

AGENCY = "upkeep-agency@example.org"
ADMIN = "upkeep-admin@example.org"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@pytest.fixture(scope="module")
def housing(live_app):
    """A listed demo recovery house with beds, a phone line and a place, and its staff."""
    with live_app.app_context():
        service = session.execute(
            select(Service)
            .where(listed_service(), Service.beds_total > 2,
                   Service.id.in_(select(Phone.service_id)),
                   Service.id.in_(select(ServiceAtLocation.service_id)))
            .order_by(Service.name.desc()).limit(1)
        ).scalar_one()
        agency = create_user(AGENCY, PASSWORD, "agency", display_name="Upkeep Staff")
        session.add(Membership(user=agency, organization_id=service.organization_id))
        create_user(ADMIN, PASSWORD, "admin", display_name="Upkeep Admin")
        session.commit()
        beds = 1 if service.beds_available != 1 else 2
        return {"id": service.id, "name": service.name, "beds_total": service.beds_total,
                "beds": beds}




def test_agency_updates_beds_hours_and_phone_and_admin_approves(
        browser, phone_page, page, live_server, housing, console_errors, screenshot):
    service_id, name = housing["id"], housing["name"]

    # --- beds available, from the agency dashboard ----------------------------------------
    staff = phone_page
    sign_in(staff, live_server, AGENCY)
    staff.goto(live_server + "/agency")
    item = staff.locator(f"#service-{service_id}")
    assert item.get_by_role("heading", name=name).is_visible()
    item.get_by_label("Beds available").fill(str(housing["beds"]))
    assert no_horizontal_scroll(staff)
    screenshot(staff, "upkeep-1-dashboard-phone")
    item.get_by_role("button", name=re.compile("Save availability")).click()
    staff.wait_for_load_state()
    assert f"Availability of {name} saved." in staff.locator("main").inner_text()
    assert staff.locator(f"#service-{service_id}").get_by_label("Beds available").input_value() \
        == str(housing["beds"])

    # --- weekly hours: Monday to Friday 08:30–16:30, closed at the weekend --------------------
    staff.goto(live_server + f"/manage/services/{service_id}/hours")
    assert staff.get_by_role("heading", level=1).inner_text() == "Opening hours"
    for day in WEEKDAYS:
        rows = staff.locator(f"#day-{day} .form-row")
        for index in range(rows.count()):
            staff.locator(f"#{day}-{index}-opens").fill("")
            staff.locator(f"#{day}-{index}-closes").fill("")
        if day not in ("SA", "SU"):
            staff.locator(f"#{day}-0-opens").fill("08:30")
            staff.locator(f"#{day}-0-closes").fill("16:30")
    assert no_horizontal_scroll(staff)
    screenshot(staff, "upkeep-2-hours-phone")
    staff.get_by_role("button", name="Save the hours").click()
    staff.wait_for_load_state()
    assert "Published: Opening hours" in staff.locator("main").inner_text()

    # --- the phone number: held for review -------------------------------------------------
    staff.goto(live_server + f"/manage/services/{service_id}")
    staff.locator("#phones-0-number").fill("312-555-0147")
    staff.get_by_role("button", name="Save", exact=True).click()
    staff.wait_for_load_state()
    message = staff.locator("main").inner_text()
    assert "Waiting for review by an administrator: Phone numbers" in message, message
    assert no_horizontal_scroll(staff)
    screenshot(staff, "upkeep-3-phone-held-phone")
    public = staff.context.new_page()
    public.goto(live_server + f"/services/{service_id}")
    assert "(312) 555-0147" not in public.locator("main").inner_text()  # not before approval
    public.close()

    # --- an administrator approves it, on a desktop ---------------------------------------
    admin = page
    sign_in(admin, live_server, ADMIN)
    admin.goto(live_server + "/admin/changes")
    group = admin.locator("section.review-group", has_text=name)
    group.get_by_role("link", name="Phone numbers").click()
    admin.wait_for_url(re.compile(r"/admin/changes/[0-9a-f-]{36}$"))
    diff = admin.locator("table.diff").inner_text()
    assert "(312) 555-0147" in diff, diff
    screenshot(admin, "upkeep-4-review-desktop")
    admin.get_by_role("button", name="Approve").click()
    admin.wait_for_load_state()
    screenshot(admin, "upkeep-5-approved-desktop")

    # --- the public page shows the beds, the hours and the phone ---------------------------
    staff.goto(live_server + f"/services/{service_id}")
    main = staff.locator("main")
    beds = main.locator("dt:text('Beds') + dd").inner_text()
    assert f"{housing['beds']} of {housing['beds_total']} available" in beds, beds
    hours = main.locator("table.hours").first
    assert re.search(r"Monday\s+8:30\s?AM\s?–\s?4:30\s?PM", hours.inner_text()), \
        hours.inner_text()
    assert re.search(r"Saturday\s+Closed", hours.inner_text())
    phone = main.locator("a[href='tel:+13125550147']").first
    assert phone.inner_text() == "(312) 555-0147"
    assert no_horizontal_scroll(staff)
    screenshot(staff, "upkeep-6-public-phone")
    assert console_errors == []
