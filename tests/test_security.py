"""Security headers, templates without inline script, CSRF, and signing in and out."""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from directory.paths import TEMPLATES_DIR
from tests.conftest import REPOSITORY_DIR, csrf_token
from tests.factories import DEFAULT_PASSWORD

TEMPLATE_FILES = sorted(Path(TEMPLATES_DIR).rglob("*.html"))
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=", re.IGNORECASE | re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.fixture
def site(make_taxonomy_term, make_service):
    """One listing so every kind of page exists; returns the URLs of our pages."""
    term = make_taxonomy_term(code="mentorship", name="Mentorship")
    service = make_service(terms=[term])
    return [
        "/",
        "/categories/mentorship",
        f"/services/{service.id}",
        f"/organizations/{service.organization_id}",
        "/login",
        "/services/00000000-0000-4000-8000-000000000000",  # 404 page
        "/categories/mentorship?page=x",  # 400 page
        "/no/such/page",
    ]


def assert_security_headers(response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, "no Content-Security-Policy"
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"same-origin", "no-referrer",
                                                    "strict-origin-when-cross-origin"}
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_page_has_security_headers(client, site):
    for url in site:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        assert_security_headers(response)
        assert "Strict-Transport-Security" not in response.headers, url


def test_static_files_have_security_headers(client):
    response = client.get("/assets/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)
    response.close()


@pytest.mark.settings(DIRECTORY_HSTS=True)
def test_hsts_only_when_configured(client, site):
    for url in site:
        hsts = client.get(url).headers.get("Strict-Transport-Security", "")
        assert hsts.startswith("max-age="), url
        assert int(hsts.split("=", 1)[1].split(";")[0]) >= 31536000


@pytest.mark.settings(DIRECTORY_SECURITY_HEADERS=False)
def test_security_headers_can_be_left_to_a_proxy(client):
    assert "Content-Security-Policy" not in client.get("/login").headers


def test_session_cookie_flags(auth, make_user):
    user = make_user()
    response = auth.login(user.email, user.password)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


# ---- templates ---------------------------------------------------------------------------------


def test_templates_were_found():
    assert len(TEMPLATE_FILES) >= 5
    assert any(path.name == "base.html" for path in TEMPLATE_FILES)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_template_has_no_inline_script(path):
    source = path.read_text(encoding="utf-8")
    for attributes in SCRIPT_TAG.findall(source):
        assert re.search(r"\bsrc\s*=", attributes), f"inline <script> in {path.name}"
    match = EVENT_HANDLER.search(source)
    assert match is None, f"inline event handler in {path.name}: {match and match.group(0)}"
    assert JAVASCRIPT_URL.search(source) is None, f"javascript: URL in {path.name}"
    assert "style=" not in source, f"inline style attribute in {path.name} (CSP style-src)"


def test_rendered_pages_have_no_inline_script(client, site):
    for url in site:
        body = client.get(url).get_data(as_text=True)
        for attributes in SCRIPT_TAG.findall(body):
            assert "src=" in attributes, url
        assert EVENT_HANDLER.search(body) is None, url


# ---- signing in and out ------------------------------------------------------------------------


def test_login_form_dependencies_are_declared():
    project = tomllib.loads((REPOSITORY_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    names = [re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0].lower().replace("_", "-")
             for dep in project["project"]["dependencies"]]
    extras = " ".join(project["project"]["dependencies"]).lower()
    assert "email-validator" in names or "wtforms[email]" in extras


def test_login_page_has_a_csrf_token(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert len(csrf_token(response.get_data(as_text=True))) > 20


def test_login_without_csrf_token_is_rejected(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": user.password})
    assert response.status_code == 400
    assert "Something in that request was not right" in html.unescape(
        response.get_data(as_text=True))
    # Not signed in.
    assert "Sign out" not in client.get("/login").get_data(as_text=True)


def test_login_with_a_forged_csrf_token_is_rejected(client, make_user):
    user = make_user()
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": user.password,
                                           "csrf_token": "forged-token"})
    assert response.status_code == 400


def test_login_with_a_bad_password_shows_an_error(auth, make_user):
    user = make_user()
    response = auth.login(user.email, "not the right password")
    assert response.status_code == 200
    body = html.unescape(response.get_data(as_text=True))
    assert "That email and password do not match an account." in body
    assert 'aria-invalid="true"' in body
    assert "not the right password" not in body  # the password is never echoed back


def test_login_with_an_unknown_email_shows_the_same_error(auth):
    response = auth.login("nobody@example.org", DEFAULT_PASSWORD)
    body = html.unescape(response.get_data(as_text=True))
    assert "That email and password do not match an account." in body


def test_login_and_logout(client, auth, make_user):
    user = make_user(role="coordinator", display_name="Casey Coordinator")
    response = auth.login(user.email, user.password)
    assert response.status_code == 302
    start_page = client.get(urlsplit(response.headers["Location"]).path)  # the role's own
    assert start_page.status_code == 200
    home = html.unescape(start_page.get_data(as_text=True))
    assert "Signed in as Casey Coordinator." in home
    assert "Sign out" in home
    # Signed in: the login page sends people home.
    assert client.get("/login").status_code == 302

    response = auth.logout(follow_redirects=True)
    assert response.status_code == 200
    body = html.unescape(response.get_data(as_text=True))
    assert "You have signed out." in body
    assert "Sign out" not in body and "Staff sign in" in body


def test_logout_needs_post_and_a_token(client, auth, make_user):
    user = make_user()
    auth.login(user.email, user.password)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400  # no CSRF token
    assert "Sign out" in client.get("/").get_data(as_text=True)  # still signed in


def test_logout_when_signed_out_goes_to_login(client):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"


def test_login_follows_a_local_next(auth, make_user):
    user = make_user()
    response = auth.login(user.email, user.password, next_url="/categories/mentorship?page=2")
    assert response.status_code == 302
    assert response.headers["Location"] == "/categories/mentorship?page=2"


HOSTILE_NEXT = (
    "https://evil.example.com/phish",
    "//evil.example.com/phish",
    "http:evil.example.com",
    "javascript:alert(1)",
    "evil.example.com",
    "/\t/evil.example.com",
    "///evil.example.com",
    "https:/evil.example.com",
)


@pytest.mark.settings(DIRECTORY_LOGIN_RATE_LIMIT="100/minute")
def test_open_redirect_in_next_is_ignored(auth, make_user):
    user = make_user()
    start_page = auth.login(user.email, user.password).headers["Location"]
    assert start_page.startswith("/") and not start_page.startswith("//")
    auth.logout()
    for target in HOSTILE_NEXT:
        response = auth.login(user.email, user.password, next_url=target)
        assert response.status_code == 302, target
        assert response.headers["Location"] == start_page, target
        assert auth.logout().status_code == 302


def test_backslash_next_stays_on_this_site(auth, make_user):
    """Browsers read ``/\\host`` as ``//host``; the Location header must not carry it raw."""
    user = make_user()
    response = auth.login(user.email, user.password, next_url="/\\evil.example.com")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "\\" not in location
    assert urlsplit(location).netloc == ""
    assert not location.startswith("//")


def test_deactivated_user_is_signed_out(client, auth, app, make_user):
    user = make_user()
    auth.login(user.email, user.password)
    assert "Sign out" in client.get("/").get_data(as_text=True)
    with app.app_context():
        from directory.accounts.models import User
        from directory.database import session

        session.get(User, user.id).active = False
        session.commit()
    assert "Sign out" not in client.get("/").get_data(as_text=True)
