"""Locale selection for Flask-Babel."""

from __future__ import annotations

from flask import current_app, has_request_context, request


def select_locale() -> str | None:
    """The best of the configured languages for this request's ``Accept-Language``."""
    languages = current_app.config.get("DIRECTORY_LANGUAGES", ["en"])
    if not has_request_context():  # commands (emails queued by the CLI): the first language
        return languages[0]
    return request.accept_languages.best_match(languages) or languages[0]
