"""A large, valid, synthetic data file for scale tests and benchmarks.

``make_data(units=500, tasks=5000, seed=0)`` returns a data dict shaped like
``data/dti-bac-kan-2023.yaml``: the sample's ``document`` block, a registry of
``units`` units (offices, phường/xã, organisations and a few groups, among them
the ``phong-ban`` and ``xa-phuong`` groups the document's Kính gửi names) and an
appendix of ``tasks`` indicator rows spread over about ten sections, with
sub-indicators, shared tasks (merged cells), lead/support units drawn from the
registry and task texts that carry deadline phrases such as
``trước ngày 15/9/2023``. Every unit that is not a group leads at least one task,
so every such unit gets a letter. The same arguments always give the same data.

Usage::

    python tools/gen_large.py out.yaml [--units 500] [--tasks 5000] [--seed 0]
"""

from __future__ import annotations

import argparse
import calendar
import copy
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "dti-bac-kan-2023.yaml"

SECTION_TITLES = [
    "NHẬN THỨC SỐ", "THỂ CHẾ SỐ", "HẠ TẦNG SỐ", "NHÂN LỰC SỐ", "AN TOÀN THÔNG TIN MẠNG",
    "HOẠT ĐỘNG CHÍNH QUYỀN SỐ", "HOẠT ĐỘNG KINH TẾ SỐ", "HOẠT ĐỘNG XÃ HỘI SỐ",
    "DỮ LIỆU SỐ", "NỀN TẢNG VÀ ỨNG DỤNG SỐ", "DỊCH VỤ CÔNG TRỰC TUYẾN", "ĐÔ THỊ THÔNG MINH",
]
OFFICES = [
    ("Văn phòng HĐND và UBND", "Văn phòng HĐND-UBND"), ("Phòng Nội vụ", "Phòng Nội vụ"),
    ("Phòng Tư pháp", "Phòng Tư pháp"), ("Phòng Tài chính - Kế hoạch", "Phòng TC-KH"),
    ("Phòng Tài nguyên và Môi trường", "Phòng TN&MT"),
    ("Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TB&XH"),
    ("Phòng Văn hóa và Thông tin", "Phòng VH&TT"), ("Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT"),
    ("Phòng Quản lý đô thị", "Phòng QLĐT"), ("Phòng Kinh tế", "Phòng Kinh tế"),
    ("Phòng Y tế", "Phòng Y tế"), ("Thanh tra", "Thanh tra"),
]
PLACE_WORDS = ["Sông Cầu", "Đức Xuân", "Phùng Chí Kiên", "Huyền Tụng", "Xuất Hóa", "Dương Quang",
               "Nông Thượng", "Nguyễn Thị Minh Khai", "Bằng Vân", "Đồng Lạc", "Cẩm Giàng",
               "Hà Hiệu", "Quảng Khê", "Nà Phặc", "Yến Lạc", "Vân Tùng", "Thượng Quan", "Bằng Thành"]
ORGANIZATIONS = ["Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Hội Cựu chiến binh",
                 "Ủy ban Mặt trận Tổ quốc", "Trung tâm Văn hóa - Thể thao", "Ban Quản lý dự án",
                 "Trung tâm Y tế", "Bưu điện", "Viettel"]
VERBS = ["Triển khai", "Tham mưu xây dựng", "Tổ chức thực hiện", "Rà soát, cập nhật",
         "Đôn đốc, theo dõi", "Hướng dẫn, hỗ trợ", "Tuyên truyền, phổ biến", "Tổng hợp, báo cáo"]
OBJECTS = ["kế hoạch chuyển đổi số", "hồ sơ đề xuất cấp độ an toàn thông tin",
           "phương án ứng cứu sự cố an toàn thông tin mạng", "chuyên mục “Chuyển đổi số”",
           "dịch vụ công trực tuyến toàn trình", "tài khoản định danh điện tử mức độ 2",
           "nền tảng học trực tuyến đại trà OneTouch", "chữ ký số cho cán bộ, công chức",
           "kết quả xử lý phản ánh, kiến nghị", "cơ sở dữ liệu dân cư", "hệ thống thư điện tử công vụ"]
