"""Flask-Login wiring: loading the signed-in user."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager

from directory.accounts.models import User
from directory.database import session


def load_user(user_id: str) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def init_login(app: Flask) -> None:
    """Use the host's login manager when it has one; otherwise set up ours."""
    if getattr(app, "login_manager", None) is not None:
        return
    manager = LoginManager(app)
    manager.user_loader(load_user)
    manager.login_view = "directory_auth.login"
    manager.login_message = _l("Please sign in to open that page.")
    manager.session_protection = "strong"
