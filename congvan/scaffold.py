"""``congvan init DIR --type …``: a new folder to start a document from — a commented data
file of that type that builds as it is, copies of the .docx templates to edit in Word,
and a short README in Vietnamese. A folder that exists and holds anything is refused:
nothing someone has is overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

from congvan.data.kinds import KINDS
from congvan.exceptions import OutputError, UsageProblem
from congvan.output.atomic import atomic_write
from congvan.output.paths import os_reason

DATA_FILE = "du-lieu.yaml"
TEMPLATES = "mau"
TEMPLATE_FILES = ("cong-van.docx", "van-ban.docx", "thu-don-vi.docx")

_HEAD = """\
# Dữ liệu của một {sentence} (congvan). Sửa các giá trị dưới đây; số thứ tự các mục,
# dòng "Số:", ngày tháng, dấu câu của Kính gửi và Nơi nhận do chương trình tự đánh.
# Kiểm tra:  congvan check {data}
# Tạo văn bản và thư từng đơn vị:  congvan build {data} -o ket-qua/ --templates {mau}/
# Định dạng đầy đủ: README.md của congvan, hoặc congvan schema.

# Văn bản: cơ quan ban hành, số, ngày, trích yếu, nội dung, người ký, nơi nhận.
document:
  type: {key}
  issuer:
    lines: [ỦY BAN NHÂN DÂN, THÀNH PHỐ BẮC KẠN]   # tên cơ quan ban hành, mỗi dòng một mục
    short_name: UBND thành phố Bắc Kạn            # tên dùng trong câu
  number:                 # để trống cho tới khi văn thư đăng ký số
  symbol: {symbol}
  place: Thành phố Bắc Kạn
  date: 2026-01           # chưa ký: năm-tháng; khi ký: 2026-01-15
  subject: {subject}
"""

_RECIPIENTS = """\
  recipients: [phong-ban, xa-phuong]   # Kính gửi: mã đơn vị trong danh mục units
"""

_BODY_LETTER = """\
  body:
    - >-
      Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Ủy ban nhân dân thành phố yêu cầu các cơ
      quan, đơn vị triển khai các nhiệm vụ tại Phụ lục kèm theo *(chữ nghiêng)*, cụ thể:
    - point: Các phòng, ban, ngành; Ủy ban nhân dân các xã, phường   # in "1."
      paragraphs:
        - Chủ động triển khai nhiệm vụ được giao, báo cáo kết quả trước ngày 20 hằng tháng.
    - point: Văn phòng HĐND và UBND thành phố                        # in "2."
      paragraphs:
        - Theo dõi, đôn đốc và tổng hợp kết quả thực hiện.
    - Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện.
"""

_BODY_TYPED = """\
  body:
    - >-
      Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Ủy ban nhân dân thành phố ban hành
      {sentence} như sau *(chữ nghiêng)*:
    - point: MỤC ĐÍCH, YÊU CẦU          # in "I." (các mục con in "1.", rồi "a)")
      points:
        - point: Mục đích
          paragraphs: [Xác định rõ nhiệm vụ, cơ quan chủ trì và thời hạn thực hiện.]
        - point: Yêu cầu
          paragraphs: [Các cơ quan, đơn vị triển khai **đúng tiến độ** (chữ đậm).]
    - point: TỔ CHỨC THỰC HIỆN
      paragraphs:
        - >-
          Các cơ quan, đơn vị thực hiện nhiệm vụ tại Phụ lục kèm theo, báo cáo kết quả về
          Văn phòng HĐND và UBND thành phố.
"""

_DECISION = """\
  authority: CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN
  bases:                   # in nghiêng, dấu ; do chương trình thêm
    - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015
  proposal: Theo đề nghị của Chánh Văn phòng HĐND và UBND thành phố
  articles:                # Điều 1., Điều 2.… do chương trình đánh
    - Phê duyệt kèm theo Quyết định này Danh mục nhiệm vụ năm 2026.
    - Quyết định này có hiệu lực kể từ ngày ký.
    - >-
      Chánh Văn phòng HĐND và UBND thành phố, Thủ trưởng các cơ quan, đơn vị có tên tại
      Danh mục chịu trách nhiệm thi hành Quyết định này.
