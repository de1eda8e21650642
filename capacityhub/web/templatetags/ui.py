"""`{% icon %}`: a Codex icon as inline SVG, mirrored for right-to-left where Codex says so.

Decorative by default (`aria-hidden`): put the words beside it. Give `label=` only for an icon
that stands alone (then it is announced as an image with that name).
"""

from django import template
from django.utils.html import format_html, mark_safe
from django.utils.translation import get_language_bidi

from capacityhub.web.core import codex

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", size: int = 20, css_class: str = ""):
    shapes = codex.icon_shapes().get(name)
    if shapes is None:
        raise template.TemplateSyntaxError(
            f"Unknown icon {name!r}: add it to ICONS in capacityhub/web/codex.py and run "
            "`make assets`."
        )
    rtl = get_language_bidi()
    classes = " ".join(filter(None, ["cdx-icon", "hub-icon", css_class]))
    if rtl and shapes["flip"]:
        classes += " hub-icon--flipped"
    # The shapes come from the pinned Codex package, never from users.
    path = mark_safe(shapes["rtl"] if rtl else shapes["ltr"])  # noqa: S308
    if label:
        return format_html(
            '<svg class="{}" width="{}" height="{}" viewBox="0 0 20 20" role="img" '
            'aria-label="{}" focusable="false"><title>{}</title>{}</svg>',
            classes,
            size,
            size,
            label,
            label,
            path,
        )
    return format_html(
        '<svg class="{}" width="{}" height="{}" viewBox="0 0 20 20" aria-hidden="true" '
        'focusable="false">{}</svg>',
        classes,
        size,
        size,
        path,
    )
