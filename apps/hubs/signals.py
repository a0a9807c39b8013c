"""Signals of hubs that apps above listen to.

`hub_imported` is sent after a whole hub arrived from an archive (apps.transfer): its rows came
in bulk, without the save signals that keep derived data current, so listeners rebuild what they
derive from a hub (the search index does)."""

from django.dispatch import Signal

hub_imported = Signal()  # kwargs: hub
