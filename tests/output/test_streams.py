"""The helpers of the streamed formats write what json.dumps would, and work without a temporary directory."""

from __future__ import annotations

import io
import json

import pytest

from sociaal_audit.output.streams import JsonArray, copy_spool, indented_json, spool

ITEMS = [{"beschrijving": "Geen hardheidsclausule in de Verordening jeugdhulp Beekveld 2026", "regels": [1, 2]},
         {"leeg": [], "niets": {}, "tekst": "“Artikel 5”\n—"}]


@pytest.mark.parametrize("items", [[], ITEMS[:1], ITEMS])
def test_a_json_array_written_item_by_item_equals_the_dumped_list(items: list) -> None:
    buf = io.StringIO()
    array = JsonArray(buf)
    for item in items:
        array.add(item)
    array.close()
    assert buf.getvalue() == json.dumps(items, ensure_ascii=False, indent=2)


def test_an_item_indented_to_its_depth_equals_the_nested_dump() -> None:
    nested = json.dumps({"runs": [{"results": ITEMS}]}, ensure_ascii=False, indent=2)
    assert ",\n".join(indented_json(item, 8) for item in ITEMS) in nested


def test_without_a_temporary_directory_the_spool_is_kept_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def no_directory(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("No usable temporary directory found")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_directory)
    held = spool(in_memory=False)
    held.write("regel 1\r\nregel 2\n")
    out = io.StringIO()
    copy_spool(held, out)
    assert out.getvalue() == "regel 1\r\nregel 2\n"


def test_a_spool_on_disk_keeps_line_ends_as_written() -> None:
    held = spool(in_memory=False)
    assert hasattr(held, "fileno")  # a real file: the text waits on disk, not in memory
    held.write("a;b\r\nc\n")
    out = io.StringIO()
    copy_spool(held, out)
    assert out.getvalue() == "a;b\r\nc\n"
