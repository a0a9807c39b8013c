"""`{% hubcache "kind" part … %}…{% endhubcache %}`: a part of a hub's page, rendered once per
content version of the hub (apps.hubs.versions), language and the given parts.

The block's HTML is cached, so anything lazy it reads (a queryset, a callable passed by the
view) costs nothing on a hit. Put in the parts whatever the block depends on beyond the hub and
the language: an area's code, a filter, and the audience when it shows something that only some
people may see. Needs `hub` in the context.
"""

from typing import Any

from django import template

from apps.hubs.versions import hub_cached

register = template.Library()


class HubCacheNode(template.Node):
    def __init__(
        self, nodelist: template.NodeList, kind: template.base.FilterExpression, parts: list[Any]
    ) -> None:
        self.nodelist = nodelist
        self.kind = kind
        self.parts = parts

    def render(self, context: template.Context) -> str:
        hub = context.get("hub")
        if hub is None:
            return self.nodelist.render(context)
        kind = str(self.kind.resolve(context))
        parts = [str(part.resolve(context)) for part in self.parts]
        # A node's output goes into the page as it is (the block escaped its own variables), as
        # Django's {% cache %} does: nothing to mark safe.
        return hub_cached(hub, f"fragment:{kind}", *parts, compute=lambda: str(self.nodelist.render(context)))


@register.tag
def hubcache(parser: template.base.Parser, token: template.base.Token) -> HubCacheNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% hubcache %} needs a kind: {% hubcache "brief" area.code %}')
    nodelist = parser.parse(("endhubcache",))
    parser.delete_first_token()
    return HubCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
