"""Places on an initiative's page that apps above initiatives fill (see apps.core.panels).

The page's own context (initiative, hub, user, request) is there for each panel's template.
"""

from apps.core.panels import Panels

# In the page's <head> (events adds the initiative's calendar feed).
INITIATIVE_HEAD = Panels("initiatives.detail.head")
# The main column after the updates: the process, ideas, map marks, surveys and votes, events,
# visions and the follow-up meetings, each added by its own app.
INITIATIVE_MAIN = Panels("initiatives.detail.main")
# The initiative's decision brief (/<hub>/initiatives/<slug>/brief/): sections with a `title`,
# each panel's `context(initiative=…)` returns its context or None to leave it out. Initiatives
# adds its process state and its area's indicators; participation "what residents said";
# partners its partners.
INITIATIVE_BRIEF = Panels("initiatives.brief")
