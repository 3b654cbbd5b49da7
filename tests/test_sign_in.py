"""Signing in: the rate limit on attempts, the idle timeout, where each role lands."""

from __future__ import annotations

import html
import os
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine

from directory.web.navigation import HOME_ENDPOINTS
from tests.conftest import csrf_token


@pytest.mark.settings(DIRECTORY_LOGIN_RATE_LIMIT="3/minute")
def test_sign_in_attempts_are_limited_per_client(client, auth, make_user):
    user = make_user()
    for _attempt in range(3):
        assert auth.login(user.email, "wrong password, try again").status_code == 200
    # The fourth attempt in a minute is refused, even with the right password.
    refused = auth.login(user.email, user.password)
    assert refused.status_code == 429
    assert "Too many requests" in refused.get_data(as_text=True)
    assert "Sign out" not in client.get("/").get_data(as_text=True)


@pytest.mark.settings(DIRECTORY_LOGIN_RATE_LIMIT="3/minute")
def test_the_limit_counts_posts_only(client):
    for _visit in range(6):
        assert client.get("/login").status_code == 200


def test_a_bad_rate_limit_setting_is_refused_at_start_up(database_url):
    from directory import create_app
    from tests.conftest import app_settings

    with pytest.raises(ValueError, match="DIRECTORY_LOGIN_RATE_LIMIT"):
        create_app(app_settings(database_url, DIRECTORY_LOGIN_RATE_LIMIT="lots"))


@pytest.mark.settings(DIRECTORY_IDLE_TIMEOUT_MINUTES=30)
def test_idle_users_are_signed_out(client, auth, make_user):
    user = make_user()
    with time_machine.travel("2026-11-30 10:00:00+00:00", tick=False) as traveller:
        auth.login(user.email, user.password)
        assert "Sign out" in client.get("/").get_data(as_text=True)
        traveller.shift(timedelta(minutes=29))
        assert "Sign out" in client.get("/").get_data(as_text=True)  # activity resets the clock
        traveller.shift(timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302
        location = urlsplit(response.headers["Location"])
        assert location.path == "/login"
        page = html.unescape(client.get("/login").get_data(as_text=True))
        assert "signed out after a period of inactivity" in page
        assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_the_session_is_rotated_at_sign_in(client, auth, make_user):
    user = make_user()
    client.get("/login")
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    auth.login(user.email, user.password)
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("_user_id") == user.id


@pytest.mark.parametrize("role", ["admin", "coordinator", "agency"])
def test_each_role_lands_on_its_own_start_page(app, auth, make_user, make_organization, role):
    organizations = [make_organization()] if role == "agency" else []
    user = make_user(role=role, organizations=organizations)
    response = auth.login(user.email, user.password)
    expected = next((endpoint for endpoint in HOME_ENDPOINTS[role]
                     if endpoint in app.view_functions), "directory.home")
    with app.test_request_context():
        from flask import url_for

        assert urlsplit(response.headers["Location"]).path == url_for(expected)


def test_sign_out_needs_a_token(client, auth, make_user):
    user = make_user()
    auth.login(user.email, user.password)
    assert client.post("/logout", data={}).status_code == 400
    token = csrf_token(client.get("/login", follow_redirects=True).get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def test_signed_in_pages_are_never_cached(client, auth, make_user):
    user = make_user(role="coordinator")
    auth.login(user.email, user.password)
    for url in ("/coordinator", "/clients", "/referrals", "/reports/referrals"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    # Public pages stay cacheable by the browser.
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means no Redis here
        return False


@pytest.mark.skipif(not _redis_reachable() and os.environ.get("CI") != "true",
                    reason="no Redis on 127.0.0.1:6379")
def test_sign_in_attempts_are_counted_in_redis_across_app_servers(database_url, make_user):
    """Two app servers sharing Redis share one budget: guessing cannot be spread over them."""
    from directory import create_app
    from directory.ratelimit import existing_limiter
    from tests.conftest import AuthActions, app_settings, dispose_engines

    user = make_user()
    settings = dict(DIRECTORY_LOGIN_RATE_LIMIT="3/minute",
                    DIRECTORY_RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0",
                    RATELIMIT_KEY_PREFIX=f"test-login-{uuid.uuid4().hex}")
    servers = [create_app(app_settings(database_url, **settings)) for _ in range(2)]
    try:
        assert type(existing_limiter(servers[0]).storage).__name__ == "RedisStorage"
        signers = [AuthActions(server.test_client()) for server in servers]
        statuses = [signers[n % 2].login(user.email, "not the password!").status_code
                    for n in range(4)]
        assert statuses == [200, 200, 200, 429]
    finally:
        for server in servers:
            dispose_engines(server)
