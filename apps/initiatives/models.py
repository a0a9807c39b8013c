"""Initiatives: a local idea on its way to a built result (Stedskaping, Pådriv).

An `Initiative` belongs to one hub and has a place (a GeoJSON Point or Polygon, with a point
`lon`/`lat` inside it for maps and the area it falls in), an owner and a team, images, public
updates that its followers hear about, and a checklist of the permits it needs (I6).
Everything about an initiative is public: there are no drafts.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.core.storage import private_storage, unguessable
from apps.hubs.models import Hub
from apps.places.models import Area


class Initiative(models.Model):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        ACTIVE = "active", _("In progress")
        PAUSED = "paused", _("Paused")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")
        # Merged into another initiative (apps.consolidation): its address redirects there, and
        # it leaves the lists.
        MERGED = "merged", _("Merged")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="initiatives")
    slug = models.SlugField(max_length=120)
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("the idea"), max_length=20000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDEA)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_initiatives"
    )
    place = models.JSONField(_("place"), null=True, blank=True, help_text=_("GeoJSON Point or Polygon"))
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="initiative_unique_slug")]
        indexes = [
            models.Index(fields=["hub", "status"]),
            models.Index(fields=["hub", "lon", "lat"], name="initiative_point"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/initiatives/{self.slug}/"

    @property
    def place_kind(self) -> str:
        """ "Point", "Polygon" or "" (no place)."""
        return str((self.place or {}).get("type", "")) if isinstance(self.place, dict) else ""


class TeamRole(models.TextChoices):
    OWNER = "owner", _("Project owner")
    LEAD = "lead", _("Project lead")
    MEMBER = "member", _("Member")


class TeamMember(models.Model):
    """A person in an initiative's team. The owner is always in it with the role project owner."""

    Role = TeamRole

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_teams"
    )
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "joined_at", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="initiative_team_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.initiative}"


class TeamInvitation(models.Model):
    """An invitation to an initiative's team, sent by e-mail whether or not the address has an
    account (so the team page never tells who has one). Its link carries a secret token, of
    which only a SHA-256 is stored; it works once, until `expires_at`, for whoever signs in
    with it (after signing up, if they had no account)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "email"],
                condition=Q(accepted_at__isnull=True),
                name="initiative_invitation_open_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.initiative_id}"


def image_path(instance: "InitiativeImage", filename: str) -> str:
    return unguessable(f"initiatives/{instance.initiative_id}/images", filename)


class InitiativeImage(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=image_path, max_length=255, storage=private_storage)
    alt_text = models.CharField(
        _("description of the image"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "created_at", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        """The image's own address: a view that checks who may see the initiative."""
        return f"{self.initiative.get_absolute_url()}images/{self.pk}/"


class InitiativeUpdate(models.Model):
    """A public update on how the initiative is going; its followers are told."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        indexes = [models.Index(fields=["initiative", "-created_at"], name="initiative_update_recent")]

    def __str__(self) -> str:
        return self.title


class Follow(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="initiative_follow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.initiative}"


class PermitStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Not applied for")
    APPLIED = "applied", _("Applied for")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NOT_NEEDED = "not_needed", _("Not needed")


class Permit(models.Model):
    """One permit or approval an initiative needs (I6): what, from whom, and where it stands."""

    Status = PermitStatus

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="permits")
    what = models.CharField(_("permit or approval"), max_length=200)
    authority = models.CharField(_("from whom"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PermitStatus.choices, default=PermitStatus.NOT_APPLIED
    )
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.TextField(_("decision"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["initiative", "created_at", "pk"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        constraints = [
            models.CheckConstraint(
                condition=Q(applied_on__isnull=True)
                | Q(decided_on__isnull=True)
                | Q(decided_on__gte=F("applied_on")),
                name="permit_decided_after_applied",
            )
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def hub(self) -> Hub:
        return self.initiative.hub


def document_path(instance: "PermitDocument", filename: str) -> str:
    return unguessable(f"initiatives/permits/{instance.permit_id}", filename)


class PermitDocument(models.Model):
    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to=document_path, max_length=255, storage=private_storage)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["permit", "created_at", "pk"]
        verbose_name = _("permit document")
        verbose_name_plural = _("permit documents")

    def __str__(self) -> str:
        return self.name
