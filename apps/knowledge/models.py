"""Knowledge per place (Södertörnsmodellen): indicators and their observations per area and year."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.places.models import Area

# Stored when a source names no licence (an import's marker, in English); shown translated.
NO_LICENCE = "Not stated by the source"
NO_LICENCE_SHOWN = _("Not stated by the source")


class Indicator(models.Model):
    """An economic, ecological or social measure, e.g. median income (a DDF measure concept)."""

    class Category(models.TextChoices):
        ECONOMIC = "economic", _("Economic")
        ECOLOGICAL = "ecological", _("Ecological")
        SOCIAL = "social", _("Social")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_nb = models.TextField(_("description (Norwegian Bokmål)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    higher_is_better = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["category", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["hub", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return {"nb": self.name_nb, "sv": self.name_sv}.get(language) or self.name_en

    @property
    def description(self) -> str:
        language = (get_language() or "en")[:2]
        return {"nb": self.description_nb, "sv": self.description_sv}.get(language) or self.description_en

    @property
    def licence_shown(self) -> str:
        """The licence, or "Not stated by the source" in the reader's language."""
        return str(NO_LICENCE_SHOWN) if self.licence in ("", NO_LICENCE) else self.licence


class Observation(models.Model):
    """One value: indicator × area × year, optionally for one breakdown (e.g. gender=female)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    year = models.SmallIntegerField(_("year"))
    breakdown_key = models.CharField(max_length=40, blank=True, default="")
    breakdown_value = models.CharField(max_length=80, blank=True, default="")
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "breakdown_key", "breakdown_value"],
                name="observation_unique",
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="observation_indicator_year")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year}"


class ImportRun(models.Model):
    """One finished import into a hub: what was read (and its checksum), and what it changed.

    The checksum lets a repeated import of an unchanged package (the demo seed) be skipped."""

    class Kind(models.TextChoices):
        DDF = "ddf", _("DDF package")
        CSV = "csv", _("CSV file")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="import_runs")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=300)
    checksum = models.CharField(_("checksum"), max_length=64)
    finished_at = models.DateTimeField(_("finished"), auto_now_add=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-finished_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["hub", "kind", "source"], name="import_run_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.source} → {self.hub}"
