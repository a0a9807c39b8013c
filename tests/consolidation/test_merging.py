"""A merge moves every related object and loses nothing; no model pointing at an initiative is
forgotten."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from apps.consolidation import services
from apps.consolidation.merging import HANDLERS
from apps.consolidation.models import Merge
from apps.funding.models import Budget, Campaign, CostLine, FundingSource
from apps.initiatives.models import Follow, Initiative, TeamMember
from apps.mapinput.models import MapMark, MarkCategory, MarkSettings
from apps.participation.models import Comment, Idea, Support
from apps.partners.models import Commitment, Partner
from apps.processes.models import ProcessRun
from apps.results.models import ProgressReport

from .conftest import fill

# Models whose rows are combined: rows may be fewer after the merge, never information.
COMBINED = {"initiatives.Follow", "initiatives.TeamMember", "partners.Partner"}
# One per initiative: the survivor keeps its own, the merged initiative's stays on its record.
ONE_EACH = {"processes.ProcessRun", "funding.Campaign", "funding.Budget", "mapinput.MarkSettings"}


def test_every_model_pointing_at_an_initiative_has_a_handler():
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model is Initiative
        and model._meta.app_label != "consolidation"
    }
    missing = pointing - set(HANDLERS)
    assert not missing, (
        f"Merging initiatives does not know what to do with {sorted(missing)}: add to HANDLERS"
    )
    assert set(HANDLERS) - pointing == set()


def _counts(initiative):
    out = {}
    for label in HANDLERS:
        model = apps.get_model(label)
        out[label] = model.objects.filter(initiative=initiative).count()
    return out


CHILDREN = [Comment, Support, Commitment, CostLine, FundingSource, MarkCategory, MapMark]


def test_a_merge_moves_everything_and_loses_nothing(oslo, stella, toyen, hagegata, mia, vic, acme_org):
    fill(toyen, people=[mia, vic], organisation=acme_org, label="toyen")
    fill(hagegata, people=[mia, vic], organisation=acme_org, label="hagegata")
    into_before, merged_before = _counts(toyen), _counts(hagegata)
    totals_before = {m._meta.label: m.objects.count() for m in [*map(apps.get_model, HANDLERS), *CHILDREN]}

    record = services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)

    into_after, merged_after = _counts(toyen), _counts(hagegata)
    totals_after = {m._meta.label: m.objects.count() for m in [*map(apps.get_model, HANDLERS), *CHILDREN]}
    for label in HANDLERS:
        if label in COMBINED or label in ONE_EACH:
            continue
        assert merged_after[label] == 0, label
        assert into_after[label] == into_before[label] + merged_before[label], label
        assert totals_after[label] == totals_before[label], label
    for model in CHILDREN:
        label = model._meta.label
        assert totals_after[label] == totals_before[label], label

    # Followers once per person; team once per person with the higher role; Otto (owner of
    # the merged one) is now a project lead.
    assert set(Follow.objects.filter(initiative=toyen).values_list("user__email", flat=True)) == {
        "mia@example.org",
        "vic@example.org",
    }
    assert Follow.objects.filter(initiative=hagegata).count() == 0
    roles = dict(TeamMember.objects.filter(initiative=toyen).values_list("user__email", "role"))
    assert roles == {"olga@example.org": "owner", "mia@example.org": "member", "otto@example.org": "lead"}
    assert TeamMember.objects.filter(initiative=hagegata).count() == 0
    # One partner per organisation, holding both commitments.
    partner = Partner.objects.get(initiative=toyen)
    assert partner.commitments.count() == 2
    assert not Partner.objects.filter(initiative=hagegata).exists()
    # Supports: one per person per idea.
    for idea in Idea.objects.filter(initiative=toyen):
        assert idea.supports.count() == 2
    # Map marks: all in the survivor's settings, categories joined by name.
    settings = MarkSettings.objects.get(initiative=toyen)
    assert MapMark.objects.filter(settings=settings).count() == 2
    assert set(settings.categories.values_list("name", flat=True)) == {
        "Trær",
        "toyen category",
        "hagegata category",
    }
    assert MapMark.objects.filter(category__settings=settings).count() == 2
    # Budget lines and sources join the survivor's budget.
    budget = Budget.objects.get(initiative=toyen)
    assert budget.cost_lines.count() == 2 and budget.sources.count() == 2
    # One per initiative: the survivor keeps its own process run and campaign.
    assert ProcessRun.objects.get(initiative=toyen).title == "toyen run"
    assert Campaign.objects.get(initiative=toyen).initiative_id == toyen.pk
    # One final report.
    assert ProgressReport.objects.filter(initiative=toyen, is_final=True).count() == 1
    # The merge is recorded with what moved.
    assert record.counts["participation.Idea"] == 1
    assert Merge.objects.get(merged=hagegata).into == toyen


def test_merging_into_itself_or_across_hubs_is_refused(oslo, sodertorn, stella, toyen, hagegata, sven):
    with pytest.raises(ValidationError, match="itself"):
        services.initiative_merge(hub=oslo, merged=toyen, into=toyen, actor=stella)
    other = Initiative.objects.create(hub=sodertorn, slug="x", title="Gård", owner=sven)
    with pytest.raises(ValidationError, match="same hub"):
        services.initiative_merge(hub=oslo, merged=other, into=toyen, actor=stella)
    assert not Merge.objects.exists()


def test_an_initiative_is_merged_only_once(oslo, stella, toyen, hagegata, far_away):
    services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)
    with pytest.raises(ValidationError, match="already been merged"):
        services.initiative_merge(hub=oslo, merged=hagegata, into=far_away, actor=stella)
    with pytest.raises(ValidationError, match="already been merged"):
        services.initiative_merge(hub=oslo, merged=far_away, into=hagegata, actor=stella)
    assert Merge.objects.count() == 1


def test_two_open_campaigns_are_refused_and_nothing_moves(oslo, stella, toyen, hagegata, mia, vic, acme_org):
    fill(toyen, people=[mia], organisation=acme_org, label="a")
    fill(hagegata, people=[vic], organisation=acme_org, label="b")
    Campaign.objects.update(status="open")
    with pytest.raises(ValidationError, match="open crowdfunding campaign"):
        services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)
    assert Idea.objects.filter(initiative=hagegata).count() == 1
    assert not Merge.objects.exists()


def test_only_leads_may_merge(oslo, mia, otto, toyen, hagegata, sven):
    from django.core.exceptions import PermissionDenied

    for person in (mia, otto, sven):
        with pytest.raises(PermissionDenied):
            services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=person)


def test_a_merged_initiative_leaves_the_lists_but_can_still_be_found(client, oslo, stella, toyen, hagegata):
    services.initiative_merge(hub=oslo, merged=hagegata, into=toyen, actor=stella)
    hagegata.refresh_from_db()
    assert hagegata.status == "merged"
    listed = client.get("/oslo/initiatives/").content.decode()
    assert toyen.title in listed and hagegata.title not in listed
    assert hagegata.title in client.get("/oslo/initiatives/?status=merged").content.decode()
    slugs = [item["slug"] for item in client.get("/api/v1/hubs/oslo/initiatives").json()["items"]]
    assert toyen.slug in slugs and hagegata.slug not in slugs
