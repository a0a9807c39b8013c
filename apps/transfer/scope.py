"""What a hub archive holds: the scope graph of one hub, decided model by model.

Every model of the project's apps is in exactly one of four lists (a test fails on a model that
is in none, so a new model is a deliberate decision):

- `HUB_SCOPED`: rows that belong to the hub, with the lookup from the model to the hub. They are
  exported and imported with new ids.
- `REFERENCED`: people, organisations and competences that rows of the hub point at. Only the
  referenced ones are exported (no password hash, no tokens); on import they are matched by
  their natural key (`NATURAL_KEYS`) or created (people as inactive accounts with unusable
  passwords).
- `CATALOGUE`: shared data every installation loads by itself (UN goals, targets, indicators,
  the library's process templates, content types): never copied, a reference carries the natural
  key and is looked up on import.
- `EXCLUDED`: not exported, each with its reason.

`GENERIC` names the generic foreign keys (content type + object id) whose ids are remapped;
`HELD_BACK` the fields imported with a placeholder and restored when every row is in (so a
signed agreement's versions and signatures can be inserted before it is marked signed);
`AUDIT_DATA_IDS` the keys of an audit entry's `data` that hold ids.
"""

from typing import Any

from django.apps import apps
from django.db import models

HUB_SCOPED: dict[str, str] = {
    "hubs.Hub": "pk",
    "hubs.Membership": "hub",
    "hubs.Partnership": "hub",
    "hubs.WorkingGroup": "hub",
    "hubs.WorkingGroupMember": "group__hub",
    "places.AreaLevel": "hub",
    "places.Area": "hub",
    "goals.HubGoal": "hub",
    "goals.LocalTarget": "hub",
    "goals.GoalTag": "hub",
    "knowledge.Indicator": "hub",
    "knowledge.Observation": "indicator__hub",
    "knowledge.ImportRun": "hub",
    "initiatives.Initiative": "hub",
    "initiatives.TeamMember": "initiative__hub",
    "initiatives.InitiativeImage": "initiative__hub",
    "initiatives.InitiativeUpdate": "initiative__hub",
    "initiatives.Follow": "initiative__hub",
    "initiatives.Permit": "initiative__hub",
    "initiatives.PermitDocument": "permit__initiative__hub",
    "processes.ProcessTemplate": "hub",
    "processes.PhaseTemplate": "template__hub",
    "processes.ActivityTemplate": "phase__template__hub",
    "processes.DeliverableTemplate": "phase__template__hub",
    "processes.ProcessRun": "hub",
    "processes.PhaseRun": "run__hub",
    "processes.ActivityRun": "phase_run__run__hub",
    "processes.Deliverable": "phase_run__run__hub",
    "followup.Meeting": "hub",
    "followup.Task": "hub",
    "participation.Idea": "hub",
    "participation.Comment": "idea__hub",
    "participation.Support": "idea__hub",
    "participation.Report": "idea__hub",
    "audit.AuditEntry": "hub",
    "mapinput.MarkSettings": "hub",
    "mapinput.MarkCategory": "settings__hub",
    "mapinput.MapMark": "hub",
    "surveys.Survey": "hub",
    "surveys.Question": "survey__hub",
    "surveys.Response": "survey__hub",
    "surveys.Answer": "response__survey__hub",
    "surveys.ConceptVote": "hub",
    "surveys.Concept": "vote__hub",
    "surveys.Ballot": "vote__hub",
    # A batch of paper or face-to-face answers belongs to a survey or to a vote ("a|b": either).
    "surveys.Batch": "survey__hub|vote__hub",
    "residents.GroupSettings": "hub",
    "residents.DemographicQuestion": "hub",
    "residents.DemographicAnswer": "question__hub",
    "establishment.MeetingText": "hub",
    "establishment.Invitation": "hub",
    "privacy.RetentionSetting": "hub",
    "visions.Vision": "hub",
    "visions.VisionVersion": "vision__hub",
    "visions.VersionComment": "version__vision__hub",
    "visions.Endorsement": "version__vision__hub",
    "events.Event": "hub",
    "events.Registration": "event__hub",
    "events.ActionPoint": "event__hub",
    "partners.Partner": "hub",
    "partners.Commitment": "partner__hub",
    "partners.CommitmentChange": "commitment__partner__hub",
    "dialogues.Dialogue": "hub",
    "dialogues.Participant": "dialogue__hub",
    "dialogues.DialogueMeeting": "dialogue__hub",
    "dialogues.Value": "dialogue__hub",
    "dialogues.NextStep": "dialogue__hub",
    "governance.Meeting": "hub",
    "governance.AgendaItem": "meeting__hub",
    "governance.Motion": "meeting__hub",
    "governance.Ballot": "meeting__hub",
    "governance.Candidate": "ballot__meeting__hub",
    "governance.Voter": "ballot__meeting__hub",
    "governance.Tally": "ballot__meeting__hub",
    "governance.Receipt": "ballot__meeting__hub",
    "funding.Budget": "hub",
    "funding.CostLine": "budget__hub",
    "funding.GrantApplication": "budget__hub",
    "funding.FundingSource": "budget__hub",
    "funding.GrantDocument": "application__budget__hub",
    "funding.Campaign": "hub",
    "funding.MatchFund": "campaign__hub",
    "funding.Pledge": "campaign__hub",
    "results.Result": "hub",
    "results.ProgressReport": "hub",
    "results.Evidence": "report__hub",
    "results.ReportPhoto": "report__hub",
    "agreements.Agreement": "hub",
    "agreements.Party": "agreement__hub",
    "agreements.AgreementVersion": "agreement__hub",
    "agreements.Signature": "agreement__hub",
    "volunteers.VolunteerRole": "hub",
    "volunteers.Shift": "hub",
    "volunteers.Signup": "shift__hub",
    "volunteers.HoursLog": "shift__hub",
    "volunteers.LoggedHoursSource": "initiative__hub",
    "matching.Need": "initiative__hub",
    "matching.Introduction": "hub",
    "consolidation.OverlapPair": "hub",
    "consolidation.Merge": "hub",
    "library.Subscription": "hub",
    "library.Entry": "hub",
    "library.Course": "hub",
    "library.Lesson": "course__hub",
    "library.LessonDone": "lesson__course__hub",
    "library.CourseProgress": "course__hub",
}

