"""Places on the area pages that apps above places fill (see apps.core.panels).

Each panel gets `hub=` and (on an area's page) `area=`.
"""

from apps.core.panels import Panels

# The map of all areas: buttons in the page header (knowledge adds "Explore data on the map").
AREAS_HEADER = Panels("places.areas.header")
# An area's page: buttons in the header (knowledge: "Decision brief"), sections of the main column
# (knowledge: "How it is doing") and panels of the side column (goals: the area's goal tags).
AREA_HEADER = Panels("places.area.header")
AREA_MAIN = Panels("places.area.main")
AREA_ASIDE = Panels("places.area.aside")
