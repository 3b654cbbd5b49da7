"""Confirming a user's email address with a signed, expiring link.

The token carries only the user id, signed with the app's ``SECRET_KEY`` and a salt of its own
(so no other signed value of the application can pass for it), and expires after
:data:`MAX_AGE_SECONDS`. Confirmation matters because claims trust the email's domain.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from directory.accounts.models import User
from directory.clock import utc_now
from directory.database import session
from directory.errors import DirectoryError
from directory.links import absolute_url
from directory.notifications.service import enqueue

SALT = "directory-email-confirmation"
MAX_AGE_SECONDS = 3 * 24 * 3600


class InvalidToken(DirectoryError):
    """The link is forged, damaged, expired or for an account that is gone."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user: User) -> str:
    """A signed token naming ``user`` (valid for :data:`MAX_AGE_SECONDS`)."""
    return _serializer().dumps(user.id)


def send_confirmation(user: User) -> None:
    """Queue the confirmation email with its link (in the caller's transaction)."""
    link = absolute_url("directory_claims.confirm_email", token=make_token(user))
    body = "\n\n".join([
        _("Please confirm this email address for your %(site)s account by opening this link:",
          site=current_app.config["DIRECTORY_SITE_NAME"]),
        link,
        _("The link works for 3 days. If you did not ask for it, you can ignore this email."),
    ])
    enqueue("account.confirm", user.email, _("Confirm your email address"), body,
            subject_type="user", subject_id=user.id)


def confirm(token: str) -> User:
    """Mark the email of the user the token names as confirmed; raises :class:`InvalidToken`."""
    try:
        user_id = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except (SignatureExpired, BadSignature) as error:
        raise InvalidToken() from error
    user = session.get(User, user_id) if isinstance(user_id, str) else None
    if user is None or not user.active:
        raise InvalidToken()
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utc_now()
    session.flush()
    return user
