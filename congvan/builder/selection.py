"""Which units a partial build (``--unit``) is for."""

from __future__ import annotations

from congvan.data.model import Data
from congvan.data.units import expand
from congvan.exceptions import UsageProblem
from congvan.vn.suggest import did_you_mean, suggest


def resolve_units(data: Data, requested) -> list[str]:
    """Receiving unit ids for ``--unit`` values; a group stands for its members.

    Raises :class:`UsageProblem` for an unknown id, naming the closest ones.
    """
    out: list[str] = []
    for uid in requested:
        if uid not in data.units:
            # People type ids or names: match both, show each unit once.
            by_name = {u.short: u.id for u in data.units.values()}
            close = suggest(uid, list(data.units) + list(by_name), n=3)
            close = list(dict.fromkeys(by_name.get(c, c) for c in close))
            hint = did_you_mean(f'"{c}" ({data.units[c].short})' for c in close) or (
                "Xem danh sách bằng lệnh: congvan units <tệp dữ liệu>.")
            raise UsageProblem(f'không có đơn vị mã "{uid}" trong {data.file or "dữ liệu"}. {hint}')
        for member in expand([uid], data.units):
            if member not in out:
                out.append(member)
    return out
