"""Keeping what people search for out of logs.

Search URLs carry the place and keyword (so results can be shared), so server request logs
must not: the development server's access log loses every query string. (gunicorn writes no
access log unless asked; if you enable one, use a format without ``%(q)s``/``%(U)s?%(q)s``.)
"""

from __future__ import annotations

import logging
import re

# A request line, quoted in a message or bare as a logging argument: "GET /search?q=x HTTP/1.1".
_QUERY_IN_REQUEST_LINE = re.compile(r'((?:^|")[A-Z]+ [^ ?"]*)\?[^ "]*')


class DropQueryStrings(logging.Filter):
    """Rewrites ``"GET /search?q=... HTTP/1.1"`` to ``"GET /search?… HTTP/1.1"``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _QUERY_IN_REQUEST_LINE.sub(r"\1?…", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = _QUERY_IN_REQUEST_LINE.sub(r"\1?…", record.msg)
        return True


def install_log_redaction() -> None:
    """Add the filter to the development server's request logger (once per process)."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
        logger.addFilter(DropQueryStrings())
