"""``sociaal-audit init``: set a repository up for checks on every change.

Writes a commented ``sociaal-audit.yaml``, a GitHub Actions workflow (annotations on the pull
request, SARIF to code scanning, JUnit report) and a ``.pre-commit-config.yaml``. Existing files
are left alone unless ``--force`` is given. Everything written is valid as written: the config
loads, the workflow is YAML, the pre-commit config passes pre-commit's own validator.
"""

from __future__ import annotations

import json
import os
import re
from typing import Optional

import typer

from .. import __version__
from ..errors import AuditError
from . import app
from .common import EXIT_OK, Lang, fail

CONFIG_PATH = "sociaal-audit.yaml"
WORKFLOW_PATH = ".github/workflows/sociaal-audit.yml"
PRECOMMIT_PATH = ".pre-commit-config.yaml"



def hook_files() -> str:
    """The ``files`` regex of the hook: every document extension sociaal-audit reads, in any case
    (pre-commit replaces the hook's own ``files`` when the config sets one, so it must be complete)."""
    from ..documents.readers import known_extensions

    names = sorted({ext.lstrip(".").lower() for ext in known_extensions()})
    return r"\.(?i:" + "|".join(re.escape(n) for n in names) + ")$"

_MESSAGES = {
    "written": {"nl": "{path}: geschreven", "en": "{path}: written"},
    "exists": {"nl": "{path}: bestaat al, niet overschreven (gebruik --force)", "en": "{path}: exists, left alone (use --force)"},
    "bad_value": {
        "nl": "{option} mag niet leeg zijn en geen spaties of aanhalingstekens bevatten (kreeg '{value}')",
        "en": "{option} must not be empty or hold spaces or quotes (got '{value}')",
    },
    "bad_docs": {
        "nl": "--docs moet een map binnen het project zijn (kreeg '{docs}')",
        "en": "--docs must be a directory inside the project (got '{docs}')",
    },
}


def _m(key: str, lang: str, **params: object) -> str:
    entry = _MESSAGES[key]
    return (entry.get(lang) or entry["nl"]).format(**params)


def config_text(docs: str) -> str:
    return f"""\
# sociaal-audit configuration (docs/ci.md). Command line flags override these values;
# `sociaal-audit config show` prints the effective values and where each came from.

# Rule packs: built-in ids or paths to YAML files (relative to this file).
packs: [integraliteit]

# Exit code 1 when a finding has this severity or higher: error, warning, info or never.
fail_on: error

# Language of messages and reports: nl or en.
lang: nl

# Which files to check (globs relative to this file; a bare name matches at any depth).
include:
  - "{docs}/**"
exclude:
  - "{docs}/archief/**"

# Rules: an id or an id prefix up to a dash (INT-P05 = INT-P05-hardheidsclausule).
# enable: [INT-P05, INT-P07]        # only these rules (default: all)
# disable: [INT-P06]                # leave these out
# severity:                         # change a rule's severity
#   INT-P07: info
# thresholds:                       # change a rule's numeric parameters
#   INT-P11: {{max: 3}}

# Accepted findings per path, each with a reason (listed in every report, never blocking).
# In a document: <!-- sociaal-audit: negeer INT-P05 reden="..." --> before an article.
# ignore:
#   - path: "{docs}/oud/**"
#     rules: [INT-P05]
#     reason: "Wordt in 2027 ingetrokken; geen wijzigingen meer"

# Findings recorded with `sociaal-audit baseline create {docs} -o sociaal-audit-baseline.json`
# do not block; only new findings do.
# baseline: sociaal-audit-baseline.json
"""


