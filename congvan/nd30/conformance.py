"""``check_docx``: does a .docx, made by this project or by anyone, follow Nghị định 30?

The file is read (:mod:`congvan.nd30.reading`), its elements are found by their text
(:mod:`congvan.nd30.anatomy`), its type is taken from its own text (a tên loại line,
else the ký hiệu, else a công văn), and each group of rules of Phụ lục I reports what
departs from the decree's numbers in :mod:`congvan.nd30.layout`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from congvan.gcpause import paused_gc
from congvan.nd30.anatomy import dissect
from congvan.nd30.findings import Finding
from congvan.nd30.reading import UnreadableDocument, read_docx
from congvan.nd30.rules import appendix, body, header, page

__all__ = ["CheckResult", "Finding", "UnreadableDocument", "check_docx"]

_RULES = (page.check, header.check, body.check, appendix.check)


@dataclass(frozen=True)
class CheckResult:
    """What the check found in one file."""

    path: str
    kind: str
    """``Công văn``, ``Kế hoạch``, … as read from the file."""
    appendices: int
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not self.findings

    def format(self) -> str:
        """Vietnamese report: one line per finding, then a summary line."""
        lines = [f"{self.path}: {self.kind.lower()}"
                 + (f", {self.appendices} phụ lục" if self.appendices else "")]
        lines += [f"  {f.format()}" for f in self.findings]
        if self.findings:
            lines.append(f"Có {len(self.findings)} điểm chưa đúng Nghị định 30/2020/NĐ-CP.")
        else:
            lines.append("Đúng thể thức Nghị định 30/2020/NĐ-CP: không có điểm nào cần sửa.")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"file": self.path, "type": self.kind, "appendices": self.appendices,
                "ok": self.ok, "findings": [f.to_dict() for f in self.findings]}


def check_docx(path: str | Path, data: bytes | None = None) -> CheckResult:
    """Check ``path`` (or ``data``, its bytes). Raises :class:`UnreadableDocument` when
    the file is not a .docx that can be read."""
    with paused_gc():  # tens of thousands of paragraphs and cells, none in a cycle
        doc = read_docx(path, data)
        anatomy = dissect(doc)
        findings = [f for rule in _RULES for f in rule(anatomy)]
    return CheckResult(str(path), anatomy.kind, len(anatomy.appendices), findings)
