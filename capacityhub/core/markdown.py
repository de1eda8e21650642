"""Markdown written by people (resource bodies, lessons, descriptions), rendered safely.

Markdown is rendered to HTML, then nh3 (the Rust `ammonia` sanitiser) keeps only an allow-list
of tags and attributes: no scripts, styles, event handlers, iframes or `javascript:` links; links
get `rel="nofollow noopener noreferrer"`. Raw HTML in the source is escaped, not passed on.
"""

import markdown as _markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "img": {"src", "alt", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_LENGTH = 100_000


class _EscapeHtml(_markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 - the Markdown API's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML of `text` (headings start at h2: the page owns the h1)."""
    html = _markdown.markdown(
        (text or "")[:MAX_LENGTH],
        extensions=["tables", "fenced_code", "sane_lists", _EscapeHtml()],
        output_format="html",
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
