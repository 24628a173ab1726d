"""Reading a YAML data file while keeping where every value came from.

PyYAML's ``safe_load`` forgets positions; composing the node tree first keeps a
mark for every field path, so that later checks can point at a line and column.
The tree is composed by libyaml (``CSafeLoader``) where it is installed, several
times faster; a file it refuses is read again by the pure-Python loader, whose
messages and marks the error translations below were written for. With libyaml, a
file is first read from its events with no tree at all (:mod:`congvan.data.events`:
the same values, marks and problems, a quarter of the memory); anything that reader
leaves to the tree (anchors, merge keys, syntax errors) is read as above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from congvan.data.events import EMPTY, Unusual, quick as _quick, read_events
from congvan.data.problems import ERROR, WARNING, Problem
from congvan.exceptions import DataError


@dataclass
class Source:
    """A data file: its name, its plain values, and a mark for every field path."""

    file: str
    """The path as the user named it (what messages print)."""
    value: object = None
    """The plain YAML value (dicts, lists, strings, dates…)."""
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Field path → 1-based (line, column) of the value."""
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Field path → 1-based (line, column) of the key, for unknown-key messages."""

    def where(self, path: str) -> tuple[int | None, int | None]:
        """Line and column of a path, or of its nearest ancestor that has one."""
        probe = path
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return self.marks.get("", (None, None))

    def problem(self, path: str, message: str, suggestion: str = "",
                severity: str = ERROR, at_key: bool = False) -> Problem:
        """A :class:`Problem` located at ``path`` in this file."""
        line, column = (self.key_marks.get(path) if at_key else None) or self.where(path)
        return Problem(message=message, path=path, file=self.file, line=line,
                       column=column, severity=severity, suggestion=suggestion)

    def warning(self, path: str, message: str, suggestion: str = "") -> Problem:
        return self.problem(path, message, suggestion, severity=WARNING)


def read_source(path: str | Path) -> Source:
    """Read and parse a YAML file; raise :class:`DataError` for I/O and syntax errors."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(f"không tìm thấy tệp dữ liệu “{name}”.", file=name,
                                 suggestion="Hãy kiểm tra lại đường dẫn.")]) from None
    except OSError as exc:
        raise DataError([Problem(f"không đọc được tệp: {exc.strerror}.", file=name)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(
            "tệp không phải UTF-8.", file=name, line=line,
            suggestion="Hãy lưu lại tệp với mã hóa UTF-8 (trong Notepad: Lưu thành… → UTF-8).",
        )]) from None
    return parse_source(text, name)


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it, else the pure-Python one."""
MAX_DEPTH = 100
"""Lists and tables nested deeper than this are refused: real data nests about ten deep,
and composing (recursive in PyYAML, in C for libyaml) a few hundred levels deep would
crash."""
LINE_SEPARATORS = {"\u0085": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
"""Characters YAML takes for line breaks but editors show inside a line (pasted from Word
or a web page): they would cut a text in two and be reported lines later."""


def _separator_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for ch, label in LINE_SEPARATORS.items():
        start = text.find(ch)
        while start >= 0 and len(problems) < 20:
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            problems.append(Problem(
                f"có ký tự ngắt dòng U+{ord(ch):04X} ({label}) nằm giữa dòng; YAML coi nó là "
                "xuống dòng nên sẽ cắt đôi văn bản.", file=name, line=line, column=column,
                suggestion="Hãy xóa ký tự đó hoặc thay bằng dấu cách (thường do dán từ Word "
                           "hoặc trang web)."))
            start = text.find(ch, start + 1)
    return sorted(problems, key=lambda p: (p.line, p.column))


_LEADING = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def depth_bound(text: str) -> int:
    """An upper bound of how deep lists and tables nest in ``text``, read without parsing.

    A flow list or table opens with ``[`` or ``{``: at most as many levels as there are of
    those characters. A block one starts at its first token, which only spaces and the
    indicators ``-``, ``?``, ``:`` precede on its line, so at a column no larger than the
    longest such run at the start of a line; a block collection nested in another starts
    at a larger column, except a list that is the value of a key (same column), whose
    items start further right again: the start column grows at least every second level.
    """
    widest = max(map(len, _LEADING.findall(text)), default=0)
    return 2 * (widest + 1) + text.count("[") + text.count("{")


def _check_depth(text: str, name: str, loader) -> None:
    """Raise :class:`DataError` at the first list or table nested deeper than
    :data:`MAX_DEPTH` (the event parser is not recursive, so this pass is safe). Skipped
    when :func:`depth_bound` shows no nesting can be that deep (real data: about 15)."""
    if depth_bound(text) <= MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([Problem(
                    f"dữ liệu lồng nhau quá sâu: hơn {MAX_DEPTH} tầng danh sách hoặc bảng.",
                    file=name, line=event.start_mark.line + 1, column=event.start_mark.column + 1,
                    suggestion="Hãy kiểm tra dấu ngoặc [ ] { } và thụt lề; dữ liệu thật chỉ "
                               "lồng khoảng mười tầng.")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _compose(text: str, name: str):
    if FAST_LOADER is not yaml.SafeLoader:
        try:
            _check_depth(text, name, FAST_LOADER)
            return yaml.compose(text, Loader=_quick(FAST_LOADER))
        except yaml.YAMLError:
            pass  # the pure-Python loader below says what is wrong, where
    _check_depth(text, name, yaml.SafeLoader)
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_source(text: str, name: str) -> Source:
    source = Source(file=name)
    separators = _separator_problems(text, name)
    if separators:
        raise DataError(separators)
    if FAST_LOADER is not yaml.SafeLoader:
        read = _read_by_events(text, name)
        if read is not None:
            return read
    try:
        node = _compose(text, name)
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: PyYAML only gives the character's offset in the text.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(text[exc.position])
        raise DataError([Problem(
            f"tệp có ký tự điều khiển U+{code:04X}, không được phép trong tệp YAML.",
            file=name, line=line, column=column,
            suggestion="Hãy xóa ký tự đó (thường do dán từ phần mềm khác).",
        )]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError([Problem(
            f"lỗi cú pháp YAML: {_syntax_message(exc.problem or exc.context or '')}", file=name,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            suggestion="Hãy kiểm tra thụt lề (dùng dấu cách, không dùng Tab) và dấu hai chấm.",
        )]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(f"lỗi cú pháp YAML: {exc}.", file=name)]) from None
    if node is None:
        source.value = {}
        source.marks[""] = (1, 1)
        return source
    constructor = yaml.SafeLoader("")
    problems: list[Problem] = []
    try:
        source.value = _walk(node, "", source, constructor, problems,
                             release=_ANCHOR.search(text) is None)
    except _TooLarge as exc:
        raise _too_large(exc, name) from None
    finally:
        constructor.dispose()  # its parser state refers back to it: a cycle holding every value
    if problems:
        raise DataError(problems)
    return source


def _read_by_events(text: str, name: str) -> Source | None:
    """The source read by libyaml's events (:mod:`congvan.data.events`), or None when
    only the node walk reads this text exactly (what was found so far is dropped)."""
    source, problems = Source(file=name), []
    constructor = yaml.SafeLoader("")
    try:
        _check_depth(text, name, FAST_LOADER)
        value = read_events(text, _quick(FAST_LOADER), source, problems, constructor,
                            MAX_VALUES, _TooLarge)
    except (yaml.YAMLError, Unusual):
        return None
    except _TooLarge as exc:
        raise _too_large(exc, name) from None
    finally:
        constructor.dispose()
    if value is EMPTY:
        value, source.marks[""] = {}, (1, 1)
    source.value = value
    if problems:
        raise DataError(problems)
    return source


def _too_large(exc: Exception, name: str) -> DataError:
    line, column = _mark(exc.args[0])
    return DataError([Problem(
        f"dữ liệu quá lớn: hơn {MAX_VALUES:,} giá trị sau khi mở các bí danh (*…).".replace(",", "."),
        file=name, line=line, column=column,
        suggestion="Hãy kiểm tra các bí danh lồng nhau; dữ liệu thật chỉ cần vài chục nghìn giá trị.",
    )])


_SYNTAX = [
    (r"expected ',' or '\]', but got (.*)", "thiếu dấu phẩy hoặc dấu ] đóng danh sách (gặp {0})"),
    (r"expected ',' or '\}', but got (.*)", "thiếu dấu phẩy hoặc dấu }} đóng bảng (gặp {0})"),
    (r"mapping values are not allowed here",
     "dấu hai chấm không được đặt ở đây (chuỗi có dấu hai chấm cần đặt trong ngoặc kép)"),
    (r"could not find expected ':'", "thiếu dấu hai chấm sau tên trường"),
    (r"found character '\\t' that cannot start any token", "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"),
    (r"expected <block end>, but found .*", "thụt lề không khớp với các dòng trên"),
    (r"found undefined alias (.*)", "bí danh {0} chưa được khai báo"),
    (r"found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)"),
    (r"expected the node content, but found '<stream end>'", "tệp kết thúc khi còn thiếu giá trị"),
    (r"found unknown escape character (.*)", "ký tự thoát {0} không hợp lệ trong chuỗi ngoặc kép"),
]
"""PyYAML's most frequent complaints, said in Vietnamese (the original follows in brackets)."""


def _syntax_message(problem: str) -> str:
    for pattern, vietnamese in _SYNTAX:
        match = re.fullmatch(pattern, problem.strip())
        if match:
            return f"{vietnamese.format(*match.groups())} [{problem.strip()}]."
    return f"{problem.strip()}."


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


MAX_VALUES = 2_000_000
"""Values a data file may hold once aliases are expanded: 5,000 tasks need ~60,000;
a file of nested aliases ("billion laughs") would otherwise take exponential time."""


class _TooLarge(Exception):
    """Raised inside the walk to stop it; carries the node where it stopped."""


_STR = "tag:yaml.org,2002:str"
_ANCHOR = re.compile(r"(?:\A|[\s,\[\]{}:])&")
"""Where an anchor (``&name``) could start; text without one has no aliases either."""


def _scalar(node, constructor):
    """The value of a scalar node: a string as it is (what ``construct_yaml_str`` gives
    for it, without the constructor's bookkeeping), anything else constructed."""
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    return constructor.construct_object(node, deep=True)


def _walk(node, path, source, constructor, problems, active=frozenset(), release=False):
    """The plain value of ``node``, marks recorded under ``path``. With ``release`` (no
    node is shared: the text has no anchors) each child node is let go once walked, so
    that the composed tree shrinks while the values grow."""
    marks = source.marks
    if len(marks) >= MAX_VALUES:
        raise _TooLarge(node)
    start = node.start_mark
    marks[path] = (start.line + 1, start.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in active:  # an alias inside the block it names: infinite data
            line, column = _mark(node)
            problems.append(Problem(
                "bí danh (*…) trỏ vào chính khối đang chứa nó, dữ liệu sẽ lặp vô hạn.",
                path=path, file=source.file, line=line, column=column,
                suggestion="Hãy chép nội dung ra thay vì dùng bí danh."))
            return None
        active = active | {id(node)}
    if isinstance(node, yaml.MappingNode):
        try:
            constructor.flatten_mapping(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or node.start_mark
            problems.append(Problem(
                "khóa gộp “<<” chỉ nhận một bảng hoặc danh sách bảng.", path=path,
                file=source.file, line=mark.line + 1, column=mark.column + 1))
            return None
        out = {}
        lines = {}  # key → line it was first given on (True and 1 are the same key)
        key_marks = source.key_marks
        pairs = node.value
        for index, (key_node, value_node) in enumerate(pairs):
            if release:
                pairs[index] = None
            line, column = _mark(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(
                    "khóa phải là một tên trường, không phải danh sách hay bảng.", path=path,
                    file=source.file, line=line, column=column,
                    suggestion="Hãy kiểm tra dấu ngoặc [ ] { } và dấu hai chấm."))
                continue
            try:
                key = _scalar(key_node, constructor)
            except (yaml.YAMLError, ValueError):
                problems.append(Problem(f"khóa “{key_node.value}” không đọc được.", path=path,
                                        file=source.file, line=line, column=column))
                continue
            sub = f"{path}.{key}" if path else str(key)
            if key in out:
                problems.append(Problem(
                    f'khóa "{key}" xuất hiện hai lần (dòng {lines[key]} và dòng {line}).',
                    path=sub, file=source.file, line=line, column=column,
                    suggestion="Hãy giữ lại một trong hai."))
                continue
            key_marks[sub] = (line, column)
            lines[key] = line
            if value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                # the commonest value, inline: what the call below would record and return
                if len(marks) >= MAX_VALUES:
                    raise _TooLarge(value_node)
                start = value_node.start_mark
                marks[sub] = (start.line + 1, start.column + 1)
                out[key] = value_node.value
            else:
                out[key] = _walk(value_node, sub, source, constructor, problems, active, release)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        out = []
        for i, item in enumerate(items):
            if release:
                items[i] = None
            if item.tag == _STR and type(item) is yaml.ScalarNode:  # inline, as above
                if len(marks) >= MAX_VALUES:
                    raise _TooLarge(item)
                start = item.start_mark
                marks[f"{path}[{i}]"] = (start.line + 1, start.column + 1)
                out.append(item.value)
            else:
                out.append(_walk(item, f"{path}[{i}]", source, constructor, problems, active, release))
        return out
    try:
        return _scalar(node, constructor)
    except (yaml.YAMLError, ValueError) as exc:
        line, column = _mark(node)
        if node.tag == "tag:yaml.org,2002:timestamp":
            message, hint = f'ngày "{node.value}" không có thật trong lịch.', "Hãy kiểm tra lại ngày và tháng."
        else:
            message, hint = f"giá trị “{node.value}” không đọc được ({exc}).", ""
        problems.append(Problem(message, path=path, file=source.file, line=line, column=column,
                                suggestion=hint))
        return None
