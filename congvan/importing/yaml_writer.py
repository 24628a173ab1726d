"""Imported data written as YAML a person reads and edits: block style, ordered like the
document, a Vietnamese comment heading each part, text too long for its line folded at word
boundaries (``>-``), short lists and units on one line.

Every scalar goes through PyYAML's own quoting, and the text written is read back and
compared with the data before it leaves this module: what is written is what was read.
"""

from __future__ import annotations

import yaml

WIDTH = 92
"""Longest line aimed at."""


def _scalar(value) -> str:
    if value is None:
        return ""
    text = yaml.safe_dump(value, allow_unicode=True, width=10 ** 6, default_flow_style=True)
    text = text.rstrip("\n")
    return text[:-4] if text.endswith("\n...") else text


def _flow(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10 ** 6, sort_keys=False,
                          default_flow_style=True).strip()


def _foldable(text: str) -> bool:
    return (isinstance(text, str) and text == text.strip() and "\n" not in text
            and "  " not in text and text.isprintable())


def _folded(text: str, indent: int) -> list[str]:
    """``text`` as the lines of a ``>-`` block at ``indent`` spaces."""
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) + indent > WIDTH:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [" " * indent + ln for ln in lines]


def _value_lines(prefix: str, value, indent: int) -> list[str]:
    """``prefix`` (``key:`` or ``-``) followed by ``value``."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{prefix} {{}}"]
        flow = _flow(value)
        if prefix == "-" and len(pad) + 2 + len(flow) <= WIDTH and _short_mapping(value):
            return [f"{pad}- {flow}"]
        body = _mapping(value, indent + 2)
        if prefix == "-":
            first = body[0].lstrip()
            return [f"{pad}- {first}"] + body[1:]
        return [f"{pad}{prefix}"] + body
    if isinstance(value, list):
        if not value:
            return [f"{pad}{prefix} []"]
        flow = _flow(value)
        if all(not isinstance(v, (dict, list)) for v in value) and \
                len(pad) + len(prefix) + 1 + len(flow) <= WIDTH and all(
                    len(str(v)) < 40 for v in value):
            return [f"{pad}{prefix} {flow}"]
        out = [f"{pad}{prefix}"]
        for item in value:
            out += _value_lines("-", item, indent + 2)
        return out
    scalar = _scalar(value)
    if isinstance(value, str) and _foldable(value) and \
            len(pad) + len(prefix) + 1 + len(scalar) > WIDTH:
        return [f"{pad}{prefix} >-"] + _folded(value, indent + 2)
    return [f"{pad}{prefix} {scalar}".rstrip()]


_FLOW_KEYS = {"id", "name", "short", "kind", "members", "show", "title", "width", "key",
              "merge", "align"}
"""Keys of the mappings written on one line when they fit: units and columns."""


def _short_mapping(value: dict) -> bool:
    return set(value) <= _FLOW_KEYS and all(not isinstance(v, (dict, list)) or (isinstance(v, list) and all(
        not isinstance(x, (dict, list)) for x in v)) for v in value.values())


def _mapping(value: dict, indent: int) -> list[str]:
    out = []
    for key, item in value.items():
        out += _value_lines(f"{key}:", item, indent)
    return out


def comment(text: str, indent: int = 0) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}".rstrip() for line in _wrap(text, WIDTH - indent - 2)]


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def dump(parts: list[tuple[str, str, object]], header: list[str]) -> str:
    """The YAML text of ``parts`` — (comment, key, value) of each top-level key, in order —
    under the ``header`` comment lines. Raises ValueError if the text would read back
    differently (a bug of this module, never the user's data)."""
    lines = [ln for h in header for ln in comment(h)]
    for note, key, value in parts:
        lines.append("")
        lines += comment(note)
        lines += _value_lines(f"{key}:", value, 0)
    text = "\n".join(lines) + "\n"
    expected = {key: value for _, key, value in parts}
    if yaml.safe_load(text) != expected:
        raise ValueError("imported YAML does not read back as the data")
    return text
