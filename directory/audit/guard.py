"""The audit trail is append-only for the application.

A ``before_flush`` listener refuses any change to or deletion of an :class:`AuditEvent` that a
session would write, and a ``do_orm_execute`` listener refuses ``UPDATE``/``DELETE`` statements
aimed at the audit table through a session (``session.execute(update(AuditEvent)...)``).
Both raise :class:`AuditTamperingError` and the transaction goes no further.

This guards against mistakes in the application, not against someone holding the database
password. On PostgreSQL, production should also connect as a role without UPDATE and DELETE
on ``dir_audit_event`` (``REVOKE UPDATE, DELETE ON dir_audit_event FROM app_role``); nothing
else is needed in the schema.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from directory.audit.models import AuditEvent

AUDIT_TABLE = AuditEvent.__tablename__


class AuditTamperingError(RuntimeError):
    """Something tried to change or delete an audit row."""


def _refuse_changes(session: Session, _flush_context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, AuditEvent):
            raise AuditTamperingError("audit events cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, AuditEvent) and session.is_modified(obj):
            raise AuditTamperingError("audit events cannot be changed")


def _refuse_statements(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    mapper = state.bind_mapper
    if getattr(table, "name", None) == AUDIT_TABLE or (
            mapper is not None and mapper.class_ is AuditEvent):
        raise AuditTamperingError("audit events cannot be changed or deleted")


def install() -> None:
    """Listen on every session (idempotent)."""
    if not event.contains(Session, "before_flush", _refuse_changes):
        event.listen(Session, "before_flush", _refuse_changes)
    if not event.contains(Session, "do_orm_execute", _refuse_statements):
        event.listen(Session, "do_orm_execute", _refuse_statements)
