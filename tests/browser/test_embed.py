"""The embedded search as an agency's website shows it: the code from our snippet page pasted
into a page on another origin (a second small HTTP server on another port of 127.0.0.1), with
our /embed in its iframe, 320 px wide; and our other pages refusing to be framed there."""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS

EMBED_FRAME = "iframe[data-directory-embed]"
RESULT_CARDS = "ol.results > li.result"
SNIPPET = re.compile(r'<textarea id="snippet-code"[^>]*>(.*?)</textarea>', re.DOTALL)
#: What Chromium logs when a page refuses to be framed (the negative test's, on purpose).
REFUSED = re.compile(r"Refused to (display|frame)|frame-ancestors|X-Frame-Options")

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="icon" href="data:,">
  <title>Riverside County: recovery resources</title>
</head>
<body style="margin: 0; padding: 16px; font-family: Georgia, serif; background: #faf7f0">
  <h1 style="font-size: 20px">Riverside County: find recovery support</h1>
  <p>Search the regional directory below.</p>
  <div style="width: {width}px; border: 1px solid #999">
{body}
  </div>
  <p>County footer.</p>
</body>
</html>
"""


@dataclass
class HostSite:
    """Another origin's web server; ``pages`` maps a path to the HTML it serves."""

    url: str
    pages: dict[str, str] = field(default_factory=dict)

    def publish(self, path: str, body: str, width: int = 320) -> str:
        self.pages[path] = HOST_PAGE.format(width=width, body=body)
        return self.url + path


@pytest.fixture(scope="module")
def host_site():
    site = HostSite("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            body = site.pages.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_error(404)
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002 - quiet, as the signature is
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def snippet_code(live_server: str, **presets) -> str:
    """The code our snippet page gives for these presets, as an agency would copy it."""
    query = urlencode(presets, doseq=True)
    with urlopen(f"{live_server}/embed/snippet?{query}") as response:  # noqa: S310 - our server
        page = response.read().decode()
    return html.unescape(SNIPPET.search(page).group(1))


def first_screen(page, name: str) -> Path:
    """A screenshot of what fits in the window (the full page is many screens long)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def frame_page(page):
    """The embed's Playwright frame (to evaluate script in it)."""
    return next(frame for frame in page.frames if "/embed" in frame.url)


def fits_without_scrolling(page) -> bool:
    """The frame neither scrolls sideways at its width nor hides content below its height."""
    return frame_page(page).evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"
        " && document.documentElement.scrollHeight <= window.innerHeight + 1")


def test_search_by_zip_inside_an_iframe_on_another_site(
    page, live_server, host_site, console_errors, screenshot
):
    code = snippet_code(live_server, height=480)
    assert f'src="{live_server}/embed"' in code
    page.set_viewport_size({"width": 400, "height": 900})
    page.goto(host_site.publish("/plain.html", code))
    frame = page.frame_locator(EMBED_FRAME)
    expect(frame.get_by_role("heading", level=1)).to_have_text("Find recovery support")

    frame.get_by_label("Where are you looking?").fill("97209")
    frame.get_by_role("button", name="Search", exact=True).click()
    expect(frame.get_by_role("heading", level=1)).to_contain_text(
        "within 25 miles of Portland, OR 97209")
    cards = frame.locator(RESULT_CARDS)
    assert cards.count() >= 5
    assert frame.locator(f"{RESULT_CARDS} a[href^='tel:']").count() >= 3
    assert frame.locator(f"{RESULT_CARDS} .result-distance").count() == cards.count()
    first = cards.first.get_by_role("link").first
    assert first.get_attribute("target") == "_blank"
    assert "noopener" in first.get_attribute("rel")
    # Every link that leaves the search opens a new tab: our other pages refuse frames.
    for link in frame.locator("a[href^='/services/'], a[href^='/search'], .embed-footer a"
                              ":not([href^='tel:'])").all():
        assert link.get_attribute("target") == "_blank", link.get_attribute("href")

    # The snippet's listener sized the frame to its content (embed.js's message).
    iframe = page.locator(EMBED_FRAME)
    expect(iframe).not_to_have_attribute("style", re.compile(r"height: 480px"))
    page.wait_for_function(
        "f => parseInt(f.style.height) > 1000", arg=iframe.element_handle())
    assert fits_without_scrolling(page)
    screenshot(page, "embed-host-320")
    first_screen(page, "embed-host-320-top")
    frame.locator(".pagination").scroll_into_view_if_needed()
    first_screen(page, "embed-host-320-bottom")

    with page.context.expect_page() as new_tab:
        first.click()
    listing = new_tab.value
    listing.wait_for_load_state()
    assert re.search(r"/services/[0-9a-f-]{36}$", listing.url)
    expect(listing.get_by_role("heading", level=1)).to_be_visible()
    assert console_errors == []


