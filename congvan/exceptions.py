"""The project's one exception tree.

The CLI catches :class:`CongvanError` once: :class:`UsageProblem` becomes a
usage error (exit 2), everything else an ordinary error (exit 1). Messages are
Vietnamese because they reach the user as they are.
"""

from __future__ import annotations

import re


class CongvanError(Exception):
    """Base of every error this project raises on purpose."""


class DataError(CongvanError):
    """The data file cannot be used: holds every problem found, not just the first."""

    def __init__(self, problems):
        self.problems = list(problems)
        count = sum(p.is_error for p in self.problems)
        lines = [f"dữ liệu có {count} lỗi, chưa tạo tệp nào:"]
        lines += [p.format() for p in self.problems]
        super().__init__("\n".join(lines))


class TemplateError(CongvanError):
    """A .docx template is missing, damaged, or uses a variable the data lacks."""


class OutputError(CongvanError):
    """Writing into the output folder failed or would lose someone's work."""


class EditedFilesError(OutputError):
    """Generated files were changed by hand since the last build."""

    def __init__(self, message: str, files):
        self.files = list(files)
        super().__init__(message)


class UsageProblem(CongvanError):
    """The command line asked for something that does not exist (e.g. an unknown unit id)."""


_LOCATED = re.compile(r"^[^\n]*?(?::\d+)*: (?:lỗi|cảnh báo): ")
"""A located problem, ``file:line:col: lỗi: path: message``: shown as it is."""


def shown(error: BaseException | str) -> str:
    """An error's text as a top-level message shows it, starting with a capital letter.

    Library messages start in lower case so that they read inside other text
    (``…: lỗi: không có …``); the CLI and the watch loop show them through this one
    function. A located problem starts with its file name and keeps its form.
    """
    message = str(error)
    if _LOCATED.match(message):
        return message
    return message[:1].upper() + message[1:]
