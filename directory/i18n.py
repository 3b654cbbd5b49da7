"""Locale selection for Flask-Babel."""

from __future__ import annotations

from flask import current_app, request


def select_locale() -> str | None:
    """The best of the configured languages for this request's ``Accept-Language``."""
    languages = current_app.config.get("DIRECTORY_LANGUAGES", ["en"])
    return request.accept_languages.best_match(languages) or languages[0]
