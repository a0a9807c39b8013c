"""The knowledge library: methods, guides, templates, lessons learned and case studies, each with
an open licence; short courses with the progress of each person; and feeds of other
installations' libraries that a hub follows (P5, X7).

An `Entry` imported from another installation keeps where it came from (`origin_url`, the item's
id in the feed) and the origin's latest version (`origin_*`). A local edit sets `locally_edited`;
a newer version from the origin then never overwrites the local text: it is kept in the
`origin_*` fields and `origin_changed` shows a notice.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.initiatives.models import Initiative

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 50000


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
LICENCE_BY_URL = {url: key for key, url in LICENCE_URLS.items()}


class Kind(models.TextChoices):
    METHOD = "method", _("Method")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    LESSON = "lesson", _("Lesson learned")
    CASE_STUDY = "case_study", _("Case study")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")


def search_text(*parts: str) -> str:
    """What search compares with: the texts case-folded in Python, so that "Ö" finds "ö" on
    SQLite too (its LIKE folds ASCII only)."""
    return "\n".join(part or "" for part in parts).casefold()


class Subscription(models.Model):
    """A hub follows the library feed of another installation (or another hub)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="library_subscriptions")
    feed_url = models.URLField(_("feed address"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_imported = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["feed_url", "pk"]
        verbose_name = _("feed subscription")
        verbose_name_plural = _("feed subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["hub", "feed_url"], name="library_subscription_unique")
        ]

    def __str__(self) -> str:
        return self.feed_url


class Entry(models.Model):
    Kind = Kind
    Status = Status
    Licence = Licence

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="library_entries")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.METHOD)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    body = models.TextField(_("text"), max_length=BODY_MAX, blank=True, help_text=_("Markdown."))
    link = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("A document or page, optional.")
    )
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separated by commas."))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nb")
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="case_studies"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()
    search = models.TextField(blank=True, editable=False)
    # Imported from another library
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    origin_url = models.URLField(_("source"), max_length=500, blank=True)
    origin_name = models.CharField(_("from"), max_length=200, blank=True)
    origin_updated = models.DateTimeField(null=True, blank=True)
    origin_title = models.CharField(max_length=TITLE_MAX, blank=True)
    origin_summary = models.CharField(max_length=SUMMARY_MAX, blank=True)
    origin_body = models.TextField(max_length=BODY_MAX, blank=True)
    locally_edited = models.BooleanField(default=False)
    origin_changed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        indexes = [models.Index(fields=["hub", "status", "-updated_at"], name="library_entry_list")]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "origin_url"], condition=~Q(origin_url=""), name="library_entry_unique_origin"
            ),
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(initiative__isnull=False), name="library_one_case_study"
            ),
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values), name="library_entry_open_licence"
            ),
            models.CheckConstraint(
                condition=Q(initiative__isnull=True) | Q(kind="case_study"), name="library_case_study_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search = search_text(self.title, self.summary, self.body, self.tags)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/library/e/{self.pk}/"

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")  # type: ignore[call-overload]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_imported(self) -> bool:
        return bool(self.origin_url)

    @property
    def is_case_study(self) -> bool:
        return self.kind == Kind.CASE_STUDY

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class Course(models.Model):
    """A short course (Stedskapingskolen, Södertörnsakademin): ordered lessons."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nb")
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    is_published = models.BooleanField(_("published"), default=False)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(licence__in=Licence.values), name="library_course_open_licence"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/library/courses/{self.pk}/"

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")  # type: ignore[call-overload]


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX, help_text=_("Markdown."))

    class Meta:
        ordering = ["course", "position"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [models.UniqueConstraint(fields=["course", "position"], name="library_lesson_position")]

    def __str__(self) -> str:
        return self.title

    @property
    def hub(self) -> Hub:
        return self.course.hub


class LessonDone(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="done")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lesson", "user"], name="library_lesson_done_once")]

    def __str__(self) -> str:
        return f"{self.lesson} ✓"


class CourseProgress(models.Model):
    """A person taking a course: when they started and, once every lesson is done, finished."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="progress")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="library_progress_once")]

    def __str__(self) -> str:
        return str(self.course)
