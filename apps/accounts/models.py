"""People: the user account (e-mail login), their profile, and the curated list of competences."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person's account. People sign in with their e-mail address; there is no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )
    # Set when the person deleted their account (X4): the row stays so that what they
    # contributed keeps its counts, but everything that named them is scrubbed.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc, assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.deleted_at is not None:
            return str(_("former participant"))
        return self.name or self.email.split("@")[0]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def has_public_profile(self) -> bool:
        """Whether this person's `display_name` may be shown publicly: they agreed to it (no
        profile means no consent), or they deleted their account and it says only "former
        participant" (X4: public pages show that, not "a resident")."""
        if self.deleted_at is not None:
            return True
        try:
            return self.profile.consent_public_profile
        except Profile.DoesNotExist:
            return False

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.display_name


class Competence(models.Model):
    """One entry in the curated list of competences people can say they bring (H3).

    Shared by all hubs so that a person's profile means the same everywhere; names in the
    three interface languages.
    """

    slug = models.SlugField(max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=80)
    name_sv = models.CharField(_("name (Swedish)"), max_length=80)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"nb": self.name_nb, "sv": self.name_sv}.get(language) or self.name_en


class Profile(models.Model):
    """What a person tells the network about themselves, and what they allow to be shown.

    Nothing here is public until `consent_public_profile` is given; contact details need
    their own, separate consent (`consent_public_contact`).
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    headline = models.CharField(_("headline"), max_length=120, blank=True)
    place = models.CharField(_("where you live or work"), max_length=120, blank=True)
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="profiles", verbose_name=_("competences")
    )
    interests = models.TextField(_("interests"), max_length=2000, blank=True)
    motivation = models.TextField(_("motivation"), max_length=4000, blank=True)
    ideas = models.TextField(_("ideas"), max_length=4000, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    consent_public_profile = models.BooleanField(_("show my profile publicly"), default=False)
    consent_public_profile_at = models.DateTimeField(null=True, blank=True)
    consent_public_contact = models.BooleanField(_("show my contact details publicly"), default=False)
    consent_public_contact_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ApiToken(models.Model):
    """A personal API token (the write API, V8): it acts as its owner, with their permissions
    and no more; a read-only token cannot write. Only a SHA-256 of the token is stored; the
    token itself is shown once, when it is made."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80, help_text=_("What it is for, e.g. 'Our budget sheet'."))
    scope = models.CharField(_("what it may do"), max_length=5, choices=Scope.choices, default=Scope.WRITE)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
