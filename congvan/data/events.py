"""Reading a YAML text event by event into plain values and marks, with no node tree.

Composing the whole node tree first (what :func:`congvan.data.source.parse_source`
did for every file) holds every node and two marks per node at once: at 5,000 tasks
about 24 MB, three quarters of the load's peak, for a tree thrown away as soon as it
is walked. This reader takes libyaml's events one by one instead and records what the
node walk records: the same values, the same marks for values and keys, the same
problems for a key that is a list or table, a key given twice, a value that cannot be
read. What only the node walk reads exactly (anchors and aliases, merge keys ``<<``,
several documents, any syntax error) makes it stop with :class:`Unusual`; the caller
then reads the text the old way, which reports everything as before.
"""

from __future__ import annotations

import yaml
from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
                         StreamEndEvent, StreamStartEvent)

from congvan.data.problems import Problem

STR = "tag:yaml.org,2002:str"
MERGE = "tag:yaml.org,2002:merge"
VALUE = "tag:yaml.org,2002:value"
EMPTY = object()
"""What :func:`read_events` returns for a text with no document (comments only)."""


class QuickResolver:
    """PyYAML's implicit tag resolution (``BaseResolver.resolve``) for a loader without
    path resolvers (SafeLoader has none): the same tag for every scalar, with the
    resolvers of each first character joined with the wildcard ones once per loader,
    and without the per-node calls that only path resolvers need. About a third of
    libyaml's compose time went to these calls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        implicit = self.yaml_implicit_resolvers
        wildcard = list(implicit.get(None, []))
        self._by_first = {first: tuple(resolvers + wildcard)
                          for first, resolvers in implicit.items() if first is not None}
        self._wildcard = tuple(wildcard)

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


def quick(loader):
    """``loader`` with :class:`QuickResolver`, when it has no path resolvers."""
    if loader.yaml_path_resolvers:
        return loader
    if loader not in _QUICK:
        _QUICK[loader] = type(f"Quick{loader.__name__}", (QuickResolver, loader), {})
    return _QUICK[loader]


_QUICK: dict = {}


class Unusual(Exception):
    """The text holds something only the node walk reads exactly."""


class _Reader:
    def __init__(self, loader, source, problems, constructor, max_values, too_large):
        if not isinstance(loader, QuickResolver):
            raise Unusual  # path resolvers: tags depend on where a value is
        self.get = loader.get_event
        self.resolve = loader.resolve
        self.by_first, self.wildcard = loader._by_first, loader._wildcard
        self.source, self.problems, self.constructor = source, problems, constructor
        self.max_values, self.too_large = max_values, too_large

    def text(self, event):
        """The string of a scalar that is one as it stands (no tag, no anchor, no implicit
        resolver takes it), else None: the commonest value, read here in one call."""
        if type(event) is not ScalarEvent or event.anchor is not None or event.tag is not None:
            return None
        value = event.value
        if event.implicit[0]:
            for _, regexp in self.by_first.get(value[:1], self.wildcard):
                if regexp.match(value):
                    return None
        return value

    def mark(self, event, path):
        """Record where the value at ``path`` starts (refused past the most values)."""
        marks = self.source.marks
        if len(marks) >= self.max_values:
            raise self.too_large(event)
        start = event.start_mark
        marks[path] = (start.line + 1, start.column + 1)

    def value(self, event, path):
        """The value that starts with ``event``, its marks recorded under ``path``."""
        marks = self.source.marks
        if len(marks) >= self.max_values:
            raise self.too_large(event)
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None:
            raise Unusual
        start = event.start_mark
        marks[path] = (start.line + 1, start.column + 1)
        if kind is ScalarEvent:
            return self.scalar(event, path)
        if kind is SequenceStartEvent:
            out, get = [], self.get
            while True:
                item = get()
                if type(item) is SequenceEndEvent:
                    return out
                text = self.text(item)
                if text is None:
                    out.append(self.value(item, f"{path}[{len(out)}]"))
                else:
                    self.mark(item, f"{path}[{len(out)}]")
                    out.append(text)
        if kind is MappingStartEvent:
            return self.mapping(path)
        raise Unusual

    def mapping(self, path):
        out, get, source = {}, self.get, self.source
        lines = {}  # key → line it was first given on (True and 1 are the same key)
        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent:
                return out
            if kind is AliasEvent or event.anchor is not None:
                raise Unusual
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if kind is not ScalarEvent:
                self.problems.append(Problem(
                    "khóa phải là một tên trường, không phải danh sách hay bảng.", path=path,
                    file=source.file, line=line, column=column,
                    suggestion="Hãy kiểm tra dấu ngoặc [ ] { } và dấu hai chấm."))
                self.skip(event)
                self.skip(get())
                continue
            tag = self.tag(event)
            if tag == MERGE:
                raise Unusual
            try:
                key = self.construct(event, STR if tag == VALUE else tag)
            except (yaml.YAMLError, ValueError):
                self.problems.append(Problem(f"khóa “{event.value}” không đọc được.", path=path,
                                             file=source.file, line=line, column=column))
                self.skip(get())
                continue
            sub = f"{path}.{key}" if path else str(key)
            if key in out:
                self.problems.append(Problem(
                    f'khóa "{key}" xuất hiện hai lần (dòng {lines[key]} và dòng {line}).',
                    path=sub, file=source.file, line=line, column=column,
                    suggestion="Hãy giữ lại một trong hai."))
                self.skip(get())
                continue
            source.key_marks[sub] = (line, column)
            lines[key] = line
            event = get()
            text = self.text(event)
            if text is None:
                out[key] = self.value(event, sub)
            else:
                self.mark(event, sub)
                out[key] = text

    def tag(self, event):
        tag = event.tag
        if tag is None or tag == "!":  # as libyaml's composer resolves it
            return self.resolve(yaml.ScalarNode, event.value, event.implicit)
        return tag

    def construct(self, event, tag):
        if tag == STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.constructor.construct_object(node, deep=True)

    def scalar(self, event, path):
        tag = self.tag(event)
        try:
            return self.construct(event, tag)
        except (yaml.YAMLError, ValueError) as exc:
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if tag == "tag:yaml.org,2002:timestamp":
                message, hint = f'ngày "{event.value}" không có thật trong lịch.', "Hãy kiểm tra lại ngày và tháng."
            else:
                message, hint = f"giá trị “{event.value}” không đọc được ({exc}).", ""
            self.problems.append(Problem(message, path=path, file=self.source.file, line=line,
                                         column=column, suggestion=hint))
            return None

    def skip(self, event):
        """Pass over the value that starts with ``event`` (a key or value the node walk
        does not walk either)."""
        depth = 0
        while True:
            kind = type(event)
            if kind is AliasEvent or getattr(event, "anchor", None) is not None:
                raise Unusual
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            if depth == 0:
                return
            event = self.get()


def read_events(text, loader_class, source, problems, constructor, max_values, too_large):
    """The plain value of ``text`` (or :data:`EMPTY`), its marks recorded in ``source`` and
    its problems appended to ``problems``, as the node walk would; raises :class:`Unusual`
    (or libyaml's error) where the node walk must read the text instead, and
    ``too_large(event)`` past ``max_values`` values."""
    loader = loader_class(text)
    try:
        reader = _Reader(loader, source, problems, constructor, max_values, too_large)
        get = loader.get_event
        if type(get()) is not StreamStartEvent:
            raise Unusual
        event = get()
        if type(event) is StreamEndEvent:
            return EMPTY
        if type(event) is not DocumentStartEvent:
            raise Unusual
        value = reader.value(get(), "")
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise Unusual  # several documents: the node walk says what is wrong
        return value
    finally:
        loader.dispose()
