"""Places on the knowledge pages that apps above knowledge fill (see apps.core.panels)."""

from apps.core.panels import Panels

# The explorer's side column, under "About this indicator": each panel gets `hub=` and
# `indicator=` (goals adds the indicator's goal tags).
INDICATOR_ASIDE = Panels("knowledge.explorer.indicator")
