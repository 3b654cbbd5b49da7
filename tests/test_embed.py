"""The embeddable search (/embed) and its snippet page (/embed/snippet) through the test client:
presets and locks, results, the framing rule (only /embed may be framed), and escaping of the
snippet. The browser side (a real iframe on another origin) is tests/browser/test_embed.py."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

# The geocode cache's table must be on the metadata before the suite creates its schema.
import directory.geo.models  # noqa: F401
from directory import create_app
from directory.web.security import frame_ancestors
from tests.conftest import app_settings
from tests.factories import PLACES

PORTLAND = PLACES[0]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=", re.IGNORECASE | re.DOTALL)
TEXTAREA = re.compile(r'<textarea id="snippet-code"[^>]*>(.*?)</textarea>', re.DOTALL)
RESULT_LINK = re.compile(r'<a href="/services/([0-9a-f-]{36})"([^>]*)>([^<]+)<')


def body(response) -> str:
    return response.get_data(as_text=True)


def directives(response) -> dict[str, str]:
    csp = response.headers.get("Content-Security-Policy", "")
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())


def snippet_of(response) -> str:
    """The snippet as an agency copies it (the textarea's text)."""
    match = TEXTAREA.search(body(response))
    assert match, "no snippet on the page"
    return html.unescape(match.group(1))


def iframe_query(snippet: str) -> dict[str, list[str]]:
    src = html.unescape(re.search(r'<iframe src="([^"]+)"', snippet).group(1))
    assert urlsplit(src).path == "/embed"
    return parse_qs(urlsplit(src).query)


@pytest.fixture
def coaching(make_taxonomy_term):
    return make_taxonomy_term(name="Mentorship and peer recovery coaching", code="mentorship")


@pytest.fixture
def housing(make_taxonomy_term):
    return make_taxonomy_term(name="Peer recovery housing", code="recovery-housing")


@pytest.fixture
def portland(make_service, make_location, coaching, housing):
    """Two coaching services and a recovery house around ZIP 97204."""
    near = make_location(place=PORTLAND, name="Old Town")
    middle = make_location(place=PORTLAND, name="Overlook", latitude=45.5600,
                           longitude=-122.6900)
    return {
        "near": make_service(name="Old Town Peer Coaching", location=near, terms=[coaching]),
        "second": make_service(name="Pearl Peer Coaching", location=middle, terms=[coaching]),
        "house": make_service(name="Overlook Recovery House", location=middle, terms=[housing],
                              beds_total=8, beds_available=3),
    }


# ---- the page ----------------------------------------------------------------------------------


def test_embed_is_a_compact_page_of_its_own(client, coaching):
    response = client.get("/embed")
    assert response.status_code == 200
    page = body(response)
    assert "Find recovery support" in page
    assert 'name="place"' in page and 'name="radius"' in page and 'name="keyword"' in page
    assert 'type="checkbox" name="category" value="mentorship"' in page
    assert 'method="get" action="/embed"' in page
    # No site chrome: the host page is the chrome.
    assert "site-header" not in page and "Staff sign in" not in page
    assert "/assets/js/embed.js" in page
    for attributes in SCRIPT_TAG.findall(page):
        assert "src=" in attributes
    assert not EVENT_HANDLER.search(page)


def test_presets_fill_the_form_and_search_at_once(client, portland):
    response = client.get("/embed", query_string={
        "place": "97204", "radius": "10", "category": "mentorship"})
    page = body(response)
    assert 'id="field-place" name="place" type="text" value="97204"' in page
    assert '<option value="10" selected>' in page
    # An unlocked category is a default: ticked, and the visitor may untick it.
    assert 'name="category" value="mentorship" checked' in page
    names = [name for _id, _attrs, name in RESULT_LINK.findall(page)]
    assert names == ["Old Town Peer Coaching", "Pearl Peer Coaching"]
    assert "2 services within 10 miles of Portland, OR 97204" in html.unescape(page)


def test_locked_presets_are_not_editable(client, portland):
    response = client.get("/embed", query_string=[
        ("place", "97204"), ("radius", "10"), ("category", "recovery-housing"),
        ("lock", "category"), ("lock", "place"), ("lock", "radius")])
    page = html.unescape(body(response))
    assert 'type="checkbox" name="category"' not in page
    assert 'id="field-place"' not in page and 'id="field-radius"' not in page
    assert '<input type="hidden" name="category" value="recovery-housing">' in page
    assert '<input type="hidden" name="place" value="97204">' in page
    assert '<input type="hidden" name="radius" value="10">' in page
    for lock in ("category", "place", "radius"):
        assert f'<input type="hidden" name="lock" value="{lock}">' in page
    assert "Showing: Peer recovery housing" in page
    assert "Within 10 miles" in page
    assert 'id="field-keyword"' in page  # what is not locked stays editable
    assert [name for _id, _a, name in RESULT_LINK.findall(page)] == ["Overlook Recovery House"]


def test_a_lock_without_a_usable_preset_is_ignored(client, portland):
    page = body(client.get("/embed", query_string=[
        ("lock", "category"), ("lock", "place"), ("lock", "bogus"), ("place", "Nowhereville, ZZ")]))
    # Nothing to fix: the chips stay; a place we cannot find stays editable, with the notice.
    assert 'type="checkbox" name="category" value="mentorship"' in page
    assert 'id="field-place"' in page
    assert "find" in html.unescape(page) and "Nowhereville" in html.unescape(page)
    assert 'value="bogus"' not in page


def test_results_show_the_essentials_and_open_listings_in_a_new_tab(client, portland):
    page = body(client.get("/embed", query_string={"place": "97204"}))
    links = RESULT_LINK.findall(page)
    assert len(links) == 3
    for _id, attributes, _name in links:
        assert 'target="_blank"' in attributes and 'rel="noopener"' in attributes
    text = html.unescape(page)
    assert re.search(r"<strong>\d+\.\d miles?</strong>", text)
    assert 'href="tel:+15035550142"' in page
    assert "3 beds available" in text
    assert "Open now" in text or "Closed now" in text
    assert "(opens in a new tab)" in text
    # "Powered by" the full directory, and the same search there; both in a new tab.
    assert re.search(r'Powered by <a href="/" target="_blank" rel="noopener">', page)
    assert re.search(r'<a href="/search\?place=97204" target="_blank" rel="noopener">', page)


def test_pages_keep_the_presets_locks_and_language(client, portland):
    response = client.get("/embed", query_string=[
        ("place", "97204"), ("category", "mentorship"), ("lock", "category"),
        ("per_page", "1"), ("lang", "en")])
    page = html.unescape(body(response))
    next_link = re.search(r'<a rel="next"[^>]*href="([^"]+)"', page).group(1)
    query = parse_qs(urlsplit(next_link).query)
    assert urlsplit(next_link).path == "/embed"
    assert query["page"] == ["2"] and query["category"] == ["mentorship"]
    assert query["lock"] == ["category"] and query["lang"] == ["en"] and query["per_page"] == ["1"]
    # The form carries them too, for the visitor's next search.
    assert '<input type="hidden" name="lang" value="en">' in page
    assert '<input type="hidden" name="per_page" value="1">' in page


def test_a_point_preset_is_the_sites_area_not_the_visitors_location(client, portland):
    page = html.unescape(body(client.get("/embed", query_string={
        "lat": "45.5152", "lon": "-122.6784", "lock": "place"})))
    assert "within 25 miles of the area this site chose" in page
    assert "your location" not in page
    assert '<input type="hidden" name="lat" value="45.5152">' in page


@pytest.mark.settings(DIRECTORY_LANGUAGES=["en", "es"])
def test_language_preset(client, coaching):
    assert '<html lang="es">' in body(client.get("/embed?lang=es"))
    # A language we do not offer is ignored; the browser's language decides.
    page = body(client.get("/embed?lang=fr"))
    assert '<html lang="en">' in page and 'name="lang"' not in page


# ---- framing: only /embed --------------------------------------------------------------------


def test_embed_may_be_framed_by_any_site(client, portland):
    response = client.get("/embed?place=97204")
    csp = directives(response)
    assert csp["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in response.headers
    # The rest of the policy stays as strict as everywhere else.
    assert csp["script-src"] == "'self'" and csp["object-src"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_other_page_refuses_frames(client, portland):
    service = portland["near"]
    for url in ["/", "/search", "/search?place=97204", f"/services/{service.id}",
                f"/organizations/{service.organization_id}", "/embed/snippet",
                "/assets/js/embed.js", "/embed/no-such-page", "/login"]:
        response = client.get(url)
        assert directives(response)["frame-ancestors"] == "'none'", url
        assert response.headers["X-Frame-Options"] == "DENY", url
        response.close()


@pytest.mark.settings(DIRECTORY_EMBED_ALLOWED_ORIGINS="https://county.example.gov, "
                      "https://*.health.example.org/")
def test_an_allow_list_limits_who_may_frame(client):
    response = client.get("/embed")
    assert directives(response)["frame-ancestors"] == (
        "'self' https://county.example.gov https://*.health.example.org")
    assert "X-Frame-Options" not in response.headers
    assert client.get("/search").headers["X-Frame-Options"] == "DENY"


def test_the_allow_list_accepts_origins_only(database_url):
    assert frame_ancestors("*") == "*"
    assert frame_ancestors(["http://127.0.0.1:8080"]) == "'self' http://127.0.0.1:8080"
    assert frame_ancestors("") == "'self'"
    for bad in ["https://a.example.org; script-src *", "javascript:", "https://a.org/path",
                "'unsafe-inline'", "data:"]:
        with pytest.raises(ValueError):
            frame_ancestors(bad)
    # A bad setting stops the app at start-up, not on every /embed.
    with pytest.raises(ValueError, match="DIRECTORY_EMBED_ALLOWED_ORIGINS"):
        create_app(app_settings(database_url, DIRECTORY_EMBED_ALLOWED_ORIGINS="x; y"))


@pytest.mark.settings(DIRECTORY_URL_PREFIX="/resources")
def test_under_a_url_prefix(client, portland):
    response = client.get("/resources/embed", query_string={"place": "97204", "per_page": "1"})
    page = body(response)
    assert directives(response)["frame-ancestors"] == "*"
    assert 'action="/resources/embed"' in page
    assert 'href="/resources/embed?place=97204&amp;per_page=1&amp;page=2"' in page
    assert 'href="/resources/services/' in page
    snippet = snippet_of(client.get("/resources/embed/snippet"))
    assert snippet.startswith('<iframe src="http://localhost/resources/embed" ')
    assert client.get("/resources/search").headers["X-Frame-Options"] == "DENY"


# ---- the snippet page ------------------------------------------------------------------------


def test_snippet_page_gives_the_iframe_and_listener(client, portland):
    response = client.get("/embed/snippet")
    assert response.status_code == 200
    snippet = snippet_of(response)
    assert snippet.startswith('<iframe src="http://localhost/embed" ')
    assert 'title="Find recovery support near you"' in snippet
    assert 'height="640"' in snippet
    assert 'event.origin !== "http://localhost"' in snippet
    assert 'data.type !== "directory-embed"' in snippet
    # The page itself shows it as text, with no live script of its own.
    page = body(response)
    assert "<textarea" in page and " readonly" in page
    for attributes in SCRIPT_TAG.findall(page):
        assert "src=" in attributes
    assert 'data-embed-preview' in page


def test_snippet_presets_and_locks(client, portland):
    response = client.get("/embed/snippet", query_string=[
        ("category", "recovery-housing"), ("category", "unknown"), ("place", "97204"),
        ("radius", "10"), ("lock", "category"), ("lock", "radius"), ("height", "900")])
    snippet = snippet_of(response)
    assert iframe_query(snippet) == {
        "place": ["97204"], "radius": ["10"], "category": ["recovery-housing"],
        "lock": ["category", "radius"]}
    assert 'height="900"' in snippet
    assert "1 service within 10 miles of Portland, OR 97204" in html.unescape(body(response))
    # The preset search, shown as an agency would see it.
    assert 'name="category" value="recovery-housing" checked' in body(response)


def test_snippet_locks_only_what_is_set(client, portland):
    snippet = snippet_of(client.get("/embed/snippet", query_string=[
        ("lock", "category"), ("lock", "place")]))
    assert "lock" not in iframe_query(snippet)


def test_snippet_escapes_what_it_carries(client, portland):
    snippet = snippet_of(client.get("/embed/snippet", query_string={"place": "O'Fallon, MO"}))
    # The quote is escaped in the attribute, and the address reads back as given.
    assert "O&#39;Fallon" in snippet
    assert iframe_query(snippet)["place"] == ["O'Fallon, MO"]


def test_snippet_refuses_a_place_it_cannot_find(client, portland):
    hostile = '97204 "><script>alert(1)</script>'
    page = body(client.get("/embed/snippet", query_string={"place": hostile}))
    assert "<script>alert" not in page
    assert "&#34;&gt;&lt;script&gt;" in page or "&quot;&gt;&lt;script&gt;" in page
    assert TEXTAREA.search(page) is None  # no code for a place we cannot find


def test_snippet_template_escapes_attributes_and_script_strings(app):
    from flask import render_template

    with app.test_request_context():
        code = render_template(
            "directory/embed/snippet.txt", src='https://x.example/embed?a=1&b="2"',
            origin="</script><script>alert(1)//", height=600, title='A "title" <b>')
    assert 'src="https://x.example/embed?a=1&amp;b=&#34;2&#34;"' in code
    assert 'title="A &#34;title&#34; &lt;b&gt;"' in code
    assert "</script><script>alert" not in code
    assert code.count("</script>") == 1


def test_snippet_form_errors_are_reported(client, portland):
    page = html.unescape(body(client.get("/embed/snippet", query_string={
        "radius": "500", "height": "abc"})))
    assert "Please check your choices" in page
    assert "Choose a distance from 1 to 100 miles." in page
    assert "Enter the height as a whole number, like 640." in page
    assert TEXTAREA.search(page) is None
