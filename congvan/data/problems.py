"""A located problem in a data file: what every check reports."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "lỗi"
WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in the data, with where it is."""

    message: str
    """What was expected and what was found, in Vietnamese."""
    path: str = ""
    """Field path such as ``appendix.sections[3].indicators[1].lead``."""
    file: str = ""
    """Data file as the user named it."""
    line: int | None = None
    """1-based line in the file, when known."""
    column: int | None = None
    """1-based column in the file, when known."""
    severity: str = ERROR
    """:data:`ERROR` or :data:`WARNING`."""
    suggestion: str = ""
    """What to do about it, if anything useful can be said."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """``file:line:col: lỗi: path: message (suggestion)`` on one line."""
        where = self.file or "<dữ liệu>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if not self.message.endswith((".", "?", "!", ":")):
            text += "."
        if self.suggestion:
            text += f" {self.suggestion}"
        return text
