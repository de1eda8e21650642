"""The capacity map as a server-rendered SVG heat map. Pure: matrix + labels → SVG text.

- Colours: a diverging purple–orange palette (ColorBrewer PuOr, seven classes, safe for the
  common colour-vision deficiencies): purple where supply outruns demand, orange where demand
  outruns supply, near-white when balanced. The colour's strength encodes the volume: a cell
  with few offers and needs (relative to the map's largest) is paler, and a cell with fewer
  than MIN_DATA of them is grey and hatched (too few to call a gap). Each cell shows its gap
  and, below it, its counts (needs / offers), in black or white, whichever contrasts more with
  its fill (at least 4.5:1 for any fill), and carries a <title> with the full figures.
- Accessible: ``role="img"`` with <title> and <desc> referenced by ``aria-labelledby``; the
  page shows the same figures in a data table beside it.
- Responsive: a viewBox and no fixed size, so it shrinks to a 360 px screen.
- Right-to-left: the grid is mirrored (row labels on the right, first column on the right) and
  the root carries ``direction="rtl"``; labels are anchored with ``text-anchor="start"``,
  which follows the text direction, at mirrored positions.
- Only presentation attributes, no ``style``: the site's Content-Security-Policy forbids inline
  styles.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

# ColorBrewer PuOr (7 classes), from "supply outruns demand" to "demand outruns supply".
PALETTE = ("#542788", "#998ec3", "#d8daeb", "#f7f7f7", "#fee0b6", "#f1a340", "#b35806")
# Upper bounds of the gap classes (the last class takes everything above 0.6).
BOUNDS = (-0.6, -0.3, -0.1, 0.1, 0.3, 0.6)
EMPTY_FILL = "#ffffff"
SPARSE_FILL = "#eaecf0"  # Codex background-color-interactive-subtle: neutral, not a gap
SPARSE_HATCH = "#a2a9b1"
MIN_DATA = 3  # fewer offers + needs than this: greyed out, no colour for the gap
MIN_STRENGTH = 0.35  # the palest a coloured cell gets (the smallest volume)
GRID_STROKE = "#767676"  # 4.5:1 against white
# Pure black: with white, one of the two reaches 4.58:1 on any fill (blended ones included).
TEXT_DARK, TEXT_LIGHT = "#000000", "#ffffff"

CELL_W, CELL_H, PAD = 48, 34, 6
CHAR_W = 7.2  # generous average advance of a 12-unit sans-serif character (bold included)
MAX_LABEL = 34
MAX_COLUMN_LABEL = 22


@dataclass(frozen=True)
class HeatCell:
    supply: int
    demand: int
    gap: float


@dataclass(frozen=True)
class HeatRow:
    label: str
    depth: int
    cells: Sequence[HeatCell]
    lang: str = ""


@dataclass(frozen=True)
class HeatText:
    """Every word the picture shows, already in the reader's language."""

    title: str
    description: str
    supply_outruns: str = "Supply outruns demand"
    balanced: str = "Balanced"
    demand_outruns: str = "Demand outruns supply"
    no_data: str = "No offers or needs"
    cell: str = "{row} · {column}: demand {demand}, supply {supply}, gap {gap}"
    sparse: str = "too few to compare"
    negative_means: str = (
        "Gap from −100 to +100: negative (−) means more offers than needs, positive (+) more "
        "needs than offers."
    )
    volume_means: str = (
        "Below each gap: needs / offers. Paler cells have fewer of them; grey hatched cells "
        "have fewer than {minimum} and are not coloured."
    )


RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)


def is_rtl_language(code: str) -> bool:
    return code.replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES


def gap_class(value: float) -> int:
    """Index into PALETTE for a gap in [-1, 1]."""
    for index, bound in enumerate(BOUNDS):
        if value < bound:
            return index
    return len(BOUNDS)


def blend(colour: str, strength: float, base: str = "#ffffff") -> str:
    """The colour at this strength (0..1) over the base: what an opacity would show, as a
    plain fill whose contrast with the text can be computed."""
    mixed = (
        round(
            int(base[i : i + 2], 16)
            + (int(colour[i : i + 2], 16) - int(base[i : i + 2], 16)) * strength
        )
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02x}" for c in mixed)


def strength(volume: int, largest: int) -> float:
    """How strongly a cell with this many offers + needs is coloured, the largest at full."""
    if largest <= MIN_DATA:
        return 1.0
    share = max(0.0, (volume - MIN_DATA) / (largest - MIN_DATA))
    return MIN_STRENGTH + (1 - MIN_STRENGTH) * share**0.5


def cell_fill(cell: "HeatCell", largest: int) -> str:
    volume = cell.supply + cell.demand
    if volume == 0:
        return EMPTY_FILL
    if volume < MIN_DATA:
        return SPARSE_FILL
    return blend(PALETTE[gap_class(cell.gap)], strength(volume, largest))


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(fill: str) -> str:
    return max((TEXT_DARK, TEXT_LIGHT), key=lambda text: contrast(fill, text))


