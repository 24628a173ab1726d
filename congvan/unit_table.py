"""Who gets what, as a table: the ``congvan units`` view of the data."""

from __future__ import annotations

from congvan.builder.filenames import letter_paths
from congvan.data.model import Data
from congvan.data.units import LEAD, SUPPORT, assignments


def unit_summary(data: Data) -> list[dict]:
    """One row per unit that has a task: counts of tasks led and coordinated, nearest deadline."""
    paths = letter_paths(data)
    rows = []
    for uid, tasks in assignments(data).items():
        dated = sorted((a.indicator.deadline for a in tasks if a.indicator.deadline.due),
                       key=lambda d: d.due)
        nearest = dated[0] if dated else None
        rows.append({
            "unit": uid,
            "name": data.units[uid].name,
            "lead": sum(a.role == LEAD for a in tasks),
            "support": sum(a.role == SUPPORT for a in tasks),
            "tasks": [{"ref": a.indicator.ref, "role": a.role} for a in tasks],
            "nearest_deadline": nearest.due.isoformat() if nearest else None,
            "nearest_deadline_label": nearest.label() if nearest else "",
            "path": paths[uid],
            "file": paths[uid],  # the key's earlier name, kept for scripts written against it
        })
    return rows