"""

_SIGNER = """\
  signer:
    lines: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH]   # hoặc [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]
    name: Nguyễn Văn A
  distribution:            # Nơi nhận (dòng Lưu tự thêm: VT và đơn vị soạn thảo)
    - entries:
{entries}
"""

_UNITS = """
# Danh mục đơn vị: mỗi đơn vị một lần; mọi chỗ khác dùng mã (id).
units:
  - {id: vp, name: Văn phòng HĐND và UBND thành phố, short: Văn phòng HĐND-UBND, kind: office}
  - {id: noi-vu, name: Phòng Nội vụ thành phố, short: Phòng Nội vụ, kind: office}
  - {id: tc-kh, name: Phòng Tài chính - Kế hoạch thành phố, short: Phòng TC-KH, kind: office}
  - {id: song-cau, name: Ủy ban nhân dân phường Sông Cầu, short: UBND phường Sông Cầu, kind: commune}
  - {id: duc-xuan, name: Ủy ban nhân dân phường Đức Xuân, short: UBND phường Đức Xuân, kind: commune}
  - id: phong-ban          # một nhóm: giao cho nhóm là giao cho mọi thành viên
    name: Các phòng, ban, ngành thành phố
    kind: group
    members: [vp, noi-vu, tc-kh]
  - id: xa-phuong
    name: Ủy ban nhân dân các xã, phường
    short: UBND các xã, phường
    kind: group
    members: [song-cau, duc-xuan]
"""

_CLASSIC = """
# Phụ lục: các nhóm (I, II…) và các dòng (1, 2…) do chương trình đánh số.
appendix:
  title: Phân công nhiệm vụ năm 2026
  sections:
    - title: NHIỆM VỤ CHUNG
      indicators:
        - name: Triển khai nhiệm vụ được giao tại đơn vị
          lead: phong-ban
          support: vp
          task: Xây dựng kế hoạch của đơn vị, hoàn thành trong tháng 3/2026.
        - name: Tổng hợp, báo cáo kết quả
          lead: vp
          support: [phong-ban, xa-phuong]
          task: Báo cáo Ủy ban nhân dân thành phố trước ngày 15/12/2026.
"""

_DECLARED = """
# {title_comment}
appendix:
  heading: {heading}
  title: Nhiệm vụ năm 2026
  column_numbers: true     # dòng (1) (2) (3)… dưới tiêu đề
  columns:                 # các cột, theo thứ tự; width là độ rộng tương đối
    - {{show: number, title: STT, width: 6}}
    - {{show: name, title: Nội dung nhiệm vụ, width: 40, align: justify}}
    - {{show: lead, title: Cơ quan chủ trì, width: 16}}
    - {{show: support, title: Cơ quan phối hợp, width: 18}}
    - {{show: deadline, title: Thời gian thực hiện, width: 12}}
    - {{show: result, title: Sản phẩm, width: 14}}
  rows:
    - name: Xây dựng kế hoạch của đơn vị
      lead: phong-ban
      support: vp
      deadline: Quý I/2026
      result: Kế hoạch được ban hành
    - name: Tổng hợp, báo cáo kết quả thực hiện
      lead: vp
      support: [phong-ban, xa-phuong]
      deadline: tháng 12/2026
      result: Báo cáo kết quả
"""

_README = """\
# {title}

Thư mục này do `congvan init --type {key}` tạo.

- `{data}`: dữ liệu của {sentence}, có chú thích; sửa bằng trình soạn thảo văn bản bất kỳ
  (VS Code gợi ý các trường nếu có `congvan schema > congvan.schema.json`).
