"""Organisations (businesses, public bodies, civil society, academia) and who represents them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Type(models.TextChoices):
        PUBLIC = "public", _("Public sector")
        PRIVATE = "private", _("Private business")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")

    class Country(models.TextChoices):
        NORWAY = "NO", _("Norway")
        SWEDEN = "SE", _("Sweden")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    org_number = models.CharField(_("organisation number"), max_length=10)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Representative",
        related_name="organisations",
        verbose_name=_("representatives"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["country", "org_number"], name="organisation_unique_number")
        ]

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """A person who may act for an organisation (apply for partnership, edit its page)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="representative_unique")]

    def __str__(self) -> str:
        return f"{self.user} for {self.organisation}"


class RepresentativeInvitation(models.Model):
    """An invitation to represent an organisation, sent by e-mail whether or not the address has
    an account, so that the organisation's page never tells who has one. Its link carries a
    secret token of which only a SHA-256 is stored; it works once, until `expires_at`, for the
    person who signs in with it (after signing up, if they had no account)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    title = models.CharField(_("title"), max_length=120, blank=True)
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
        verbose_name = _("representative invitation")
        verbose_name_plural = _("representative invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="organisation_invitation_open_unique",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to represent {self.organisation_id}"
