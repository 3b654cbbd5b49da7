"""Flask-Login wiring: loading the signed-in user."""

from __future__ import annotations

import time

from flask import Flask, current_app, flash, redirect, request, url_for
from flask import session as browser_session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, logout_user

from directory.accounts.models import User
from directory.database import session


def load_user(user_id: str) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


#: Session key holding when the signed-in user was last seen (seconds since the epoch).
LAST_SEEN_KEY = "directory_last_seen"


def enforce_idle_timeout():
    """Sign out a user idle for longer than ``DIRECTORY_IDLE_TIMEOUT_MINUTES`` (shared
    computers in clinics and libraries are common), then send them to sign in again."""
    if request.endpoint and request.endpoint.endswith(".static"):
        return None
    if not current_user.is_authenticated:
        return None
    now = time.time()
    limit = current_app.config["DIRECTORY_IDLE_TIMEOUT_MINUTES"] * 60
    last_seen = browser_session.get(LAST_SEEN_KEY)
    if limit and last_seen is not None and now - last_seen > limit:
        logout_user()
        browser_session.clear()
        flash(_("You were signed out after a period of inactivity. Please sign in again."),
              "info")
        if "directory_auth.login" in current_app.view_functions:
            return redirect(url_for("directory_auth.login", next=request.path))
        return None
    browser_session[LAST_SEEN_KEY] = now
    return None


def init_login(app: Flask) -> None:
    """Use the host's login manager when it has one; otherwise set up ours."""
    app.before_request(enforce_idle_timeout)
    if getattr(app, "login_manager", None) is not None:
        return
    manager = LoginManager(app)
    manager.user_loader(load_user)
    manager.login_view = "directory_auth.login"
    manager.login_message = _l("Please sign in to open that page.")
    manager.session_protection = "strong"