# Exported only when referenced; fields that are written (everything else stays behind).
REFERENCED: dict[str, tuple[str, ...]] = {
    "accounts.User": ("email", "name", "language", "date_joined"),
    "organisations.Organisation": (
        "name",
        "slug",
        "type",
        "country",
        "org_number",
        "description",
        "website",
        "contact_email",
        "created_at",
    ),
    "accounts.Competence": ("slug", "name_en", "name_nb", "name_sv"),
}

CATALOGUE: dict[str, str] = {
    "goals.SdgGoal": "the UN goals, loaded by a migration in every installation",
    "goals.SdgTarget": "the UN targets, loaded by a migration",
    "goals.SdgIndicator": "the UN indicators, loaded by a migration",
    "contenttypes.ContentType": "Django's content types, matched by app label and model",
    # A hub's own templates are HUB_SCOPED; the library's (hub empty) are the catalogue.
    "processes.ProcessTemplate": "the library's process templates (no hub), loaded by a migration",
}

EXCLUDED: dict[str, str] = {
    "accounts.Profile": "a person's own profile belongs to the person, not to a hub",
    "accounts.ApiToken": "a secret credential: never leaves its installation",
    "organisations.Representative": (
        "who speaks for an organisation is decided in each installation; signatures and "
        "endorsements keep the representative's name"
    ),
    "notifications.Notification": "a person's inbox: passing messages with links into the old installation",
    "notifications.NotificationPreference": "a person's own setting, not the hub's",
    "volunteers.CalendarFeed": "a secret feed address of one person",
    "transfer.TransferJob": "the export and import jobs themselves",
    "core.IdempotentRequest": "replays of API writes, kept a day; they belong to the requests, not to a hub",
    "surveys.DeviceMarker": "anonymous answerers' device markers: metadata kept for a while, never moved",
    "privacy.DataArchive": "a person's own archive of their data, made on request and expiring",
    "search.SearchDocument": "the search index: rebuilt from the imported rows after an import",
    "mapinput.MarkCell": "the map's counted grid cells: triggers remake them from the imported marks",
    "initiatives.TeamInvitation": "open invitations carry one-time links into the old installation",
    "organisations.RepresentativeInvitation": "an organisation's invitations, not a hub's; one-time links",
}

