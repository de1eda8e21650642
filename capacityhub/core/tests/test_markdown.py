from capacityhub.core.markdown import render_markdown


def test_it_renders_markdown_with_headings_below_the_page_title():
    html = render_markdown("# Plan\n\nSome **bold** text and a [link](https://example.org).")
    assert "<h2>Plan</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert "nofollow" in html


def test_it_never_lets_scripts_handlers_or_javascript_links_through():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
        "[click](javascript:alert(3))\n\n<iframe src='https://evil.example'></iframe>"
    )
    assert "<script" not in html
    assert "<img" not in html  # the raw tag is escaped into text
    assert "javascript:" not in html
    assert "<iframe" not in html


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("Use <b>this</b> tag")
    assert "<b>" not in html
    assert "&lt;b&gt;" in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
