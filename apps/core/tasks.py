"""Background tasks. They run on a Celery worker when a broker is set, in-process otherwise."""

import logging
import re

from celery import shared_task
from django.core.mail import BadHeaderError, send_mail

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """A subject on one line: line breaks and other control characters become single spaces."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\s]+", " ", text).strip()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to: list[str], subject: str, body: str) -> int:
    try:
        return send_mail(one_line(subject), body, None, to)
    except BadHeaderError:  # a recipient address with a line break: no retry can mend it
        logger.exception("E-mail to %r not sent: a header holds a line break", to)
        return 0
