"""Places on a person's own pages that apps above accounts fill (see apps.core.panels)."""

from apps.core.panels import Panels

# "My page" (/me/): each panel gets `user=` (hubs adds "My hubs", organisations "My
# organisations").
ME_PAGE = Panels("accounts.me")
