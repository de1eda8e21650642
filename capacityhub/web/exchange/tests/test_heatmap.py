"""The SVG heat map, without a database."""

import xml.etree.ElementTree as ET

from capacityhub.web.exchange.heatmap import (
    EMPTY_FILL,
    MIN_DATA,
    PALETTE,
    SPARSE_FILL,
    HeatCell,
    HeatRow,
    HeatText,
    blend,
    contrast,
    gap_class,
    heatmap_svg,
    strength,
    text_colour,
)

SVG = "{http://www.w3.org/2000/svg}"
TEXT = HeatText(title="Capacity map", description="Demand against supply per region.")


def picture(rows=None, columns=("Sub-Saharan Africa", "Online"), **options) -> ET.Element:
    rows = (
        rows
        if rows is not None
        else [
            HeatRow("Fundraising", 0, [HeatCell(1, 5, 0.57), HeatCell(6, 1, -0.62)]),
            HeatRow("Grant reporting", 1, [HeatCell(0, 0, 0.0), HeatCell(2, 2, 0.0)]),
        ]
    )
    return ET.fromstring(heatmap_svg(rows=rows, columns=list(columns), text=TEXT, **options))


def fills(root: ET.Element) -> list[str]:
    return [rect.get("fill") for rect in root.iter(f"{SVG}rect")]


def test_the_heat_map_is_valid_xml_with_a_title_and_a_description():
    root = picture()

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "capacity-map-title capacity-map-desc"
    assert root.find(f"{SVG}title").text == "Capacity map"
    assert root.find(f"{SVG}desc").text == "Demand against supply per region."
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") is None  # scales to the screen through its viewBox


def test_labels_with_markup_characters_are_escaped():
    rows = [HeatRow('<script>alert("x")</script> & co', 0, [HeatCell(1, 1, 0.0)])]
    source = heatmap_svg(rows=rows, columns=['"Online" & <more>'], text=TEXT)
    root = ET.fromstring(source)

    assert "<script>" not in source
    texts = "".join(root.itertext())
    assert '<script>alert("x")</script> & co' in texts
    assert '"Online" & <more>' in texts


def test_positive_and_negative_gaps_get_different_colours():
    root = picture()
    colours = fills(root)

    assert PALETTE[gap_class(0.57)] in colours
    assert PALETTE[gap_class(-0.62)] in colours
    assert PALETTE[gap_class(0.57)] != PALETTE[gap_class(-0.62)]
    assert EMPTY_FILL in colours  # the cell with neither offers nor needs


def test_the_palette_runs_from_supply_to_demand_through_a_neutral_middle():
    assert gap_class(-0.99) == 0
    assert gap_class(0.0) == len(PALETTE) // 2
    assert gap_class(0.99) == len(PALETTE) - 1


def test_every_cell_number_has_enough_contrast_with_its_colour():
    for colour in (*PALETTE, EMPTY_FILL):
        assert contrast(colour, text_colour(colour)) >= 4.5


def test_each_cell_tells_its_figures_in_a_tooltip():
    root = picture()
    tips = [title.text for title in root.iter(f"{SVG}title")]

    assert any("Fundraising · Sub-Saharan Africa" in tip and "demand 5" in tip for tip in tips)


def test_a_right_to_left_map_is_mirrored_and_says_so():
    ltr, rtl = picture(), picture(rtl=True)

    assert rtl.get("direction") == "rtl"
    assert ltr.get("direction") == "ltr"

    def label_x(root):
        return next(float(t.get("x")) for t in root.iter(f"{SVG}text") if t.text == "Fundraising")

    width = float(ltr.get("viewBox").split()[2])
    assert label_x(ltr) < width / 2 < label_x(rtl)


def test_an_english_label_on_a_right_to_left_map_keeps_its_own_direction():
    rows = [HeatRow("Fundraising", 0, [HeatCell(1, 1, 0.0)], lang="en")]
    root = picture(rows=rows, columns=["Online"], rtl=True)
    label = next(t for t in root.iter(f"{SVG}text") if t.text == "Fundraising")

    assert label.get("direction") == "ltr"
    assert label.get("text-anchor") == "end"


def test_an_empty_map_still_draws_a_legend():
    root = picture(rows=[], columns=[])

    assert set(PALETTE) <= set(fills(root))


def cell_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]


def test_cells_show_their_counts_and_fewer_data_are_paler():
    rows = [HeatRow("Fundraising", 0, [HeatCell(2, 38, 0.9), HeatCell(1, 4, 0.6)])]
    root = picture(rows=rows)
    big, small = cell_groups(root)

    assert "38\u2009/\u20092" in "".join(big.itertext())  # needs / offers
    assert "4\u2009/\u20091" in "".join(small.itertext())
    big_fill, small_fill = (g.find(f"{SVG}rect").get("fill") for g in (big, small))
    assert big_fill == PALETTE[gap_class(0.9)]  # the largest volume at full strength
    assert small_fill != PALETTE[gap_class(0.6)]
    assert contrast(small_fill, "#ffffff") < contrast(PALETTE[gap_class(0.6)], "#ffffff")


def test_cells_with_too_few_data_are_grey_hatched_and_show_no_gap():
    rows = [HeatRow("Fundraising", 0, [HeatCell(0, 2, 1.0), HeatCell(5, 5, 0.0)])]
    root = picture(rows=rows)
    sparse = cell_groups(root)[0]

    rects = sparse.findall(f"{SVG}rect")
    assert rects[0].get("fill") == SPARSE_FILL
    assert rects[1].get("fill") == "url(#capacity-map-sparse)"
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == "capacity-map-sparse"
    shown = [text.text for text in sparse.iter(f"{SVG}text")]
    assert shown == ["2\u2009/\u20090"]  # the counts, no gap
    assert "too few to compare" in sparse.find(f"{SVG}title").text


def test_every_cell_colour_at_any_volume_keeps_its_numbers_readable():
    for colour in PALETTE:
        for volume in range(MIN_DATA, 60):
            fill = blend(colour, strength(volume, 60))
            assert contrast(fill, text_colour(fill)) >= 4.5
    assert contrast(SPARSE_FILL, text_colour(SPARSE_FILL)) >= 4.5


def test_the_legend_says_what_negative_numbers_and_grey_cells_mean():
    texts = "".join(picture().itertext())

    assert "negative (−) means more offers than needs" in texts
    assert f"fewer than {MIN_DATA}" in texts
