"""Unit names typed in a cell (``Phòng VH&TT; UBND các xã, phường``) read back as ids."""

from __future__ import annotations

import re

from congvan.data.model import Data
from congvan.vn.text import fold

_SEPARATOR = re.compile(r"(?:\s*[,;/+]\s*|\s+va\s+|\s+)")


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def unit_ids(text: str, data: Data) -> list[str] | None:
    """The ids of the units named in ``text`` (short or full names, in any case and with or
    without accents), in order; None when some part names no unit. Empty text: []."""
    names: list[tuple[str, str]] = []
    for unit in data.units.values():
        for name in {unit.short, unit.name, unit.id}:
            if name:
                names.append((_key(name), unit.id))
    names.sort(key=lambda item: -len(item[0]))
    rest = _key(text)
    out: list[str] = []
    while rest:
        match = _SEPARATOR.match(rest)
        if match and match.end():
            rest = rest[match.end():]
            continue
        for key, uid in names:
            if rest.startswith(key) and (len(rest) == len(key) or not rest[len(key)].isalnum()):
                if uid not in out:
                    out.append(uid)
                rest = rest[len(key):]
                break
        else:
            return None
    return out


def unit_label(ids, data: Data) -> str:
    """Short names of ``ids`` as a cell prints them."""
    return "; ".join(data.units[i].short if i in data.units else i for i in ids)
