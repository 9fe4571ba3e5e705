"""No network access, ever: external DTDs, entities and stylesheets are never fetched.

Sockets are replaced by a tripwire for the whole test; every reader gets input that points at a
remote resource. Reading must finish (a document or a one-line input error) without a connection
attempt.
"""

from __future__ import annotations

import socket

import pytest

from sociaal_audit.documents import parse_source
from sociaal_audit.errors import InputError

REMOTE = "http://127.0.0.1:9/verboden"

CASES = {
    "cvdr-external-dtd.xml": f"""<?xml version="1.0"?>
<!DOCTYPE cvdr SYSTEM "{REMOTE}.dtd">
<cvdr><body><regeling><regeling-tekst><artikel><kop><label>Artikel</label><nr>1</nr></kop>
<al>Het college kan afwijken.</al></artikel></regeling-tekst></regeling></body></cvdr>""",
    "cvdr-external-entity.xml": f"""<?xml version="1.0"?>
<!DOCTYPE cvdr [<!ENTITY extern SYSTEM "{REMOTE}/geheim.txt">]>
<cvdr><body><regeling><regeling-tekst><artikel><kop><label>Artikel</label><nr>1</nr></kop>
<al>&extern;</al></artikel></regeling-tekst></regeling></body></cvdr>""",
    "gemeenteblad-external-entity.xml": f"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie [<!ENTITY extern SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><gemeenteblad><regeling><regeling-tekst><artikel><kop><label>Artikel</label>
<nr>1</nr></kop><al>&extern;</al></artikel></regeling-tekst></regeling></gemeenteblad></officiele-publicatie>""",
    "pagina.html": f"""<!DOCTYPE html><html><head><link rel="stylesheet" href="{REMOTE}.css">
<script src="{REMOTE}.js"></script></head><body><h1>Verordening test</h1><h2>Artikel 1 Hardheidsclausule</h2>
<p>Het college kan afwijken.</p><img src="{REMOTE}.png"><iframe src="{REMOTE}"></iframe></body></html>""",
}


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch):
    attempts: list[tuple] = []

    def tripwire(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", tripwire)
    monkeypatch.setattr(socket.socket, "connect_ex", tripwire)
    monkeypatch.setattr(socket, "getaddrinfo", tripwire)
    monkeypatch.setattr(socket, "create_connection", tripwire)
    yield attempts
    assert attempts == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_readers_never_fetch_remote_resources(name, no_sockets):
    try:
        doc = parse_source(CASES[name].encode("utf-8"), name)
    except InputError as err:
        assert name in err.message("nl")
        return
    assert "root:" not in doc.text  # a file entity was not expanded either
    assert no_sockets == []
