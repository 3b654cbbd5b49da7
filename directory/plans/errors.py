"""Errors the plan service raises; views show them on a field or as a message."""

from __future__ import annotations


class PlanError(Exception):
    """A plan action that cannot be done; ``message`` is translated, ``field`` optional."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PlanChanged(PlanError):
    """Someone saved the plan after this form was loaded (optimistic locking)."""
