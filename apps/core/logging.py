"""Logging that keeps the server log readable: an expected client error is one line.

Django logs a refused request (403 from `PermissionDenied`, 404 from `Http404`, 400 from a
suspicious request) with the exception attached, so the log prints a full traceback for every
visitor who follows an old link or opens a page they may not see. Those are answers, not faults:
`OneLineClientErrors` keeps the message ("Forbidden (Permission denied): /oslo/manage/roles/") and
drops the traceback for 4xx responses. Server errors (5xx) keep theirs."""

import logging


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
