"""Bench data for ideas: 20,000 ideas with supports and comments in the largest hub's own
space, made with bulk_create (deterministic, once); returns the idea list endpoints."""

import random
from collections.abc import Callable

COUNT = 20_000


def prepare(hub_slug: str, log: Callable[[str], None], count: int = COUNT) -> list[str]:
    from apps.accounts.models import User
    from apps.hubs.models import Hub
    from apps.participation.models import Comment, Idea

    hub = Hub.objects.get(slug=hub_slug)
    existing = Idea.objects.filter(hub=hub, initiative=None, area=None).count()
    if existing < count:
        rng = random.Random(23)
        authors = list(User.objects.filter(memberships__hub=hub).values_list("pk", flat=True)[:2000])
        ideas = Idea.objects.bulk_create(
            [
                Idea(
                    hub=hub,
                    author_id=rng.choice(authors),
                    title=f"Idé nummer {i}: flere trær i gata",
                    body="Vi trenger flere trær, benker og trygge krysninger for barna.",
                    support_count=rng.randint(0, 200),
                    comment_count=0,
                )
                for i in range(existing, count)
            ],
            batch_size=2000,
        )
        comments = [
            Comment(idea=idea, author_id=rng.choice(authors), body="Enig! Dette trengs.")
            for idea in ideas[::10]
        ]
        Comment.objects.bulk_create(comments, batch_size=2000)
        Idea.objects.filter(pk__in=[idea.pk for idea in ideas[::10]]).update(comment_count=1)
        log(f"Generated {len(ideas):,} ideas in {hub_slug}'s own space.")
    h = hub_slug
    return [
        f"/{h}/ideas/",
        f"/{h}/ideas/hub/?sort=supported",
        f"/{h}/ideas/hub/?sort=discussed&page=20",
        f"/api/v1/hubs/{h}/spaces/hub/ideas",
        f"/api/v1/hubs/{h}/spaces/hub/ideas?sort=supported&offset=10000",
    ]
