"""Public pages through the test client: home, categories, service and organization pages,
error pages. Data comes from the factories (and, for the walk-through, the demo catalog)."""

from __future__ import annotations

import html
import re
import warnings
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.factories import PLACES, build_weekday_schedule

SERVICE_LINK = re.compile(r'href="(/services/[0-9a-f-]{36})"')
CATEGORY_LINK = re.compile(r'href="(/categories/[^"#?]+)"')
ORGANIZATION_LINK = re.compile(r'href="(/organizations/[0-9a-f-]{36})"')


def page_text(response) -> str:
    """The page's HTML with entities decoded (``couldn&#39;t`` → ``couldn't``)."""
    return html.unescape(response.get_data(as_text=True))


def squash(text: str) -> str:
    """Whitespace runs (also no-break spaces, as in "9:00\u202fAM") made single spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def assert_our_error_page(response, code: int, title: str) -> None:
    body = page_text(response)
    assert response.status_code == code
    assert title in body
    assert f"Error {code}" in body
    assert "Skip to main content" in body  # our layout wraps it
    for leak in ("Traceback", "werkzeug", "sqlalchemy", "File \""):
        assert leak not in body


@pytest.fixture
def categories(make_taxonomy_term):
    """Two top-level categories, one with a sub-category."""
    housing = make_taxonomy_term(name="Peer recovery housing", code="housing",
                                 description="Alcohol- and drug-free homes.")
    certified = make_taxonomy_term(name="Certified recovery residences",
                                   code="housing.certified", parent=housing)
    coaching = make_taxonomy_term(name="Mentorship and peer recovery coaching",
                                  code="mentorship", description="Coaches and mentors.")
    return {"housing": housing, "certified": certified, "coaching": coaching}


# ---- home --------------------------------------------------------------------------------------


def test_home_without_data(client):
    response = client.get("/")
    assert response.status_code == 200
    body = page_text(response)
    assert "Find recovery support near you" in body
    assert "no categories yet" in body


def test_home_renders_without_deprecation_warnings(client, categories, make_service):
    make_service(terms=[categories["coaching"]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert client.get("/").status_code == 200


def test_home_lists_categories_with_counts(client, categories, make_service):
    for n in range(3):
        make_service(name=f"Coach {n}", terms=[categories["coaching"]])
    make_service(name="Harbor House", terms=[categories["certified"]])
    make_service(name="Closed forever", status="defunct", terms=[categories["coaching"]])
    page = squash(page_text(client.get("/")))
    assert "4 services from 5 organizations." in page
    body = page[page.index('<section id="categories"'):]
    housing = body.index("Peer recovery housing")
    coaching = body.index("Mentorship and peer recovery coaching")
    # Tiles in name order: "Mentorship..." before "Peer recovery housing".
    assert coaching < housing
    assert "3 services" in body[coaching:housing]
    assert "1 service" in body[housing:]
    assert 'href="/categories/housing.certified">Certified recovery residences</a>' in body
    assert "(1)" in body[housing:]
    assert 'href="/categories/mentorship"' in body


def test_home_counts_each_service_once_per_category(client, categories, make_service):
    make_service(terms=[categories["housing"], categories["certified"]])
    category = squash(page_text(client.get("/categories/housing")))
    assert re.search(r"\b1 service\b", category)  # the category page counts it once
    body = squash(page_text(client.get("/")))
    tile = body[body.index('href="/categories/housing">Peer recovery housing</a>'):]
    tile = tile[:tile.index('class="subcategories"')]
    assert re.search(r"\b1 service\b", tile), tile


# ---- category ----------------------------------------------------------------------------------


def test_category_lists_services_of_the_term_and_its_children(client, categories, make_service):
    make_service(name="Lighthouse Sober Living", terms=[categories["certified"]])
    make_service(name="Anchor House", terms=[categories["housing"]])
    make_service(name="Compass Coaching", terms=[categories["coaching"]])
    response = client.get("/categories/housing")
    assert response.status_code == 200
    body = squash(page_text(response))
    assert "<h1>Peer recovery housing</h1>" in body
    assert "2 services" in body
    assert body.index("Anchor House") < body.index("Lighthouse Sober Living")  # by name
    assert "Compass Coaching" not in body
    assert 'href="/categories/housing.certified"' in body  # narrow down

    child = squash(page_text(client.get("/categories/housing.certified")))
    assert "Lighthouse Sober Living" in child and "Anchor House" not in child
    assert 'href="/categories/housing">Peer recovery housing</a>' in child  # breadcrumb


def test_category_card_shows_address_and_availability(client, categories, make_service):
    make_service(name="Lighthouse Sober Living", terms=[categories["housing"]],
                 beds_total=8, beds_available=2, accepting_new_clients=True)
    body = squash(page_text(client.get("/categories/housing")))
    assert "Portland, OR" in body
    assert "2 beds available" in body
    assert "Accepting new clients" in body


@pytest.mark.settings(DIRECTORY_PAGE_SIZE=3)
def test_category_paginates(client, categories, make_service):
    names = [f"Recovery Coach {letter}" for letter in "ABCDEFG"]
    for name in reversed(names):
        make_service(name=name, terms=[categories["coaching"]])

    def services_on(page_number):
        body = page_text(client.get(f"/categories/mentorship?page={page_number}"))
        return re.findall(r"Recovery Coach [A-G]", body), squash(body)

    first, body = services_on(1)
    assert first == names[:3]
    assert "7 services" in body and "Page 1 of 3" in body
    assert 'rel="next" href="/categories/mentorship?page=2"' in body
    assert 'rel="prev"' not in body
    second, body = services_on(2)
    assert second == names[3:6]
    assert "Page 2 of 3" in body
    assert 'rel="prev" href="/categories/mentorship?page=1"' in body
    third, body = services_on(3)
    assert third == names[6:]
    assert 'rel="next"' not in body
    beyond, body = services_on(99)  # past the end: the last page
    assert beyond == names[6:] and "Page 3 of 3" in body


@pytest.mark.parametrize("page", ["abc", "2.5", "", "1e3"])
def test_category_bad_page_number_is_400(client, categories, page):
    response = client.get(f"/categories/mentorship?page={page}")
    assert_our_error_page(response, 400, "Something in that request was not right")


def test_unknown_category_is_404(client):
    response = client.get("/categories/no-such-category")
    assert_our_error_page(response, 404, "Page not found")


# ---- service -----------------------------------------------------------------------------------


@pytest.fixture
def housing_service(make_organization, make_location, make_service, categories):
    organization = make_organization(name="Lighthouse Recovery Homes")
    location = make_location(organization=organization, name="Lighthouse House",
                             place=PLACES[0], transportation="TriMet bus 15 stops outside.")
    return make_service(
        organization=organization,
        location=location,
        terms=[categories["housing"]],
        name="Lighthouse Sober Living",
        description="A twelve-bed recovery residence for women.",
        gender_eligibility="female",
        minimum_age=18,
        eligibility_description="Women in recovery from substance use.",
        fees_description="$150 per week, first week free.",
        free_of_charge=False,
        sliding_scale=True,
        accepts_medicaid=True,
        accepts_private_insurance=True,
        beds_total=12,
        beds_available=3,
        availability_updated_at=datetime.now(UTC) - timedelta(hours=3),
        allows_mat=True,
        narr_level="II",
        certifier="Oregon Recovery Residence Alliance",
        certificate_id="ORRA-2231",
        certification_expires=date(2027, 6, 30),
        assured_date=date.today() - timedelta(days=5),
        schedules=[
            build_weekday_schedule("09:00", "17:00"),
            build_weekday_schedule("20:00", "02:00", byday="FR"),
        ],
    )


def test_service_page_shows_the_listing(client, housing_service):
    response = client.get(f"/services/{housing_service.id}")
    assert response.status_code == 200
    body = squash(page_text(response))
    assert "<h1 id=\"service-title\">Lighthouse Sober Living</h1>" in body
    organization_link = f'href="/organizations/{housing_service.organization_id}"'
    assert f"{organization_link}>Lighthouse Recovery Homes</a>" in body
    assert "A twelve-bed recovery residence for women." in body
    # Address and map link.
    assert "Main Street" in body and "Portland, OR 97204" in body
    assert "openstreetmap.org/?mlat=45.51520&amp;mlon=-122.67840" in response.get_data(as_text=True)
    assert "TriMet bus 15 stops outside." in body
    # Phone as a tel: link.
    assert '<a href="tel:+15035550142">503-555-0142</a>' in body
    # Hours in the location's own time zone.
    assert "local time, Pacific Time" in body
    assert '<th scope="row">Monday</th> <td>9:00 AM–5:00 PM</td>' in body
    assert ('<th scope="row">Friday</th> <td>9:00 AM–5:00 PM, 8:00 PM–2:00 AM '
            '<span class="muted">(next day)</span>') in body
    assert "<th scope=\"row\">Sunday</th> <td><span class=\"muted\">Closed</span>" in body
    # Who it is for, languages and cost.
    assert "Women only" in body
    assert "18 and older" in body
    assert "Women in recovery from substance use." in body
    assert "English, Spanish" in body
    assert "$150 per week, first week free." in body
    assert "Fees are reduced according to income." in body
    assert "Medicaid, Private insurance" in body
    assert "Free" not in body.split("Cost and payment")[1].split("</section>")[0].replace(
        "first week free", "")


def test_service_page_shows_housing_and_certification(client, housing_service):
    body = squash(page_text(client.get(f"/services/{housing_service.id}")))
    assert "Recovery housing" in body
    assert "3 of 12 available" in body
    assert "3 beds available" in body
    assert "updated 3 hours ago" in body
    assert "Welcome (MAT-friendly)" in body
    assert "NARR Level II, Oregon Recovery Residence Alliance" in body
    assert "certificate ORRA-2231" in body
    assert "expires Jun 30, 2027" in body


def test_service_page_without_housing_has_no_housing_section(client, make_service):
    service = make_service(name="Family Education Evenings")
    body = page_text(client.get(f"/services/{service.id}"))
    assert "Recovery housing" not in body
    assert "All genders" in body
    assert "Free" in body
    assert "None listed" in body  # insurance


def test_fresh_listing_is_verified(client, make_service):
    service = make_service(assured_date=date.today() - timedelta(days=3))
    body = squash(page_text(client.get(f"/services/{service.id}")))
    assert "Verified this month" in body
    assert "out of date" not in body
    assert f"Last verified on {service.assured_date.strftime('%B')}" in body
    assert f"{service.assured_date.day}, {service.assured_date.year}." in body


def test_listing_verified_months_ago_is_still_verified(client, make_service):
    service = make_service(assured_date=date.today() - timedelta(days=100))
    body = squash(page_text(client.get(f"/services/{service.id}")))
    assert "Verified 3 months ago" in body
    assert "out of date" not in body


def test_stale_listing_may_be_out_of_date(client, make_service):
    assured = date.today() - timedelta(days=400)
    service = make_service(assured_date=assured)
    body = squash(page_text(client.get(f"/services/{service.id}")))
    assert "May be out of date" in body
    assert "verified 13 months ago" in body
    assert "Verified this month" not in body
    assert f"Last verified on {assured.strftime('%B')} {assured.day}, {assured.year}." in body


@pytest.mark.settings(DIRECTORY_STALE_AFTER_DAYS=30)
def test_stale_threshold_is_configurable(client, make_service):
    service = make_service(assured_date=date.today() - timedelta(days=45))
    assert "May be out of date" in page_text(client.get(f"/services/{service.id}"))


def test_never_verified_listing(client, make_service):
    service = make_service(assured_date=None)
    body = page_text(client.get(f"/services/{service.id}"))
    assert "Never verified — may be out of date" in body
    assert "This listing has never been verified." in body


def test_virtual_service(client, make_organization, make_location, make_service):
    organization = make_organization()
    online = make_location(organization=organization, name="Video meetings",
                           location_type="virtual", url="https://meet.example.org/recovery",
                           latitude=None, longitude=None)
    service = make_service(organization=organization, location=online,
                           name="Online All-Recovery Meeting")
    body = page_text(client.get(f"/services/{service.id}"))
    assert "Virtual" in body
    assert "Online or by phone." in body
    assert 'href="https://meet.example.org/recovery"' in body
    assert "Show on a map" not in body


def test_inactive_service_says_so_and_defunct_is_gone(client, make_service):
    paused = make_service(status="temporarily closed", alert="Closed for renovation.")
    body = page_text(client.get(f"/services/{paused.id}"))
    assert "Status: temporarily closed" in body
    assert "Closed for renovation." in body
    gone = make_service(status="defunct")
    assert_our_error_page(client.get(f"/services/{gone.id}"), 404, "Page not found")


def test_unknown_service_is_404(client):
    response = client.get("/services/00000000-0000-4000-8000-000000000000")
    assert_our_error_page(response, 404, "Page not found")
    assert "couldn't find that page" in page_text(response)


# ---- organization ------------------------------------------------------------------------------


def test_organization_page(client, make_organization, make_location, make_service):
    organization = make_organization(name="Bridgeway Family Services",
                                     alternate_name="Bridgeway", year_incorporated=1998,
                                     legal_status="Nonprofit", tax_status="501(c)(3)")
    location = make_location(organization=organization, name="Bridgeway Columbus",
                             place=PLACES[1])
    make_service(organization=organization, location=location, name="Family Counseling")
    make_service(organization=organization, location=location, name="Parent Education")
    make_service(organization=organization, location=location, name="Old Program",
                 status="defunct")
    response = client.get(f"/organizations/{organization.id}")
    assert response.status_code == 200
    body = squash(page_text(response))
    assert '<h1 id="org-title">Bridgeway Family Services</h1>' in body
    assert "Also known as Bridgeway" in body
    assert "1998" in body and "Nonprofit, 501(c)(3)" in body
    assert '<a href="tel:+15035550100">(503) 555-0100</a>' in body
    assert f'href="mailto:{organization.email}"' in body
    assert "Family Counseling" in body and "Parent Education" in body
    assert "Old Program" not in body
    assert "Bridgeway Columbus" in body and "Columbus, OH 43215" in body
    assert len(SERVICE_LINK.findall(body)) == 2


def test_unknown_organization_is_404(client):
    assert_our_error_page(client.get("/organizations/nope"), 404, "Page not found")


# ---- error pages -------------------------------------------------------------------------------


def test_unknown_url_is_our_404(client):
    assert_our_error_page(client.get("/no/such/page"), 404, "Page not found")


def test_wrong_method_is_our_405(client):
    assert_our_error_page(client.post("/"), 405, "That action isn't available here")


@pytest.mark.settings(PROPAGATE_EXCEPTIONS=False)
def test_500_page_leaks_nothing(app):
    def explode():
        raise RuntimeError("database password is hunter2 at /srv/secret.py")

    app.add_url_rule("/explode", view_func=explode)
    response = app.test_client().get("/explode")
    assert_our_error_page(response, 500, "Something went wrong on our side")
    body = page_text(response)
    assert "hunter2" not in body
    assert "RuntimeError" not in body
    assert "/srv/secret.py" not in body


# ---- the demo catalog --------------------------------------------------------------------------


def test_demo_catalog_walk_through(seeded_client):
    """Every category page of the demo catalog renders, and so do the services it lists."""
    home = seeded_client.get("/")
    assert home.status_code == 200
    categories = sorted(set(CATEGORY_LINK.findall(home.get_data(as_text=True))))
    assert len(categories) >= 4
    services: set[str] = set()
    for url in categories:
        response = seeded_client.get(url)
        assert response.status_code == 200, url
        services.update(SERVICE_LINK.findall(response.get_data(as_text=True)))
    assert len(services) >= 20
    organizations: set[str] = set()
    for url in sorted(services)[::3]:  # a third of them keeps the walk quick
        response = seeded_client.get(url)
        assert response.status_code == 200, url
        assert "Last verified on" in page_text(response) or "never been verified" in page_text(
            response)
        organizations.update(ORGANIZATION_LINK.findall(response.get_data(as_text=True)))
    for url in sorted(organizations)[:25]:
        assert seeded_client.get(url).status_code == 200, url


def test_demo_home_counts_match_the_category_pages(seeded_client):
    home = squash(page_text(seeded_client.get("/")))
    grid = home[home.index('<section id="categories"'):]
    tiles = re.findall(r'<h3><a href="/categories/([^"]+)">[^<]*</a></h3>.*?'
                       r'<p class="muted">(\d+) services?</p>', grid)
    assert len(tiles) >= 4
    mismatches = {}
    for code, shown in tiles:
        page = squash(page_text(seeded_client.get(f"/categories/{code}")))
        listed = int(re.search(r'<p role="status">(\d+) services?</p>', page).group(1))
        if listed != int(shown):
            mismatches[code] = (int(shown), listed)
    assert mismatches == {}
