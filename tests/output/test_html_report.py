"""The HTML council report: self-contained (no scripts, links, external URLs or images), accessible
(lang, headings, table headers), document text escaped, and the same sections as the Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ._report_fixtures import DATA, load, render, synthetic_run


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="module")
def example_html() -> str:
    return render(load("run-lindewaarde.json"), "html")


def test_self_contained(example_html: str) -> None:
    tags = parse(example_html).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not re.search(r"https?://", example_html)
    assert "@import" not in example_html and "url(" not in example_html
    for _, attrs in tags:
        assert not any(k.startswith("on") for k in attrs), attrs


def test_accessible_structure(example_html: str) -> None:
    doc = parse(example_html)
    html_tag = next(attrs for t, attrs in doc.tags if t == "html")
    assert html_tag.get("lang") == "nl"
    levels = [level for level, _ in doc.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "heading levels must not skip"
    assert ("th", {"scope": "col"}) in doc.tags and ("th", {"scope": "row"}) in doc.tags
    assert any(t == "meta" and a.get("charset") == "utf-8" for t, a in doc.tags)
    assert any(t == "div" and a.get("role") == "img" and a.get("aria-label") for t, a in doc.tags)  # bars are described
    signs = re.sub(r'<span aria-hidden="true">[✓✗]</span>', "", example_html)
    assert "✓" not in signs and "✗" not in signs, "the signs in the summary headings are hidden from screen readers"


def test_english_report_has_lang_en() -> None:
    html = render(load("run-lindewaarde.json"), "html", lang="en")
    assert '<html lang="en">' in html
    assert "<h2 id=\"summary\">Summary</h2>" in html and "Samenvatting" not in html
    assert "<blockquote>" not in html and '<blockquote lang="nl">' in html  # the quotes are Dutch


def test_contrast_of_text_colours() -> None:
    """Every text colour of the stylesheet reaches WCAG AA (4.5:1) on its background."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def ratio(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    html = render(load("run-lindewaarde.json"), "html")
    var = dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", html))
    pairs = [("ink", "soft"), ("muted", "soft"), ("ok", "ok-bg"), ("bad", "bad-bg"), ("warn", "warn-bg"),
             ("info", "info-bg"), ("ink", "ok-bg"), ("ink", "bad-bg"), ("ink", "info-bg"), ("muted", "bad-bg")]
    for fg, bg in pairs:
        assert ratio(var[fg], var[bg]) >= 4.5, (fg, bg, ratio(var[fg], var[bg]))


def test_print_css_for_a4(example_html: str) -> None:
    assert "@page{size:A4" in example_html
    assert "thead{display:table-header-group}" in example_html
    assert "break-inside:avoid" in example_html and "break-after:avoid" in example_html


def test_same_sections_as_markdown() -> None:
    run = load("run-two-documents.json")
    md_heads = [" ".join(line.lstrip("#").split()) for line in render(run, "markdown").splitlines() if line.startswith("#")]
    html_heads = [text.replace("✓ ", "").replace("✗ ", "") for _, text in parse(render(run, "html")).headings]
    html_heads = [re.sub(r" \(\d+\)$", "", h) for h in html_heads]  # the HTML boxes show counts
    md_heads = [h.replace("\\", "") for h in md_heads]
    assert html_heads == md_heads


def test_script_in_ordinance_is_shown_as_text(tmp_path: Path) -> None:
    from sociaal_audit.runner import CheckOptions, check_paths

    run = check_paths([str(DATA / "verordening-script-injectie.md")], CheckOptions(jobs=1))
    html = render(run, "html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(&#34;titel&#34;)&lt;/script&gt;" in html  # the title, in the header
    assert "&lt;script&gt;alert(&#34;uur&#34;)&lt;/script&gt;" in html  # a quote from article 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "onerror" not in html
    assert not any(k.startswith("on") for _, attrs in parse(html).tags for k in attrs)


def test_suppressed_finding_shows_reason_escaped() -> None:
    from sociaal_audit.results import Suppression

    run = synthetic_run()
    run.documents[0].results[1].suppressed = Suppression(rule="T-B", reason="<b>Raad</b> koos anders", path="x.md")
    html = render(run, "html")
    assert "Bewust geaccepteerd, met als reden: &lt;b&gt;Raad&lt;/b&gt; koos anders" in html


def test_corpus_results_have_their_section() -> None:
    from sociaal_audit.runner import CheckOptions, check_paths

    beekveld = Path(__file__).parents[1] / "corpus" / "data" / "beekveld"
    if not beekveld.is_dir():
        pytest.skip("Beekveld fixtures of the corpus tests are absent")
    run = check_paths([str(beekveld)], CheckOptions(packs=["integraliteit", "samenhang"], jobs=1))
    assert run.corpus, "the samenhang pack gives results across the Beekveld ordinances"
    html = render(run, "html")
    assert '<h2 id="corpus">Samenhang tussen documenten</h2>' in html
    assert "## Samenhang tussen documenten" in render(run, "markdown")


def test_title_in_print_footer_cannot_break_out_of_the_css_string() -> None:
    run = synthetic_run()
    run.documents[0].title = 'Verordening "x" \\ } </style><script>alert(1)</script>'
    html = render(run, "html")
    style = html.split("<style>")[1].split("</style>")[0]
    footer = re.search(r'@bottom-left\{content:"([^"]*)"', style)
    assert footer and footer.group(1) == "Integraliteitstoets sociaal domein · Verordening x   /stylescriptalert(1)/script"
    assert "<" not in style and "\\" not in style.split("@page")[1]
