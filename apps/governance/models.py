"""Equal ownership (H5): a hub's general meetings (the annual meeting first), their agenda and
motions, and ballots where every approved member *person* and every approved partner
*organisation* has exactly one vote.

How a vote is stored
--------------------
- `Voter` says *who has voted* in a ballot: one row per member person or per partner
  organisation (cast by one of its representatives). Two partial unique constraints make "one
  vote each" a fact of the database, not of luck.
- `Tally` holds the *count* for each option (yes / no / abstain, or each candidate). Every ballot
  counts through it, open or secret.
- In an **open** ballot the voter's row also keeps what they chose (members read it after
  closing). In a **secret** ballot it keeps nothing of the choice: the choice only ever adds one
  to a count, and the voter gets a receipt code whose SHA-256 is kept in `Receipt` (random UUID
  key, no voter, no time, no choice). So there is no per-vote row that could be joined, ordered or
  timed back to a voter: the only secret-vote data are counts and unordered hashes.

Elections count by **plurality block voting**: each voter marks up to as many candidates as there
are seats; the candidates with the most marks take the seats. When candidates tie for the last
seat(s), the result says so, and a hub lead settles it with a recorded draw (`Ballot.draw`).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.hubs.models import Hub
from apps.organisations.models import Organisation

TEXT_MAX = 20_000
MINUTES_MAX = 100_000
AGENDA_MAX_ITEMS = 40
SEATS_MAX = 25


class Meeting(models.Model):
    """A general meeting of the hub's members and partners: the annual meeting or another."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary general meeting")
        GENERAL = "general", _("General meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="general_meetings")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.ANNUAL)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), max_length=MINUTES_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("general meeting")
        verbose_name_plural = _("general meetings")
        indexes = [models.Index(fields=["hub", "status", "-starts_at"], name="governance_meeting_hub")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.hub.slug}/governance/meetings/{self.pk}/"


class AgendaItem(models.Model):
    """One numbered item of a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="governance_agenda_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Motion(models.Model):
    """A proposal to the meeting, decided by its ballot (or withdrawn by whoever proposed it)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("the motion"), max_length=TEXT_MAX)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when a representative proposes for their partner organisation.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#motion-{self.pk}"

    @property
    def hub(self) -> Hub:
        return self.meeting.hub


class Ballot(models.Model):
    """A vote at a meeting: on a motion (yes / no / abstain) or an election of several seats.

    Elections count by plurality block voting: each voter marks up to `seats` candidates, the
    `seats` candidates with the most marks are elected. A tie for the last seat is reported as a
    tie (`tied`), and a hub lead settles it by a draw that is recorded (`draw`) and audited.
    Motions are adopted when more votes say yes than no (abstentions count for neither).
    """

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")
        ELECTION = "election", _("Election")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for voting")
        CLOSED = "closed", _("Closed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ballots")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    motion = models.OneToOneField(
        Motion, null=True, blank=True, on_delete=models.CASCADE, related_name="ballot"
    )
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(SEATS_MAX)]
    )
    secret = models.BooleanField(_("secret ballot"), default=False)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # After closing: how many voted, and for an election whether a draw must settle a tie.
    voter_count = models.PositiveIntegerField(default=0)
    tied = models.BooleanField(default=False)
    draw = models.TextField(_("recorded draw"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="motion") & Q(motion__isnull=False) & Q(seats=1))
                | (Q(kind="election") & Q(motion__isnull=True)),
                name="governance_ballot_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.meeting.hub.slug}/governance/ballots/{self.pk}/"

    @property
    def hub(self) -> Hub:
        return self.meeting.hub

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_election(self) -> bool:
        return self.kind == self.Kind.ELECTION


class Candidate(models.Model):
    """A person standing in an election; `elected` is set when the ballot closes (or the draw)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    elected = models.BooleanField(default=False)

    class Meta:
        ordering = ["ballot", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [models.UniqueConstraint(fields=["ballot", "user"], name="governance_candidate_once")]

    def __str__(self) -> str:
        return str(self.user)


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class Voter(models.Model):
    """Who has voted in a ballot: a member person, or a partner organisation through
    `cast_by`, one of its representatives. Exactly one of `person` / `organisation` is set, and
    each may appear once per ballot. In an open ballot the row also keeps the choice; in a secret
    ballot `choice` is empty and `marks` has none."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="voters")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Open ballots only.
    choice = models.CharField(max_length=7, choices=Choice.choices, blank=True)
    marks = models.ManyToManyField(Candidate, blank=True, related_name="+")

    class Meta:
        ordering = ["ballot", "pk"]
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="governance_voter_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["ballot", "person"],
                condition=Q(person__isnull=False),
                name="governance_one_vote_per_person",
            ),
            models.UniqueConstraint(
                fields=["ballot", "organisation"],
                condition=Q(organisation__isnull=False),
                name="governance_one_vote_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"Voter in ballot {self.ballot_id}"


class Tally(models.Model):
    """The count for one option of a ballot: a choice (motions) or a candidate (elections).
    Created when the ballot opens, in the order of the options, never by a voter."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(max_length=7, choices=Choice.choices, blank=True)
    candidate = models.OneToOneField(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="tally"
    )
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["ballot", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "choice"],
                condition=Q(candidate__isnull=True),
                name="governance_tally_choice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.choice or self.candidate_id}: {self.votes}"


class Receipt(models.Model):
    """Proof that a secret vote was counted: the SHA-256 of the code the voter was shown once.
    A random key, no voter, no time, no choice: it cannot be ordered or joined back to anyone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="receipts")
    code_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        # Unique per ballot (a copy of a hub imported beside its original keeps its receipts).
        constraints = [
            models.UniqueConstraint(fields=["ballot", "code_hash"], name="receipt_unique_per_ballot")
        ]

    def __str__(self) -> str:
        return "Receipt"
