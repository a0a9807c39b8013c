"""Places on a hub's front page that apps above hubs fill (see apps.core.panels).

Each gets `hub=` and `user=` (the visitor).
"""

from apps.core.panels import Links, Panels

# Under the hub's name: notices (processes adds "Being established: follow the steps").
HUB_NOTICES = Panels("hubs.home.notices")
# "Take part": where anyone can join in (initiatives, ideas, events, visions add theirs).
HUB_TAKE_PART = Links("hubs.home.take_part")
# "For stewards", after the hub's own management links (follow-up, moderation, processes).
HUB_STEWARD_LINKS = Links("hubs.home.stewards")
# In the front page's <head> (events adds the hub's calendar feed).
HUB_HEAD = Panels("hubs.home.head")
# The hub's list of partner organisations, after the list (partners adds what each commits).
HUB_PARTNER_LIST = Panels("hubs.partners")
