"""Who receives what: groups expanded to their members, one role per unit and task.

"UBND các xã, phường" leading a task makes each phường/xã a lead of it; a unit
reached twice (by name and through a group) keeps the stronger role, lead over
coordinate. A group whose members the data does not list receives as itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.data.model import Data, Indicator, Unit
from congvan.gcpause import paused_gc

LEAD = "lead"
SUPPORT = "support"


def expand(ids, units: dict[str, Unit]) -> list[str]:
    """Receiving unit ids for a list of references, groups flattened, first-seen order.

    Cycles are tolerated here (checks report them); each group is entered once.
    """
    out: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen:
            return
        seen.add(uid)
        unit = units.get(uid)
        if unit is None:
            return
        if unit.is_group and unit.members:
            for member in unit.members:
                visit(member)
        else:
            out.append(uid)

    for uid in ids:
        unit = units.get(uid)
        if unit is not None and uid not in seen and not (unit.is_group and unit.members):
            seen.add(uid)  # a unit of its own: most references, no walk needed
            out.append(uid)
        else:
            visit(uid)
    return out


@dataclass(frozen=True)
class Assignment:
    """One row of a unit's letter: a task the unit leads or coordinates."""

    indicator: Indicator
    role: str
    """:data:`LEAD` or :data:`SUPPORT`."""


def assignments(data: Data) -> dict[str, list[Assignment]]:
    """Unit id → its assignments in appendix order; only units with at least one task.

    Units appear in registry order. Each unit's tasks are met in appendix order, so its
    dict keeps that order; each list of units (groups expanded to their members) is
    worked out once for all the tasks that name it.
    """
    with paused_gc():  # hundreds of thousands of new objects, none in a cycle
        return _assignments(data)


def _assignments(data: Data) -> dict[str, list[Assignment]]:
    roles: dict[str, dict[str, Assignment]] = {}
    receivers: dict[tuple[str, ...], list[str]] = {}

    def expanded(ids) -> list[str]:
        key = tuple(ids)
        if key not in receivers:
            receivers[key] = expand(key, data.units)
        return receivers[key]

    for ind in data.rows():
        if not ind.has_task:
            continue
        support, lead = Assignment(ind, SUPPORT), Assignment(ind, LEAD)
        for uid in expanded(ind.support):
            roles.setdefault(uid, {})[ind.ref] = support
        for uid in expanded(ind.lead):
            roles.setdefault(uid, {})[ind.ref] = lead
    return {uid: list(roles[uid].values()) for uid in data.units if uid in roles}