def workflow_text(docs: str, install: str) -> str:
    return f"""\
# sociaal-audit on every change: annotations on the pull request, results in code scanning.
name: sociaal-audit

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  security-events: write  # upload SARIF to code scanning
  actions: read  # upload-sarif reads the workflow run (needed in private repositories)

jobs:
  sociaal-audit:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # From PyPI; for a copy kept in a git repository install "git+https://…/sociaal-audit.git@TAG".
      - name: Install sociaal-audit
        run: python -m pip install {json.dumps(install)}
      - name: Check the ordinances
        run: >-
          sociaal-audit check {docs}
          --format github
          --output-format sarif:sociaal-audit.sarif
          --output-format junit:sociaal-audit-junit.xml
      - name: Upload SARIF to code scanning
        if: always() && hashFiles('sociaal-audit.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: sociaal-audit.sarif
          category: sociaal-audit
      - name: Keep the reports
        if: always() && hashFiles('sociaal-audit.sarif') != ''
        uses: actions/upload-artifact@v4
        with:
          name: sociaal-audit
          path: |
            sociaal-audit.sarif
            sociaal-audit-junit.xml
"""


def precommit_text(docs: str, repo: str | None, rev: str | None) -> str:
    files = "^" + re.escape(docs.rstrip("/")) + "/.*" + hook_files()
    if repo:
        return f"""\
# sociaal-audit as a pre-commit hook (https://pre-commit.com): checks the changed documents.
repos:
  - repo: {json.dumps(repo)}
    rev: {json.dumps(rev or "v" + __version__)}
    hooks:
      - id: sociaal-audit
        files: '{files}'
"""
    return f"""\
# sociaal-audit as a pre-commit hook (https://pre-commit.com): checks the changed documents.
# Uses the sociaal-audit installed in this environment (pip install sociaal-audit).
repos:
  - repo: local
    hooks:
      - id: sociaal-audit
        name: sociaal-audit
        entry: sociaal-audit check
        language: system
        files: '{files}'
        require_serial: true
"""


def _valid_docs(docs: str) -> bool:
    norm = os.path.normpath(docs)
    return bool(docs.strip()) and not os.path.isabs(norm) and not norm.startswith("..") and not any(c in docs for c in "'\"\n")


@app.command("init")
def init(
    directory: str = typer.Option(".", "--dir", help="The repository to set up."),
    docs: str = typer.Option("verordeningen", "--docs", help="Directory (inside the repository) with the documents to check."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    repo: Optional[str] = typer.Option(None, "--repo", help="Use the sociaal-audit pre-commit hook from this git repository URL instead of a local hook."),
    rev: Optional[str] = typer.Option(None, "--rev", help="Revision (tag) of --repo; default v<version>."),
    install: str = typer.Option(f"sociaal-audit=={__version__}", "--install", help="What the workflow installs with pip (a version, or a git URL)."),
    lang: Lang = typer.Option(Lang.nl, "--lang", help="Language of messages."),
) -> None:
    """Write sociaal-audit.yaml, a GitHub Actions workflow and a pre-commit config."""
    from ..files import write_atomic

    lang_s = lang.value
    if not _valid_docs(docs):
        raise fail(_m("bad_docs", lang_s, docs=docs), lang_s)
    for option, value in (("--install", install), ("--repo", repo), ("--rev", rev)):
        if value is not None and (not value or any(c.isspace() or c in "'\"" for c in value)):
            raise fail(_m("bad_value", lang_s, option=option, value=value), lang_s)
    docs = os.path.normpath(docs).replace(os.sep, "/")
    files = {
        CONFIG_PATH: config_text(docs),
        WORKFLOW_PATH: workflow_text(docs, install),
        PRECOMMIT_PATH: precommit_text(docs, repo, rev),
    }
    try:
        for rel, text in files.items():
            target = os.path.join(directory, rel)
            if os.path.exists(target) and not force:
                typer.echo(_m("exists", lang_s, path=target), err=True)
                continue
            write_atomic(target, text)
            typer.echo(_m("written", lang_s, path=target))
    except AuditError as err:
        raise fail(err, lang_s)
    raise typer.Exit(EXIT_OK)