def signed(value: float) -> str:
    """A gap as a signed whole percentage: +40, −25, 0 (a real minus sign)."""
    percent = round(value * 100)
    if percent > 0:
        return f"+{percent}"
    return f"\u2212{-percent}" if percent < 0 else "0"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _attrs(**values) -> str:
    return " ".join(
        f"{name.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for name, v in values.items()
    )


class _Layout:
    """Where things go. Works in LTR coordinates and mirrors x for right-to-left."""

    def __init__(
        self, rows: Sequence[HeatRow], columns: Sequence[str], rtl: bool, text: "HeatText"
    ) -> None:
        longest = max((len(_short(r.label, MAX_LABEL)) + 2 * r.depth + 1 for r in rows), default=8)
        self.label_w = int(min(MAX_LABEL + 6, max(longest, 8)) * CHAR_W) + PAD
        longest_column = max((len(_short(c, MAX_COLUMN_LABEL)) for c in columns), default=4)
        self.header_h = int(longest_column * CHAR_W * 0.72) + 3 * PAD  # labels at −45°
        self.grid_w = CELL_W * len(columns)
        self.width = self.label_w + self.grid_w + 3 * PAD + int(longest_column * CHAR_W * 0.72)
        self.legend_y = self.header_h + CELL_H * len(rows) + 3 * PAD
        self.height = self.legend_y + 100
        # The legend's end labels sit under its two ends: make it as wide as the longer one.
        longest_legend = max(len(text.supply_outruns), len(text.demand_outruns))
        self.swatch = max(28, int(longest_legend * CHAR_W / len(PALETTE)) + 1)
        self.width = max(self.width, self.swatch * len(PALETTE) + 2 * PAD)
        # The two explanation lines are one line each: room for the longer one.
        longest_note = max(len(text.negative_means), len(text.volume_means) + 6)
        self.width = max(self.width, int(longest_note * CHAR_W * 0.95) + 2 * PAD + 36)
        self.rtl = rtl

    def x(self, ltr_x: float, width: float = 0) -> float:
        return self.width - ltr_x - width if self.rtl else ltr_x

    def cell_x(self, column: int) -> float:
        return self.x(self.label_w + PAD + column * CELL_W, CELL_W)

    def row_y(self, row: int) -> float:
        return self.header_h + row * CELL_H


def _cell(
    row: HeatRow, column: str, cell: HeatCell, x: float, y: float, text: HeatText, largest: int
):
    empty = cell.supply == 0 and cell.demand == 0
    sparse = not empty and cell.supply + cell.demand < MIN_DATA
    fill = cell_fill(cell, largest)
    tip = text.cell.format(
        row=row.label, column=column, demand=cell.demand, supply=cell.supply, gap=signed(cell.gap)
    )
    if empty:
        tip = f"{row.label} · {column}: {text.no_data}"
    elif sparse:
        tip = f"{tip} ({text.sparse})"
    shape = _attrs(x=x, y=y, width=CELL_W, height=CELL_H, fill=fill, stroke=GRID_STROKE)
    hatch = ""
    if sparse:
        hatch = (
            "<rect "
            + _attrs(x=x, y=y, width=CELL_W, height=CELL_H, fill="url(#capacity-map-sparse)")
            + "/>"
        )
    # A grey cell shows its counts only: too few data to call a gap.
    label = "·" if empty else ("" if sparse else signed(cell.gap))
    # Numbers read left to right in every script: without this, "+40" would show as "40+".
    # Inlined in an HTML page the page's own dir="rtl" is inherited; the class lets the
    # site's stylesheet set direction there too (see hub.css, .capacity-map-svg-number).
    ink = text_colour(fill)
    number = 'class="capacity-map-svg-number" ' + _attrs(
        x=x + CELL_W / 2,
        y=y + (CELL_H / 2 + 4 if empty else 14),
        text_anchor="middle",
        fill=ink,
        direction="ltr",
    )
    counts = ""
    if not empty:
        counts_attrs = 'class="capacity-map-svg-number capacity-map-svg-counts" ' + _attrs(
            x=x + CELL_W / 2,
            y=y + 28,
            text_anchor="middle",
            fill=ink,
            direction="ltr",
            font_size="10",
        )
        figures = f"{cell.demand}\u2009/\u2009{cell.supply}"
        counts = f'<text {counts_attrs} aria-hidden="true">{figures}</text>'
    return (
        f"<g><title>{escape(tip)}</title><rect {shape}/>{hatch}"
        + (f'<text {number} aria-hidden="true">{escape(label)}</text>' if label else "")
        + f"{counts}</g>"
    )


def _row_label(row: HeatRow, index: int, layout: _Layout) -> str:
    # Indented by depth like a tree. "start" follows the text direction, so with the root's
    # direction="rtl" and the mirrored x the label starts at the right edge and reads leftward.
    # A label in a script of the other direction (an English fallback on an Arabic page) gets
    # its own direction and is anchored at its "end", which is then the same edge.
    x = layout.x(PAD + 2 * CHAR_W * row.depth)
    y = layout.row_y(index) + CELL_H / 2 + 4
    label_rtl = is_rtl_language(row.lang) if row.lang else layout.rtl
    direction = "rtl" if label_rtl else "ltr"
    anchor = "start" if (direction == "rtl") == layout.rtl else "end"
    attrs = _attrs(x=x, y=y, text_anchor=anchor, direction=direction)
    lang = f" lang={quoteattr(row.lang)}" if row.lang else ""
    weight = ' font-weight="bold"' if row.depth == 0 else ""
    short = _short(row.label, MAX_LABEL)
    title = f"<title>{escape(row.label)}</title>" if short != row.label else ""
    return f"<text {attrs}{lang}{weight}>{title}{escape(short)}</text>"


