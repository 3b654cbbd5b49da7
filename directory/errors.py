"""Domain errors raised by service functions; views turn them into messages or HTTP errors."""

from __future__ import annotations


class DirectoryError(Exception):
    """Base of every error a service function raises on purpose."""


class NotFound(DirectoryError):
    """The object does not exist or is outside the caller's reach (always shown as 404)."""
