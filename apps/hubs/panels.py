"""Places on a hub's front page that apps above hubs fill (see apps.core.panels).

Each gets `hub=` and `user=` (the visitor).
"""

from apps.core.panels import Links, Panels

# Under the hub's name: notices (processes adds "Being established: follow the steps").
HUB_NOTICES = Panels("hubs.home.notices")
# "Happening now", high on the front page: open votes and surveys (surveys), events soon
# (events), the newest initiatives on a map (initiatives).
HUB_NOW = Panels("hubs.home.now")
# The visitor's first step, after the hub's own join button: what a member can do at once
# (share an idea, start an initiative). Each link's `show` decides who sees it.
HUB_FIRST_STEPS = Links("hubs.home.first_steps")
# Below working groups and partners: the hub's goals (goals).
HUB_BELOW = Panels("hubs.home.below")
# "Take part": where anyone can join in (initiatives, ideas, events, visions add theirs).
HUB_TAKE_PART = Links("hubs.home.take_part")
# "For stewards", after the hub's own management links (follow-up, moderation, processes). A
# link with a `count` is part of the steward's queue: the number shows beside it, and the sum
# heads the front page for a steward.
HUB_STEWARD_LINKS = Links("hubs.home.stewards")
# In the front page's <head> (events adds the hub's calendar feed).
HUB_HEAD = Panels("hubs.home.head")
# The hub's list of partner organisations, after the list (partners adds what each commits).
HUB_PARTNER_LIST = Panels("hubs.partners")
