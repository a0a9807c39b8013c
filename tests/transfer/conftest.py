"""A small Oslo hub with one of each hard case: a signed agreement, a file, a secret ballot's
receipt, nested comments and areas, a goal tag (generic key), audit entries with ids in their
data, and a many-to-many link. Files go to a temporary media folder."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from apps.audit.services import audit_record
from apps.goals.models import GoalTag, SdgGoal
from apps.governance.models import Ballot, Meeting, Receipt
from apps.initiatives.models import Initiative, InitiativeImage
from apps.participation.models import Comment, Idea
from apps.places.models import Area, AreaLevel
from apps.transfer.archive import write_archive
from tests.agreements.conftest import (  # noqa: F401 - fixtures
    agreement,
    bylab,
    latest,
    ola,
    sign,
    signed,
    signing,
)
from tests.files import png_bytes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media-private"


@pytest.fixture
def small_hub(oslo, stella, mia, nora, signed, climate_group):  # noqa: F811
    level = AreaLevel.objects.create(hub=oslo, slug="bydel", name="Bydel")
    city = Area.objects.create(hub=oslo, level=level, code="0301", name="Oslo")
    Area.objects.create(hub=oslo, level=level, code="030101", name="Gamle Oslo", parent=city)
    initiative = Initiative.objects.create(hub=oslo, slug="parken", title="Parken", owner=mia, area=city)
    image = InitiativeImage(initiative=initiative, alt_text="Parken om våren", uploaded_by=mia)
    image.image.save("parken.png", ContentFile(png_bytes()), save=True)
    idea = Idea.objects.create(
        hub=oslo, title="Benker", body="Flere benker", author=mia, initiative=initiative
    )
    first = Comment.objects.create(idea=idea, body="Ja!", author=nora)
    Comment.objects.create(idea=idea, body="Enig", author=mia, parent=first)
    GoalTag.objects.create(
        hub=oslo,
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        sdg_goal=SdgGoal.objects.get(number=11),
        created_by=stella,
    )
    meeting = Meeting.objects.create(
        hub=oslo, title="Årsmøte", starts_at=datetime.datetime(2026, 3, 1, 18, tzinfo=datetime.UTC)
    )
    Ballot.objects.create(meeting=meeting, kind="election", title="Styre", secret=True)
    audit_record(hub=oslo, actor=stella, action="hubs.role_change", target=initiative, data={"user": mia.pk})
    return oslo


@pytest.fixture
def receipt(small_hub):
    ballot = Ballot.objects.get(meeting__hub=small_hub)
    return Receipt.objects.create(ballot=ballot, code_hash="a" * 64)


@pytest.fixture
def archive_bytes(small_hub):
    out = io.BytesIO()
    write_archive(small_hub, out)
    return out.getvalue()


def remove_hub(hub):
    """The hub leaves this installation (it moves). Signed agreements refuse deletion by any
    route, so the test lifts that guard for this one deletion, then deletes the hub's rows in
    reverse import order (protected keys first)."""
    from django.apps import apps
    from django.db.models.signals import pre_delete

    from apps.agreements.apps import _refuse_signed_delete
    from apps.agreements.models import Agreement, AgreementVersion, Party, Signature
    from apps.transfer import scope
    from apps.transfer.archive import ordered_labels

    guarded = (Agreement, AgreementVersion, Party, Signature)
    for model in guarded:
        pre_delete.disconnect(sender=model, dispatch_uid=f"agreements_guard_{model.__name__}")
    try:
        Agreement._base_manager.filter(hub=hub).update(signed_version=None)
        for label in reversed(ordered_labels()):
            if label in scope.HUB_SCOPED:
                scope.hub_queryset(apps.get_model(label), hub).delete()
    finally:
        for model in guarded:
            pre_delete.connect(
                _refuse_signed_delete, sender=model, dispatch_uid=f"agreements_guard_{model.__name__}"
            )
