"""manifest.json: deterministic, readable, and a damaged one reported: congvan.output.manifest."""

from __future__ import annotations

import json

import pytest

from congvan.exceptions import OutputError
from congvan.output.writer import OutputWriter, load_manifest
from output_builds import FILES, build, fixed_now

MANIFEST = "manifest.json"


def test_manifest_is_deterministic(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    build(first)
    w = OutputWriter(second, now=fixed_now)
    for path, (data, kind, unit) in reversed(list(FILES.items())):
        w.add(path, data, kind=kind, unit=unit)
    w.commit()
    content = (first / MANIFEST).read_bytes()
    assert content == (second / MANIFEST).read_bytes()
    assert content.endswith(b"}\n")
    text = content.decode("utf-8")
    assert json.loads(text)["files"][0]["path"] == sorted(FILES)[0]


def test_manifest_keeps_vietnamese_text(tmp_path):
    out = tmp_path / "output"
    w = OutputWriter(out)
    w.add("đơn-vị/công-văn.docx", b"x", kind="unit-letter", unit="đức-xuân")
    w.commit()
    assert "đơn-vị/công-văn.docx" in (out / MANIFEST).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"generator": "other", "version": 1, "files": []}',
     b'{"generator": "congvan", "version": 1, "files": [{"path": "../../etc/passwd", "sha256": "00"}]}'],
)
def test_corrupt_manifest_reported(tmp_path, content):
    out = tmp_path / "output"
    out.mkdir()
    (out / MANIFEST).write_bytes(content)
    with pytest.raises(OutputError) as caught:
        build(out)
    message = str(caught.value)
    assert "manifest.json" in message and "Chỉ xóa" in message
    assert list(out.iterdir()) == [out / MANIFEST]


def test_load_manifest_absent(tmp_path):
    assert load_manifest(tmp_path) is None
