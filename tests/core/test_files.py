"""Every upload is stored under an unguessable name (a random 128-bit folder), whatever its kind."""

import re
from types import SimpleNamespace

import pytest

from apps.core.storage import unguessable
from apps.funding.models import grant_document_path
from apps.initiatives.models import document_path, image_path
from apps.mapinput.models import _photo_path
from apps.processes.models import deliverable_upload_to
from apps.results.models import evidence_path, photo_path
from apps.surveys.models import concept_image_path

TOKEN = re.compile(r"/[0-9a-f]{32}/")


@pytest.mark.parametrize(
    ("upload_to", "instance"),
    [
        (image_path, SimpleNamespace(initiative_id=1)),  # initiative images
        (document_path, SimpleNamespace(permit_id=1)),  # permit documents
        (evidence_path, SimpleNamespace(report_id=1)),  # evidence files
        (photo_path, SimpleNamespace(report_id=1)),  # result photos
        (grant_document_path, SimpleNamespace(application_id=1)),  # grant documents
        (_photo_path, SimpleNamespace()),  # map-input photos
        (concept_image_path, SimpleNamespace(vote_id=1)),  # concept images
        (deliverable_upload_to, SimpleNamespace(phase_run=SimpleNamespace(run_id=1))),  # deliverables
    ],
)
def test_every_kind_of_upload_gets_a_random_folder(upload_to, instance):
    first, second = upload_to(instance, "plan.pdf"), upload_to(instance, "plan.pdf")
    assert TOKEN.search(first) and first.endswith("/plan.pdf")
    assert first != second


def test_a_name_cannot_climb_out_of_its_folder():
    assert unguessable("a/b/", "../../etc/passwd").startswith("a/b/")
    assert unguessable("a", "../../etc/passwd").endswith("/passwd")
