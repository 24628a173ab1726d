"""``congvan diff``: what changed between two versions of a data file."""

from congvan.diff.compare import diff_data, word_diff, words
from congvan.diff.report import (ADD, CHANGED, DELETED, MOVE, NEW, NO_DIFFERENCE, REMOVE, DataDiff,
                                 FieldChange, LetterChange, RoleChange, TaskChange, TaskEntry)

__all__ = ["diff_data", "word_diff", "words", "ADD", "CHANGED", "DELETED", "MOVE", "NEW",
           "NO_DIFFERENCE", "REMOVE", "DataDiff", "FieldChange", "LetterChange", "RoleChange",
           "TaskChange", "TaskEntry"]
