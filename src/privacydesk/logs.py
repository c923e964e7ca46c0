"""Keep personal information out of the server's logs.

Searches carry emails and phone numbers in the query string (``/console/people/?q=…``,
``/api/v1/people/?q=…``). Request logs therefore record the path only: the development server's
lines pass through ``StripQuery`` and gunicorn is started with an access-log format that uses
``%(U)s`` (path without query).
"""

from __future__ import annotations

import logging
import re

GUNICORN_ACCESS_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'

_QUERY = re.compile(r"\?\S*")


class StripQuery(logging.Filter):
    """Removes ``?…`` from request lines in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", record.msg) if "?" in record.msg and not record.args else record.msg
        return True