- `{mau}/`: bản sao các mẫu .docx; sửa phông, lề, khối chữ ký… bằng Word hoặc LibreOffice,
  giữ nguyên các thẻ `{{{{ … }}}}` và `{{% … %}}`.

Kiểm tra dữ liệu:

    congvan check {data}

Tạo {sentence}, phụ lục và thư giao nhiệm vụ cho từng đơn vị vào `ket-qua/`:

    congvan build {data} -o ket-qua/ --templates {mau}/

Đã có văn bản cũ dạng .docx? `congvan import cu.docx -o {data}` đọc nó thành dữ liệu.
"""


def data_text(key: str) -> str:
    """The commented data file of a new document of type ``key``."""
    kind = KINDS[key]
    typed = bool(kind.name)
    symbol = "UBND" if typed else "UBND-VP            # ký hiệu: cơ quan - đơn vị soạn thảo"
    subject = ("Triển khai nhiệm vụ năm 2026 trên địa bàn thành phố" if typed
               else "V/v triển khai nhiệm vụ năm 2026")
    text = _HEAD.format(sentence=kind.sentence.lower(), data=DATA_FILE, mau=TEMPLATES, key=key,
                        symbol=symbol, subject=subject)
    if kind.recipients == "required":
        text += _RECIPIENTS
    if key == "quyet-dinh":
        text += _DECISION
    else:
        text += (_BODY_TYPED if typed else _BODY_LETTER).format(sentence=kind.sentence)
    entries = ["Như Điều 3" if key == "quyet-dinh" else "Như trên" if not typed
               else "UBND tỉnh (b/c)", "CT, các PCT UBND thành phố"]
    if typed and key != "quyet-dinh":
        entries.append("Các cơ quan, đơn vị tại Phụ lục")
    text += _SIGNER.format(entries="\n".join(f"        - {e}" for e in entries))
    text += _UNITS
    if typed:
        heading = "DANH MỤC" if key == "quyet-dinh" else "PHỤ LỤC"
        text += _DECLARED.format(heading=heading, title_comment=(
            "Phụ lục: bảng không chia nhóm, sáu cột; số thứ tự do chương trình đánh."))
    else:
        text += _CLASSIC
    return text


def init_folder(folder: str | Path, key: str = "cong-van") -> list[Path]:
    """Create ``folder`` for a new document of type ``key``; the files written."""
    from congvan.builder.templates import default_templates_dir

    folder = Path(folder)
    if key not in KINDS:
        raise UsageProblem(f"không có loại văn bản '{key}'; chọn một trong: {', '.join(KINDS)}.")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"'{folder}' là một tệp, không phải thư mục.")
    if folder.is_dir() and any(folder.iterdir()):
        raise OutputError(f"thư mục '{folder}' đã có nội dung; congvan init chỉ tạo trong thư "
                          "mục mới hoặc trống, để không ghi đè gì.")
    kind = KINDS[key]
    written = []
    atomic_write(folder / DATA_FILE, data_text(key).encode("utf-8"), DATA_FILE)
    written.append(folder / DATA_FILE)
    source = default_templates_dir()
    try:
        (folder / TEMPLATES).mkdir(exist_ok=True)
        for name in TEMPLATE_FILES:
            shutil.copyfile(source / name, folder / TEMPLATES / name)
            written.append(folder / TEMPLATES / name)
    except OSError as exc:
        raise OutputError(f"không chép được mẫu vào '{folder / TEMPLATES}': {os_reason(exc)}.") \
            from None
    title = f"{kind.sentence} mới" if kind.name else "Công văn mới"
    readme = _README.format(title=title, key=key, data=DATA_FILE, mau=TEMPLATES,
                            sentence=kind.sentence.lower())
    atomic_write(folder / "README.md", readme.encode("utf-8"), "README.md")
    written.append(folder / "README.md")
    return written
