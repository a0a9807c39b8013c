"""What surveys adds to a hub's front page: the votes and surveys open now, and whether this
visitor has answered them."""

from typing import Any

from django.db.models import Q
from django.utils import timezone

from apps.surveys.models import Ballot, ConceptVote, Response, Status, Survey

LIMIT = 4


def _accepting(model: Any, hub: Any) -> Any:
    now = timezone.now()
    return (
        model.objects.filter(hub=hub, status=Status.OPEN)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("hub", "initiative")
        .order_by("closes_at", "-pk")
    )


def open_now(*, hub: Any, user: Any, **kwargs: Any) -> dict[str, Any] | None:
    """Open concept votes and surveys (at most four of each, closing soonest first); None when
    nothing is open. Four queries whatever the numbers."""
    votes = list(_accepting(ConceptVote, hub)[:LIMIT])
    surveys = list(_accepting(Survey, hub)[:LIMIT])
    if not votes and not surveys:
        return None
    voted: set[int] = set()
    answered: set[int] = set()
    if getattr(user, "is_authenticated", False):
        voted = set(
            Ballot.objects.filter(voter=user, vote__in=[v.pk for v in votes]).values_list(
                "vote_id", flat=True
            )
        )
        answered = set(
            Response.objects.filter(respondent=user, survey__in=[s.pk for s in surveys]).values_list(
                "survey_id", flat=True
            )
        )
    for vote in votes:
        vote.has_voted = vote.pk in voted  # type: ignore[attr-defined]
    for survey in surveys:
        survey.has_answered = survey.pk in answered  # type: ignore[attr-defined]
    return {"votes": votes, "surveys": surveys}
