"""Fixtures for processes: the library loaded, an Oslo initiative owned by olga with a team
member (when apps.initiatives has TeamMember), and runs in a known state."""

import datetime

import pytest

from apps.initiatives.models import Initiative
from apps.processes import services
from apps.processes.loader import load_templates
from apps.processes.models import ProcessTemplate
from tests.factories import MembershipFactory, UserFactory
from tests.files import pdf

TODAY = datetime.date(2025, 3, 3)


@pytest.fixture
def library(db):
    load_templates()
    return {t.key: t for t in ProcessTemplate.objects.filter(hub__isnull=True)}


@pytest.fixture
def olga(oslo):
    """An Oslo member who owns the initiative."""
    return MembershipFactory(hub=oslo, user=UserFactory(email="olga@example.org", name="Olga Owner")).user


def make_initiative(hub, owner, slug="green-courtyard", status="active"):
    return Initiative.objects.create(
        hub=hub, owner=owner, slug=slug, title=slug.replace("-", " ").title(), status=status
    )


@pytest.fixture
def initiative(oslo, olga):
    return make_initiative(oslo, olga)


@pytest.fixture
def run(initiative, library, stella):
    return services.process_start(
        subject_initiative=initiative, template=library["stedskaping-6-6"], starts_on=TODAY, actor=stella
    )


def phase(run, position):
    return run.phases.get(position=position)


def finish_required(phase_run, actor):
    """Complete every required deliverable of a phase, whatever its kind."""

    for deliverable in phase_run.deliverables.filter(required=True, done=False):
        kwargs = {}
        if deliverable.kind == "document":
            kwargs["file"] = pdf("plan.pdf")
        elif deliverable.kind in ("link", "object"):
            kwargs["url"] = "https://example.org/result"
        services.deliverable_complete(deliverable=deliverable, actor=actor, **kwargs)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads go to a temporary folder; private documents to one beside it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def code_of(error):
    """The code of a ValidationError, whether it is tied to a field or not."""
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code
    if hasattr(error, "code") and error.code:
        return error.code
    return error.error_list[0].code