# model → (content type field, object id field)
GENERIC: dict[str, tuple[str, str]] = {
    "goals.GoalTag": ("content_type", "object_id"),
    "audit.AuditEntry": ("target_type", "target_id"),
    "processes.Deliverable": ("content_type", "object_id"),
}

# model → {field: placeholder while importing}; restored after every row is in.
HELD_BACK: dict[str, dict[str, Any]] = {
    "agreements.Agreement": {"status": "drafting"},
}

# Keys of `AuditEntry.data` that hold ids, and of which model (found by reading every
# `audit_record(..., data=…)` call; a list value holds several).
AUDIT_DATA_IDS: dict[str, str] = {
    "organisation": "organisations.Organisation",
    "user": "accounts.User",
    "volunteer": "accounts.User",
    "tied": "accounts.User",
    "drawn": "accounts.User",
    "before": "accounts.User",
    "after": "accounts.User",
    "first": "initiatives.Initiative",
    "second": "initiatives.Initiative",
    "initiative": "initiatives.Initiative",
    "pledge": "funding.Pledge",
    "from": "processes.ProcessTemplate",
}


def natural_key(model: type[models.Model], obj: Any) -> list[Any]:
    """The natural key of a referenced or catalogue row, as written into an archive."""
    label = model._meta.label
    if label == "accounts.User":
        return [obj.email.lower()]
    if label == "organisations.Organisation":
        return [obj.country, obj.org_number, obj.slug]
    if label == "accounts.Competence":
        return [obj.slug]
    if label == "goals.SdgGoal":
        return [obj.number]
    if label in ("goals.SdgTarget", "goals.SdgIndicator"):
        return [obj.code]
    if label == "contenttypes.ContentType":
        return [obj.app_label, obj.model]
    if label == "processes.ProcessTemplate":
        return [obj.key]
    raise KeyError(label)


def find_by_natural_key(model: type[models.Model], key: list[Any]) -> Any:
    """The row of this installation with that natural key, or None."""
    label = model._meta.label
    manager = model._default_manager
    if label == "accounts.User":
        return manager.filter(email__iexact=key[0]).first()
    if label == "organisations.Organisation":
        country, number, slug = key
        if number:
            found = manager.filter(country=country, org_number=number).first()
            if found is not None:
                return found
        return manager.filter(slug=slug, org_number=number).first()
    if label == "accounts.Competence":
        return manager.filter(slug=key[0]).first()
    if label == "goals.SdgGoal":
        return manager.filter(number=key[0]).first()
    if label in ("goals.SdgTarget", "goals.SdgIndicator"):
        return manager.filter(code=key[0]).first()
    if label == "contenttypes.ContentType":
        return manager.filter(app_label=key[0], model=key[1]).first()
    if label == "processes.ProcessTemplate":
        return manager.filter(key=key[0], hub__isnull=True).first()
    raise KeyError(label)


def project_models() -> list[type[models.Model]]:
    """Every concrete model of the project's own apps."""
    return [m for m in apps.get_models() if m.__module__.startswith("apps.") and not m._meta.proxy]


def unclassified() -> list[str]:
    """Models of the project's apps that are in none of the lists (a test keeps this empty)."""
    known = set(HUB_SCOPED) | set(REFERENCED) | set(CATALOGUE) | set(EXCLUDED)
    return sorted(m._meta.label for m in project_models() if m._meta.label not in known)


def scoped_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in HUB_SCOPED]


def hub_queryset(model: type[models.Model], hub: Any) -> models.QuerySet[Any]:
    lookup = HUB_SCOPED[model._meta.label]
    manager = model._base_manager
    if lookup == "pk":
        return manager.filter(pk=hub.pk).order_by("pk")
    condition = models.Q()
    for path in lookup.split("|"):  # "survey__hub|vote__hub": a row reaches the hub one way or the other
        condition |= models.Q(**{path: hub})
    return manager.filter(condition).order_by("pk")


def m2m_fields(model: type[models.Model]) -> list[Any]:
    """Many-to-many fields whose link table Django made (an explicit one is its own model)."""
    return [
        f
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]
