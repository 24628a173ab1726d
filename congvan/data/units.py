"""Who receives what: groups expanded to their members, one role per unit and task.

"UBND các xã, phường" leading a task makes each phường/xã a lead of it; a unit
reached twice (by name and through a group) keeps the stronger role, lead over
coordinate. A group whose members the data does not list receives as itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from congvan.data.model import Data, Indicator, Unit

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

    Units appear in registry order.
    """
    roles: dict[str, dict[str, Assignment]] = {}
    for ind in data.rows():
        if not ind.has_task:
            continue
        for uid in expand(ind.support, data.units):
            roles.setdefault(uid, {})[ind.ref] = Assignment(ind, SUPPORT)
        for uid in expand(ind.lead, data.units):
            roles.setdefault(uid, {})[ind.ref] = Assignment(ind, LEAD)
    order = {ind.ref: i for i, ind in enumerate(data.rows())}
    return {uid: sorted(roles[uid].values(), key=lambda a: order[a.indicator.ref])
            for uid in data.units if uid in roles}
