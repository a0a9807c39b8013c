"""The few rows the topology test needs, written into its database by a separate process
(`python -m tests.topology.seed`, run with the same settings as the servers).

Prints one line of JSON: the hub, the idea and the people (with the shared test password).
"""

import json


def main() -> None:
    import django

    django.setup()

    from allauth.account.models import EmailAddress

    from apps.hubs.models import Membership
    from apps.participation import services as participation
    from apps.participation.spaces import Space
    from tests.factories import PASSWORD, HubFactory, MembershipFactory, UserFactory

    hub = HubFactory(slug="oslo", name="Oslo")
    people = {}
    for name in ("stella", "mia", "vic"):
        user = UserFactory(email=f"{name}@example.org", name=name.title(), language="en")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        people[name] = user
    MembershipFactory(hub=hub, user=people["stella"], is_steward=True)
    MembershipFactory(hub=hub, user=people["mia"])
    assert not Membership.objects.filter(user=people["vic"]).exists()
    idea = participation.idea_create(
        space=Space(hub=hub), author=people["mia"], title="Benker i gården", body="Flere benker, takk."
    )
    print(
        json.dumps(
            {
                "hub": hub.slug,
                "idea": idea.pk,
                "idea_url": idea.get_absolute_url(),
                "password": PASSWORD,
                "people": {name: user.email for name, user in people.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