PLACES = ["tại cơ quan, đơn vị, địa phương", "trên địa bàn thành phố", "đến từng thôn, tổ dân phố",
          "cho người dân, doanh nghiệp", "theo hướng dẫn của Sở Thông tin và Truyền thông"]
INDICATOR_WORDS = ["Tỷ lệ", "Số lượng", "Mức độ hài lòng với", "Tần suất", "Chỉ số"]
INDICATOR_OBJECTS = ["hồ sơ xử lý trực tuyến", "người dân có chữ ký số", "cán bộ được tập huấn",
                     "hệ thống thông tin được phê duyệt cấp độ", "phản ánh được xử lý đúng hạn",
                     "doanh nghiệp sử dụng hóa đơn điện tử", "thôn có cáp quang",
                     "cuộc diễn tập an toàn thông tin", "thủ tục hành chính cung cấp toàn trình"]


def _deadline(rng: random.Random) -> str:
    """A deadline phrase, never earlier than the sample's date (09/2023)."""
    kind = rng.randrange(8)
    month = rng.randint(9, 12)
    if kind <= 2:
        day = rng.randint(1, calendar.monthrange(2023, month)[1])
        return f"trước ngày {day}/{month}/2023"
    if kind == 3:
        return f"chậm nhất ngày {rng.randint(1, 28)}/{rng.randint(1, 6)}/2024"
    if kind == 4:
        return f"trong tháng {month}/2023"
    if kind == 5:
        return rng.choice(["trong quý IV/2023", "trong quý III và quý IV/2023", "trong năm 2024"])
    if kind == 6:
        return rng.choice(["thường xuyên", "định kỳ hằng tháng", "hằng quý"])
    return "6 tháng đầu năm 2024"


def _task(rng: random.Random, n: int) -> str | list[str]:
    sentence = (f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)} "
                f"(nhiệm vụ số {n}). Yêu cầu hoàn thành {_deadline(rng)}.")
    if rng.randrange(5) == 0:
        return [sentence, f"Báo cáo kết quả về Phòng VH&TT để tổng hợp (nhiệm vụ số {n})."]
    return sentence


