"""Lists use a constant number of queries, however many entries."""

import pytest

from apps.library import services

pytestmark = pytest.mark.django_db


def _fill(oslo, stella, n):
    for i in range(n):
        services.entry_create(
            actor=stella,
            hub=oslo,
            kind="guide",
            title=f"Veileder {i}",
            licence="cc0-1.0",
            tags="a, b",
            publish=True,
        )


@pytest.mark.parametrize(
    "url", ["/oslo/library/", "/oslo/library/feed/?page=1", "/api/v1/hubs/oslo/library/entries"]
)
def test_constant(client, oslo, stella, django_assert_max_num_queries, url):
    _fill(oslo, stella, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(oslo, stella, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_courses_constant(client, oslo, stella, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course = services.course_create(actor=stella, hub=oslo, title="Kurs")
    services.lesson_add(actor=stella, course=course, title="1", body="x")
    services.course_publish(actor=stella, course=course)
    with CaptureQueriesContext(connection) as few:
        client.get("/oslo/library/courses/")
    for n in range(5):
        c = services.course_create(actor=stella, hub=oslo, title=f"Kurs {n}")
        services.lesson_add(actor=stella, course=c, title="1", body="x")
        services.course_publish(actor=stella, course=c)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/oslo/library/courses/")
