"""Units named in an imported document become the data's registry.

A unit is named in full after Kính gửi and by a short name in the appendix cells; the
two are recognised as one unit when they differ only by the usual abbreviations
(``UBND`` / ``Ủy ban nhân dân``, ``các``, a trailing ``thành phố``). Ids are made from
the names (:func:`congvan.vn.slug.slugify`). A name that reads as several units
(``UBND các xã, phường``, ``Các phòng, ban, ngành``) becomes a group whose members the
document does not list: a warning asks the person to list them.
"""

from __future__ import annotations

import re

from congvan.vn.slug import slugify
from congvan.vn.text import fold

_GROUP = re.compile(r"(^|\s)cac\s|(^|\s)nhung\s|xa phuong|phuong xa|phong ban|ban nganh|"
                    r"co quan don vi|doan the")
"""Wording of a name that covers several units (folded: no accents, no punctuation)."""
_COMMUNE = re.compile(r"^(ubnd|uy ban nhan dan) (xa|phuong|thi tran)\s")
_ORGANIZATION = re.compile(r"^(trung tam|bao hiem|cong an|hoi|doan|ngan hang|truong|"
                           r"ban quan ly|ban chi huy|chi cuc|doi)\b")
_TRAILING = re.compile(r"\s+(thanh pho|tp|tinh|huyen|quan|thi xa)$")


def _key(name: str) -> str:
    """What two spellings of one unit's name have in common."""
    text = fold(name).replace("uy ban nhan dan", "ubnd")
    text = re.sub(r"(^|\s)cac\s", " ", text)
    text = re.sub(r"[^a-z0-9&]+", " ", text).strip()
    return _TRAILING.sub("", text)


def kind_of(name: str) -> str:
    folded = fold(name)
    if _GROUP.search(folded):
        return "group"
    if _COMMUNE.match(folded):
        return "commune"
    if _ORGANIZATION.match(folded):
        return "organization"
    return "office"


class Registry:
    """Units in the order the document first names them."""

    def __init__(self):
        self.units: list[dict] = []
        self._by_key: dict[str, dict] = {}
        self._ids: set[str] = set()

    def _add(self, name: str, short: str) -> dict:
        base = slugify(short if len(short) < len(name) else name)
        uid, n = base, 1
        while uid in self._ids:
            n += 1
            uid = f"{base}-{n}"
        self._ids.add(uid)
        unit = {"id": uid, "name": name, "short": short, "kind": kind_of(name)}
        self.units.append(unit)
        self._by_key[_key(name)] = unit
        self._by_key.setdefault(_key(short), unit)
        return unit

    def recipient(self, name: str) -> str:
        """The id of a unit named in full (Kính gửi)."""
        unit = self._by_key.get(_key(name))
        if unit is None:
            return self._add(name, name)["id"]
        return unit["id"]

    def named(self, short: str) -> str:
        """The id of a unit named by its short name (an appendix cell)."""
        unit = self._by_key.get(_key(short))
        if unit is None:
            return self._add(short, short)["id"]
        if unit["short"] == unit["name"] and unit["short"] != short:
            unit["short"] = short  # first met in full after Kính gửi: the cell gives the short name
        return unit["id"]

    def short(self, uid: str) -> str:
        return next(u["short"] for u in self.units if u["id"] == uid)

    def groups(self) -> list[dict]:
        return [u for u in self.units if u["kind"] == "group"]

    def plain(self) -> list[dict]:
        """The registry as data: ``short`` left out where it is the name itself."""
        out = []
        for unit in self.units:
            entry = {"id": unit["id"], "name": unit["name"]}
            if unit["short"] != unit["name"]:
                entry["short"] = unit["short"]
            entry["kind"] = unit["kind"]
            out.append(entry)
        return out


def split_names(paragraphs: list[str]) -> list[str]:
    """Unit names of a chủ trì / phối hợp cell: one per paragraph, or separated by ``;``."""
    names: list[str] = []
    for text in paragraphs:
        for n, part in enumerate(text.split(";")):
            part = part.strip().strip(" .,-–+").strip()
            if not part:
                continue
            if n and names and part[0].islower():
                # Names start with a capital (Phòng, UBND, Các…): a part in lower case goes
                # on naming the one before (``Các đoàn thể; tổ chức chính trị, xã hội``).
                names[-1] += "; " + part
            else:
                names.append(part)
    return names
