"""Nghị định 30/2020/NĐ-CP: the decree's layout numbers and the sizing of its solid lines."""