def test_locked_presets_are_fixed_and_kept(page, live_server, host_site, console_errors,
                                           screenshot):
    code = snippet_code(live_server, category="recovery-housing", place="97209", radius="10",
                        lock=["category", "radius"])
    page.set_viewport_size({"width": 400, "height": 900})
    page.goto(host_site.publish("/housing.html", code))
    frame = page.frame_locator(EMBED_FRAME)
    # The presets search at once; the locked ones are said, not offered.
    expect(frame.get_by_role("heading", level=1)).to_contain_text(
        "within 10 miles of Portland, OR 97209")
    expect(frame.locator(".embed-fixed")).to_contain_text("Showing: Peer recovery housing")
    assert frame.locator("input[type=checkbox][name=category]").count() == 0
    assert frame.get_by_label("Within").count() == 0
    assert frame.get_by_label("Where are you looking?").input_value() == "97209"
    housing = frame.locator(RESULT_CARDS).count()
    assert housing >= 2
    first_screen(page, "embed-host-locked-320")

    # A visitor's own search keeps the site's locks.
    frame.get_by_label("Where are you looking?").fill("Portland, OR")
    frame.get_by_label("Keyword").fill("women")
    frame.get_by_label("Keyword").press("Enter")
    expect(frame.get_by_role("heading", level=1)).to_contain_text(
        "within 10 miles of Portland, OR")
    url = frame_page(page).url
    assert "category=recovery-housing" in url and "lock=category" in url and "radius=10" in url
    expect(frame.locator(".embed-fixed")).to_contain_text("Showing: Peer recovery housing")
    assert console_errors == []


def test_keyboard_only_in_the_frame(page, live_server, host_site, console_errors):
    page.set_viewport_size({"width": 400, "height": 900})
    page.goto(host_site.publish("/keyboard.html", snippet_code(live_server)))
    frame = page.frame_locator(EMBED_FRAME)
    expect(frame.get_by_role("heading", level=1)).to_be_visible()
    # From the host page, Tab goes into the frame, to the first field.
    page.locator("body").focus()
    page.keyboard.press("Tab")
    active = "document.activeElement.id || document.activeElement.tagName"
    assert frame_page(page).evaluate(active) == "field-place"
    page.keyboard.type("Chicago, IL")
    page.keyboard.press("Tab")
    assert frame_page(page).evaluate(active) == "field-radius"
    page.keyboard.press("Tab")
    assert frame_page(page).evaluate(active) == "field-keyword"
    page.keyboard.press("Tab")  # the "Kind of support" disclosure
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # ticks the first kind
    first_screen(page, "embed-host-kinds-320")
    frame.get_by_role("button", name="Search", exact=True).focus()
    page.keyboard.press("Enter")
    expect(frame.get_by_role("heading", level=1)).to_contain_text("Chicago, IL")
    assert "category=" in frame_page(page).url
    assert console_errors == []


def test_the_frame_works_without_javascript(browser, live_server, host_site, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        page.goto(host_site.publish("/nojs.html", snippet_code(live_server, height=900)))
        frame = page.frame_locator(EMBED_FRAME)
        frame.get_by_label("Where are you looking?").fill("97209")
        frame.get_by_role("button", name="Search", exact=True).click()
        expect(frame.get_by_role("heading", level=1)).to_contain_text("Portland, OR 97209")
        assert frame.locator(RESULT_CARDS).count() >= 5
        next_page = frame.get_by_role("link", name="Next")
        if next_page.count():
            next_page.click()
            expect(frame.get_by_text("Page 2", exact=True)).to_be_visible()
        screenshot(page, "embed-host-no-js")
    finally:
        context.close()


def test_other_pages_refuse_to_be_framed_by_another_site(page, live_server, host_site,
                                                         console_errors):
    frames = "\n".join(
        f'<iframe id="{name}" src="{live_server}{path}" title="{name}" width="300" height="200">'
        "</iframe>"
        for name, path in [("search", "/search?place=97209"), ("home", "/"),
                           ("snippet", "/embed/snippet")])
    page.goto(host_site.publish("/framing.html", frames))
    page.wait_for_load_state("load")
    for name, heading in [("search", "within 25 miles"), ("home", ""),
                          ("snippet", "Put the search on your website")]:
        frame = page.frame_locator(f"#{name}")
        assert frame.get_by_role("heading", name=re.compile(heading)).count() == 0, name
        assert frame.locator("form").count() == 0, name
    refused = [text for text in console_errors if REFUSED.search(text)]
    assert len(refused) >= 3, console_errors
    assert [text for text in console_errors if not REFUSED.search(text)] == []


def test_snippet_page_shows_code_and_a_live_preview(phone_page, live_server, console_errors,
                                                    screenshot):
    page = phone_page
    page.goto(f"{live_server}/embed/snippet")
    page.get_by_label("Peer recovery housing").check()
    page.get_by_label("Area to start with").fill("Chicago, IL")
    page.get_by_label("The kind of support").check()
    page.get_by_role("button", name="Make the code").click()
    code = page.get_by_label("Code for your page (HTML)")
    expect(code).to_have_value(re.compile(r"^<iframe src=\"http://127\.0\.0\.1:\d+/embed\?"))
    assert "lock=category" in code.input_value()
    expect(page.get_by_role("button", name="Copy the code")).to_be_visible()
    preview = page.frame_locator("iframe[data-embed-preview]")
    expect(preview.get_by_role("heading", level=1)).to_contain_text("Chicago, IL")
    expect(preview.locator(".embed-fixed")).to_contain_text("Peer recovery housing")
    page.wait_for_function(
        "f => parseInt(f.style.height) > 700",
        arg=page.locator("iframe[data-embed-preview]").element_handle())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first_screen(page, "embed-snippet-phone")
    screenshot(page, "embed-snippet-phone-full")
    assert console_errors == []
