from congvan.data.model import Unit
from congvan.data.units import LEAD, SUPPORT, assignments, expand


def _registry():
    units = [Unit("a", "A", "A", "office"), Unit("b", "B", "B", "office"),
             Unit("c", "C", "C", "commune"),
             Unit("g1", "G1", "G1", "group", ("a", "b")),
             Unit("g2", "G2", "G2", "group", ("g1", "c")),
             Unit("open", "Open", "Open", "group"),
             Unit("loop", "Loop", "Loop", "group", ("loop", "a"))]
    return {u.id: u for u in units}


def test_expand_nested_groups_once_in_order():
    assert expand(["g2", "a"], _registry()) == ["a", "b", "c"]


def test_group_without_members_stays_one_recipient():
    assert expand(["open"], _registry()) == ["open"]


def test_cycle_does_not_hang():
    assert expand(["loop"], _registry()) == ["a"]


def test_sample_group_expansion(sample):
    tasks = assignments(sample)
    # "UBND các xã, phường" leads I.1: every phường/xã leads it.
    for uid in sample.units["xa-phuong"].members:
        roles = {a.indicator.ref: a.role for a in tasks[uid]}
        assert roles["I.1"] == LEAD
        assert roles["II.1"] == SUPPORT
    # Phòng VH&TT is named as lead and support of V.2: it keeps the stronger role.
    vhtt = {a.indicator.ref: a.role for a in tasks["vhtt"]}
    assert vhtt["V.2"] == LEAD
    # A group whose members are not listed receives as itself.
    assert {a.indicator.ref for a in tasks["doan-the"]} == {"III.1", "IV.3"}
    # Groups with members never receive letters themselves.
    assert "xa-phuong" not in tasks and "phong-ban" not in tasks
