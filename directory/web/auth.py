"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length

from directory.accounts import service as accounts
from directory.authz import requires
from directory.database import session as db_session
from directory.ratelimit import check_limit, limit_blueprint
from directory.web.blueprints import page_blueprint
from directory.web.navigation import home_endpoint

bp = page_blueprint("directory_auth", __name__, private=True)


def _login_limit() -> str:
    return current_app.config["DIRECTORY_LOGIN_RATE_LIMIT"]


@bp.record_once
def _limit_sign_in(state) -> None:
    # Password guessing: a budget of sign-in attempts per client address (Redis when configured).
    check_limit("DIRECTORY_LOGIN_RATE_LIMIT", state.app.config["DIRECTORY_LOGIN_RATE_LIMIT"])
    limit_blueprint(state.app, bp, _login_limit, "directory-login", methods=["POST"])


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


def _safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after signing in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint(current_user)))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("That email and password do not match an account."))
        else:
            db_session.commit()
            session.clear()  # a fresh session at sign-in: nothing carried over from before
            login_user(user)
            flash(_("Signed in as %(name)s.", name=user.display_name), "success")
            target = _safe_next(request.args.get("next")) or url_for(home_endpoint(user))
            return redirect(target)
    return render_template("directory/login.html", form=form)


@bp.post("/logout")
@requires("account.self")
def logout():
    logout_user()
    session.clear()
    flash(_("You have signed out."), "success")
    return redirect(url_for("directory.home"))
