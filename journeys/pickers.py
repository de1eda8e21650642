"""Helpers for journeys that use the capacity picker (static/web/pickers.js)."""

from playwright.sync_api import expect


def pick_capacity(page, query: str, code: str, levels: dict[str, int]) -> None:
    """Type `query` in the picker, choose the capacity `code`, and tick each relation of
    `levels` ({"knows": 4, "offers": 3}) with its level; other relations are left unticked."""
    search = page.locator("#capacity-search")
    search.fill(query)
    page.locator(f"#capacity-results [data-code='{code}']").click()
    row = page.locator(f".hub-picker__row[data-code='{code}']")
    expect(row).to_be_visible()
    for relation in ("knows", "offers", "wants"):
        box = row.locator(f"#claim-{code}-{relation}")
        if relation in levels:
            box.check()
            row.locator(f"#claim-{code}-{relation}-level").select_option(str(levels[relation]))
        else:
            box.uncheck()
