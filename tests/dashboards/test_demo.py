import io

import pytest

from apps.dashboards import demo

pytestmark = pytest.mark.django_db


def test_demo_reports_real_numbers(world):
    out = io.StringIO()
    demo.seed(stdout=out)
    text = out.getvalue()
    assert "5 initiatives, 8 people taking part, 3 partners" in text
    assert "35 hours committed, 3 published results." in text
    assert "Södertörn: 1 initiatives, 1 people taking part, 1 partners" in text
