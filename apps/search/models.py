"""Models of search: one `SearchDocument` per searchable thing (per hub, for a member).

The documents are a copy, kept current by the indexers in `apps.search.indexers` (signal
receivers connected in `SearchConfig.ready`) and rebuilt by `manage.py rebuild_search_index`.
The full-text index beside them is the database's own: on PostgreSQL the `vector` column (a
tsvector a trigger fills with the document language's configuration, GIN-indexed); on SQLite an
FTS5 table `search_fts` whose rows triggers keep equal to the documents. Both are made in
migration 0001 for the vendor at hand only.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub


class Kind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    IDEA = "idea", _("Idea")
    AREA = "area", _("Area")
    GOAL = "goal", _("Goal")
    EVENT = "event", _("Event")
    MEMBER = "member", _("Member")
    LIBRARY = "library", _("Library entry")


class SearchDocument(models.Model):
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=5, default="en")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    # Public: anyone may see it. Otherwise only the hub's leads and the owner (an idea's author,
    # an entry's author) find it.
    public = models.BooleanField(default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField()
    # Filled by a trigger on PostgreSQL (migration 0003); unused (always empty) on SQLite: the
    # words and scope tokens, and the words' first letters with the scope tokens.
    vector = SearchVectorField(null=True, editable=False)
    prefixes = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "hub"], name="search_document_unique"),
        ]
        indexes = [models.Index(fields=["hub", "kind"], name="search_document_hub_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
