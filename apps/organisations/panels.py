"""Places on an organisation's page that apps above organisations fill (see apps.core.panels)."""

from apps.core.panels import Panels

# The organisation's public page, main column: each panel gets `organisation=` and `can_edit=`
# (hubs adds "Partner in").
ORGANISATION_PAGE = Panels("organisations.detail")
