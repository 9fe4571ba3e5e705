"""The jinja2 environments of the council report: Markdown (with a Markdown-escaping filter) and
HTML (autoescape on, so document text can never become markup). Templates live in ``templates/``."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

_MD_SPECIAL = "\\`*_[]<>#|~"


def md_escape(value: object) -> str:
    """Document text inside Markdown: one line, no accidental markup, links, HTML or table breaks."""
    out = " ".join(str(value).split())
    for ch in _MD_SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out


def md_code(value: object) -> str:
    """Text inside a Markdown code span (paths, rule ids): no backticks or line breaks."""
    return " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")


def md_bar(score: object, width: int = 10) -> str:
    """A text bar for a theme: filled blocks for passed checks out of the applicable ones."""
    applicable = getattr(score, "applicable")
    passed = getattr(score, "passed")
    if not applicable:
        return "—"
    filled = round(width * passed / applicable)
    return "█" * filled + "░" * (width - filled) + f" {passed}/{applicable}"


def css_string(value: object, limit: int = 90) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element (the print footer): no quotes,
    backslashes, angle brackets, braces or line breaks; at most ``limit`` characters. Marked safe, as
    HTML entities would show literally inside <style>."""
    out = " ".join(str(value).split())
    for ch in '"\\<>{};':
        out = out.replace(ch, "")
    return Markup(out if len(out) <= limit else out[: limit - 1].rstrip() + "…")


@lru_cache(maxsize=None)
def markdown_env() -> Environment:
    env = Environment(loader=PackageLoader("sociaal_audit.output", "templates"), autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters["md"] = md_escape
    env.filters["code"] = md_code
    env.globals["bar"] = md_bar
    return env


@lru_cache(maxsize=None)
def html_env() -> Environment:
    env = Environment(loader=PackageLoader("sociaal_audit.output", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    env.filters["css_string"] = css_string
    return env
