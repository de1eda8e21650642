"""Template helpers for connections, so that any page showing a need can include
"web/exchange/needs/_connections.html" with only `need` in its context."""

from django import template

from capacityhub.exchange.selectors.connections import can_act_for_need, connections_for_need

register = template.Library()


@register.simple_tag(takes_context=True)
def need_connections(context, need) -> list:
    """The need's connections the current user may see (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return connections_for_need(need=need, viewer=user)


@register.simple_tag(takes_context=True)
def can_invite(context, need) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return can_act_for_need(need=need, user=user)
