"""Background tasks. They run on a Celery worker when a broker is set, in-process otherwise."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, to)