def _units(count: int, rng: random.Random) -> tuple[list[dict], list[str], list[str]]:
    """(registry, ids that are not groups, ids of groups with members)."""
    if count < 12:
        raise ValueError("cần ít nhất 12 đơn vị")
    n_groups = 4 + max(0, min(6, count // 100))
    n_plain = count - n_groups
    n_offices = min(len(OFFICES) * 4, max(4, n_plain // 10))
    n_orgs = max(1, n_plain // 20)
    n_communes = n_plain - n_offices - n_orgs
    units: list[dict] = []
    offices, communes, orgs = [], [], []
    for i in range(n_offices):
        name, short = OFFICES[i % len(OFFICES)]
        suffix = "" if i < len(OFFICES) else f" (khu vực {i // len(OFFICES) + 1})"
        uid = f"phong-{i + 1}"
        units.append({"id": uid, "name": f"{name} thành phố{suffix}", "short": short + suffix,
                      "kind": "office"})
        offices.append(uid)
    for i in range(n_communes):
        word = PLACE_WORDS[i % len(PLACE_WORDS)]
        level = "phường" if i % 3 else "xã"
        uid = f"xp-{i + 1}"
        label = f"{word} {i // len(PLACE_WORDS) + 1}"
        units.append({"id": uid, "name": f"Ủy ban nhân dân {level} {label}",
                      "short": f"UBND {level} {label}", "kind": "commune"})
        communes.append(uid)
    for i in range(n_orgs):
        uid = f"tc-{i + 1}"
        name = f"{ORGANIZATIONS[i % len(ORGANIZATIONS)]} số {i + 1}"
        units.append({"id": uid, "name": name + " thành phố", "short": name, "kind": "organization"})
        orgs.append(uid)
    groups = [
        {"id": "phong-ban", "name": "Các phòng, ban, ngành thành phố",
         "short": "Các phòng, ban, ngành thành phố", "kind": "group", "members": list(offices)},
        {"id": "xa-phuong", "name": "Ủy ban nhân dân xã, phường", "short": "UBND các xã, phường",
         "kind": "group", "members": list(communes)},
        {"id": "doan-the", "name": "Các đoàn thể, tổ chức chính trị - xã hội thành phố",
         "short": "Các đoàn thể; tổ chức chính trị, xã hội", "kind": "group"},
        {"id": "to-chuc", "name": "Các tổ chức trên địa bàn thành phố",
         "short": "Các tổ chức", "kind": "group", "members": list(orgs)},
    ]
    for g in range(n_groups - len(groups)):  # clusters of communes, one containing a group
        members = rng.sample(communes, k=min(len(communes), rng.randint(3, 8)))
        if g == 0:
            members.append("to-chuc")
        groups.append({"id": f"cum-{g + 1}", "name": f"Cụm xã, phường số {g + 1}",
                       "short": f"Cụm số {g + 1}", "kind": "group", "members": members})
    member_groups = [g["id"] for g in groups if g.get("members") and g["id"] != "xa-phuong"]
    return units + groups, offices + communes + orgs, member_groups


def make_data(units: int = 500, tasks: int = 5000, seed: int = 0) -> dict:
    """A valid data dict with ``units`` units and ``tasks`` indicator rows (see module doc)."""
    if tasks < 1:
        raise ValueError("cần ít nhất 1 nhiệm vụ")
    rng = random.Random(seed)
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    registry, plain, groups = _units(units, rng)
    n_sections = min(10, tasks)
    sections = [{"title": SECTION_TITLES[s % len(SECTION_TITLES)], "indicators": []}
                for s in range(n_sections)]
    made = 0
    leads = list(plain)
    rng.shuffle(leads)

    def indicator(n: int, allow_share: bool) -> dict:
        lead = [leads[n % len(leads)]]  # round robin: every unit leads something
        if rng.randrange(50) == 0:
            lead.append(rng.choice(groups))
        pool = [u for u in plain if u not in lead]
        support = rng.sample(pool, k=rng.randint(0, 3))
        ind = {"name": f"{rng.choice(INDICATOR_WORDS)} {rng.choice(INDICATOR_OBJECTS)} ({n})",
               "lead": lead}
        if support:
            ind["support"] = support
        if allow_share and rng.randrange(12) == 0:
            ind["shares_task"] = True
        else:
            ind["task"] = _task(rng, n)
        return ind

    while made < tasks:
        section = sections[made * n_sections // tasks]
        parent = indicator(made, allow_share=bool(section["indicators"]))
        made += 1
        section["indicators"].append(parent)
        if made < tasks and rng.randrange(15) == 0:  # sub-indicators 3.1, 3.2…
            children = []
            for k in range(min(tasks - made, rng.randint(1, 3))):
                children.append(indicator(made, allow_share=k > 0))
                made += 1
            parent["indicators"] = children
    sections = [s for s in sections if s["indicators"]]
    return {
        "document": copy.deepcopy(sample["document"]),
        "units": registry,
        "appendix": {
            "title": (f"Phân công nhiệm vụ nâng cao chỉ số chuyển đổi số năm 2023 "
                      f"(dữ liệu tổng hợp: {tasks} nhiệm vụ, {units} đơn vị)"),
            "sections": sections,
        },
    }


def write(path: str | Path, data: dict) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text("# yaml-language-server: $schema=../docs/congvan.schema.json\n"
                    "# Dữ liệu tổng hợp do tools/gen_large.py tạo ra.\n" + text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="tệp YAML sẽ ghi")
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    data = make_data(units=args.units, tasks=args.tasks, seed=args.seed)
    write(args.path, data)
    print(f"{args.path}: {len(data['units'])} đơn vị, {args.tasks} nhiệm vụ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