def _column_label(column: str, index: int, layout: _Layout) -> str:
    x = layout.cell_x(index) + CELL_W / 2
    y = layout.header_h - PAD
    angle = 45 if layout.rtl else -45
    short = _short(column, MAX_COLUMN_LABEL)
    title = f"<title>{escape(column)}</title>" if short != column else ""
    attrs = _attrs(x=x, y=y, text_anchor="start", transform=f"rotate({angle} {x} {y})")
    return f"<text {attrs}>{title}{escape(short)}</text>"


def _text(content: str, **attrs) -> str:
    return f"<text {_attrs(**attrs)}>{escape(content)}</text>"


def _legend(layout: _Layout, text: HeatText) -> list[str]:
    swatch = layout.swatch
    start = layout.x(PAD, swatch * len(PALETTE)) if layout.rtl else PAD
    y = layout.legend_y
    parts = []
    # Swatches run from "supply outruns" to "demand outruns" in reading order.
    for index, colour in enumerate(PALETTE):
        offset = (len(PALETTE) - 1 - index) if layout.rtl else index
        box = _attrs(
            x=start + offset * swatch, y=y, width=swatch, height=14, fill=colour, stroke=GRID_STROKE
        )
        parts.append(f"<rect {box}/>")
    near, far = start, start + swatch * len(PALETTE)
    first_x, last_x = (far, near) if layout.rtl else (near, far)
    parts.append(_text(text.supply_outruns, x=first_x, y=y + 30, text_anchor="start"))
    parts.append(_text(text.demand_outruns, x=last_x, y=y + 48, text_anchor="end"))
    parts.append(_text(text.balanced, x=(near + far) / 2, y=y - 4, text_anchor="middle"))
    # What the numbers mean, then a sample grey cell and what paleness and grey mean.
    anchor_x = layout.x(PAD)
    parts.append(_text(text.negative_means, x=anchor_x, y=y + 68, text_anchor="start"))
    sample = _attrs(
        x=layout.x(PAD, 28), y=y + 78, width=28, height=14, fill=SPARSE_FILL, stroke=GRID_STROKE
    )
    hatch = _attrs(
        x=layout.x(PAD, 28), y=y + 78, width=28, height=14, fill="url(#capacity-map-sparse)"
    )
    parts.append(f"<rect {sample}/><rect {hatch}/>")
    volume = text.volume_means.format(minimum=MIN_DATA)
    parts.append(_text(volume, x=layout.x(PAD + 36), y=y + 90, text_anchor="start"))
    return parts


def _defs() -> str:
    """The hatching of cells with too few data (a pattern: no inline style needed)."""
    line = _attrs(x1=0, y1=0, x2=0, y2=6, stroke=SPARSE_HATCH, stroke_width=2)
    pattern = _attrs(
        id="capacity-map-sparse",
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    return f"<defs><pattern {pattern}><line {line}/></pattern></defs>"


def heatmap_svg(
    *,
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    text: HeatText,
    rtl: bool = False,
    id_prefix: str = "capacity-map",
    lang: str = "",
) -> str:
    """The heat map as a standalone SVG document fragment (no XML declaration), ready to be
    inlined in HTML or served as image/svg+xml."""
    layout = _Layout(rows, columns, rtl, text)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    root = _attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {layout.width} {layout.height}",
        role="img",
        aria_labelledby=f"{title_id} {desc_id}",
        font_family="system-ui, sans-serif",
        font_size="12",
        direction="rtl" if rtl else "ltr",
        preserveAspectRatio="xMinYMin meet",
    )
    root += f' class="{id_prefix}-svg"'
    if lang:
        root += f" lang={quoteattr(lang)}"
    parts = [
        f"<svg {root}>",
        f"<title id={quoteattr(title_id)}>{escape(text.title)}</title>",
        f"<desc id={quoteattr(desc_id)}>{escape(text.description)}</desc>",
        _defs(),
        f"<rect {_attrs(x=0, y=0, width=layout.width, height=layout.height, fill='#ffffff')}/>",
    ]
    largest = max((c.supply + c.demand for row in rows for c in row.cells), default=0)
    parts += [_column_label(column, i, layout) for i, column in enumerate(columns)]
    for r, row in enumerate(rows):
        parts.append(_row_label(row, r, layout))
        y = layout.row_y(r)
        for c, (column, cell) in enumerate(zip(columns, row.cells, strict=True)):
            parts.append(_cell(row, column, cell, layout.cell_x(c), y, text, largest))
    parts += _legend(layout, text)
    parts.append("</svg>")
    return "\n".join(parts)
