"""core.comments: Markdown-like comments rendered to safe HTML, and their @mentions."""

from __future__ import annotations

import datetime

import pytest

from annotations.core.comments import EDIT_WINDOW, comment_render, editable, sanitise

PEOPLE = {"ana": "ana", "bob.s": "bob.s", "eddie": "Eddie"}


def test_formatting_renders_as_html():
    html = comment_render("**bold**, *italic* and `code`\n\n- one\n- two").html
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<ul>" in html and "<li>one</li>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        '<span class="mention" onclick="x()">@ana</span>',
    ],
)
def test_raw_html_never_passes_it_is_shown_as_text(text):
    html = comment_render(text).html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<a " not in html and "<span" not in html
    assert "&lt;" in html


def test_a_javascript_link_in_markdown_is_not_a_link():
    html = comment_render("[click](javascript:alert(1))").html
    assert "href" not in html


def test_links_keep_their_address_and_get_a_safe_rel():
    html = comment_render("[the report](https://stats.example.org/report)").html
    assert 'href="https://stats.example.org/report"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_an_image_stays_text_so_no_third_party_url_loads():
    html = comment_render("![chart](https://tracker.example/pixel.png)").html
    assert "<img" not in html


def test_the_sanitiser_drops_what_is_not_on_its_list_even_from_the_renderer():
    cleaned = sanitise('<p style="color:red" onclick="x()">hi <span class="evil">x</span></p>')
    assert cleaned == '<p>hi <span class="">x</span></p>'


def test_a_mention_of_a_reader_is_marked_and_reported():
    rendered = comment_render("@ana, could you check the figure? cc @Eddie", PEOPLE)
    assert rendered.mentions == ["ana", "Eddie"]
    assert '<span class="mention">@ana</span>' in rendered.html
    assert '<span class="mention">@Eddie</span>' in rendered.html


def test_an_unknown_name_stays_plain_text():
    rendered = comment_render("ask @carol about it", PEOPLE)
    assert rendered.mentions == []
    assert "ask @carol about it" in rendered.html
    assert "mention" not in rendered.html


def test_mentions_in_code_links_and_addresses_are_not_mentions():
    rendered = comment_render(
        "`@ana` and [@bob.s](https://example.org) and ana@example.org", PEOPLE
    )
    assert rendered.mentions == []


def test_a_mention_before_punctuation_and_twice_is_reported_once():
    rendered = comment_render("@bob.s. Again: @bob.s!", PEOPLE)
    assert rendered.mentions == ["bob.s"]
    assert rendered.html.count('class="mention"') == 2


def test_a_comment_is_editable_for_the_edit_window_only():
    posted = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    assert editable(posted, posted + EDIT_WINDOW)
    assert not editable(posted, posted + EDIT_WINDOW + datetime.timedelta(seconds=1))


def test_plain_text_drops_the_formatting_for_summaries():
    from annotations.core.comments import comment_plain_text

    text = "@ana check the **2020** figure\n\n> Critics & co\n\n- [report](https://e.org) <b>x</b>"
    assert comment_plain_text(text) == "@ana check the 2020 figure Critics & co report <b>x</b>"
