"""The ``congvan`` command: parses arguments, calls one library function, reports.

Errors of the project's tree become ``Lỗi: …`` on stderr with exit 1
(:class:`UsageProblem`: the command's usage line, then ``Lỗi: …``, exit 2): click's own
``Error:`` prefix is English and never stands before a Vietnamese message. Nothing here
decides anything.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from . import __version__
from .exceptions import CongvanError, EditedFilesError, UsageProblem, shown

DATA = click.Path(dir_okay=False, path_type=Path)


def _echo_json(value) -> None:
    import json  # only the --json outputs need it: --help starts without it

    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


class _Failure(click.ClickException):
    """An error for the user: ``Lỗi: …`` on stderr, exit 1."""

    def __init__(self, message: str):
        super().__init__(shown(message))

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", file=file, err=file is None)


class _UsageFailure(click.UsageError):
    """A usage problem: the command's usage line, where to find help, ``Lỗi: …``; exit 2."""

    def __init__(self, message: str):
        super().__init__(shown(message))

    def show(self, file=None) -> None:
        err = file is None
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), file=file, err=err, color=self.ctx.color)
            click.echo(f"Xem hướng dẫn: {self.ctx.command_path} --help\n", file=file, err=err)
        click.echo(f"Lỗi: {self.format_message()}", file=file, err=err)


def _run(fn, *args, **kwargs):
    """Call the library; translate its exceptions once, for every command."""
    try:
        return fn(*args, **kwargs)
    except UsageProblem as exc:
        raise _UsageFailure(str(exc)) from None
    except CongvanError as exc:
        raise _Failure(str(exc)) from None


def _warn(problems) -> None:
    for p in problems:
        click.echo(p.format(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="congvan", message="%(prog)s %(version)s")
def cli():
    """Soạn công văn, phụ lục và thư giao nhiệm vụ từng đơn vị theo Nghị định
    30/2020/NĐ-CP, từ một tệp dữ liệu YAML."""


@cli.command()
@click.argument("data_file", type=DATA)
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Thư mục ghi kết quả.")
@click.option("--unit", "units", multiple=True, metavar="MÃ",
              help="Chỉ tạo thư của đơn vị này (lặp lại được; mã nhóm = mọi thành viên).")
@click.option("--dispatch/--no-dispatch", default=None,
              help="Có tạo công văn hay không (mặc định: có, trừ khi dùng --unit).")
@click.option("--force", is_flag=True,
              help="Ghi đè cả tệp đã sửa tay (sau khi sao lưu vào output/.backup/).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục mẫu .docx (mặc định: templates/ của chương trình).")
@click.option("--watch", "watching", is_flag=True,
              help="Theo dõi tệp dữ liệu và các mẫu: tự tạo lại mỗi khi lưu (Ctrl+C để dừng).")
@click.option("--pdf", is_flag=True,
              help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice).")
@click.option("--preview", is_flag=True,
              help="Tạo ảnh PNG trang đầu mỗi văn bản và trang đầu phụ lục (cần LibreOffice, poppler-utils).")
def build(data_file, output_dir, units, dispatch, force, templates_dir, watching, pdf, preview):
    """Tạo công văn kèm phụ lục và thư gửi từng đơn vị vào thư mục kết quả."""
    from .data.loader import load

    build_kwargs = {"units": list(units), "dispatch": dispatch, "force": force,
                    "pdf": pdf, "preview": preview}
    if watching:
        _watch(data_file, output_dir, build_kwargs, templates_dir)
        return
    from .builder.pipeline import build as build_documents

    data = _run(load, data_file)
    _warn(data.warnings)
    findings: list = []
    report = _run(_offering_import, data_file, output_dir, build_documents, data, output_dir,
                  templates_dir=templates_dir, findings=findings, **build_kwargs)
    for path, finding in findings:
        click.echo(f"{output_dir / path}: cảnh báo: {finding.format()}", err=True)
    for path in report.written:
        click.echo(f"  ghi  {output_dir / path}")
    for path in report.removed:
        click.echo(f"  xóa  {output_dir / path}")
    click.echo(report.summary())


def _offering_import(data_file, output_dir, fn, *args, **kwargs):
    """``fn`` whose stop for hand-edited files also offers to take the edits into the data."""
    try:
        return fn(*args, **kwargs)
    except EditedFilesError as exc:
        documents = [f for f in exc.files if f.lower().endswith(".docx")]
        if not documents:
            raise
        # at the start of the line (the listing above indents file names: scripts read those)
        hints = "\n".join(f"congvan import {output_dir / f} --into {data_file}" for f in documents)
        raise EditedFilesError(f"{exc}\nHoặc đưa các sửa đổi trong văn bản vào tệp dữ liệu rồi "
                               f"tạo lại:\n{hints}", exc.files) from None


def _watch(data_file, output_dir, build_kwargs, templates_dir) -> None:
    from .watch import watch

    click.echo(f"Đang theo dõi {data_file} và các mẫu .docx; nhấn Ctrl+C để dừng.")
    try:
        _run(watch, data_file, output_dir, echo=click.echo, build_kwargs=build_kwargs,
             templates_dir=templates_dir)
    except KeyboardInterrupt:
        click.echo("Đã dừng theo dõi.")


@cli.command()
@click.argument("data_file", type=DATA)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON cho các chương trình khác.")
def units(data_file, as_json):
    """Liệt kê đơn vị nhận nhiệm vụ: số việc chủ trì, phối hợp, hạn gần nhất."""
    from .data.loader import load
    from .unit_table import unit_summary

    data = _run(load, data_file)
    rows = unit_summary(data)
    if as_json:
        _echo_json(rows)
        return
    click.echo(_table(rows))


@cli.command()
@click.argument("data_file", type=DATA)
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi (mã thoát 1).")
@click.option("--deadlines", is_flag=True, help="In thời hạn đọc được của từng nhiệm vụ để đối chiếu.")
@click.option("--json", "as_json", is_flag=True,
              help="Với tệp .docx: in kết quả dạng JSON cho các chương trình khác.")
def check(data_file, strict, deadlines, as_json):
    """Kiểm tra dữ liệu: in mọi lỗi và cảnh báo, không ghi tệp nào.

    Với tệp .docx (do congvan hay bất kỳ ai soạn): kiểm tra thể thức theo Nghị định
    30/2020/NĐ-CP; mã thoát 0 khi đúng, 1 khi có điểm sai, 2 khi không đọc được tệp."""
    if _is_document(data_file):
        if strict or deadlines:
            raise click.UsageError("--strict và --deadlines chỉ dùng khi kiểm tra tệp dữ liệu YAML.")
        _check_document(data_file, as_json)
        return
    if as_json:
        raise click.UsageError("--json chỉ dùng khi kiểm tra tệp .docx.")
    from .data.loader import load

    data = _run(load, data_file)
    for problem in data.warnings:
        click.echo(problem.format())
    if deadlines:
        click.echo(_deadline_table(data))
    if strict and data.warnings:
        raise _Failure(f"có {len(data.warnings)} cảnh báo; với --strict, cảnh báo được coi là lỗi.")
    click.echo(f"Không có lỗi, {len(data.warnings)} cảnh báo.")


_DOCUMENT_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc")


def _is_document(path: Path) -> bool:
    """A Word file (by its name, or by its first bytes: zip or OLE), not YAML data."""
    if path.suffix.lower() in _DOCUMENT_SUFFIXES:
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def _check_document(path: Path, as_json: bool) -> None:
    from .nd30.conformance import UnreadableDocument, check_docx

    try:
        result = check_docx(path)
    except UnreadableDocument as exc:
        click.echo(f"Lỗi: {shown(exc)}", err=True)
        sys.exit(2)
    if as_json:
        _echo_json(result.to_dict())
    else:
        click.echo(result.format())
    sys.exit(0 if result.ok else 1)


def _deadline_table(data) -> str:
    from .vn.deadlines import format_date

    rows = []
    for ind in data.rows():
        if (not ind.task and ind.deadline.kind == "none") or ind.shares_task:
            continue
        d = ind.deadline
        due = format_date(d.due) if d.due else ("định kỳ" if d.kind == "recurring" else "—")
        rows.append([ind.ref, due, d.phrase or "(không nêu thời hạn)"])
    headers = ["STT", "Hạn", "Cụm từ trong nhiệm vụ"]
    return _format_table(headers, rows)


@cli.command()
@click.argument("old_file", type=DATA)
@click.argument("new_file", type=DATA)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON cho các chương trình khác.")
def diff(old_file, new_file, as_json):
    """So sánh hai phiên bản dữ liệu: nhiệm vụ thêm, bớt, sửa, phân công đổi, thư đơn vị
    cần gửi lại. Mã thoát 0 khi giống nhau, 1 khi khác nhau (như lệnh diff)."""
    from .data.loader import load
    from .diff import diff_data

    result = _run(diff_data, _run(load, old_file), _run(load, new_file))
    if as_json:
        _echo_json(result.to_dict())
    else:
        click.echo(result.format())
    sys.exit(0 if result.is_empty else 1)


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output_file", type=DATA,
              help="Tệp dữ liệu YAML mới, đọc từ tệp .docx (công văn, kế hoạch, quyết định, "
                   "thông báo, báo cáo soạn ở bất kỳ đâu).")
@click.option("--into", "into_file", type=DATA,
              help="Tệp dữ liệu YAML có sẵn: áp dụng vào đó những chỗ đã sửa trong tệp .docx "
                   "do congvan tạo, hoặc trong tệp .xlsx.")
@click.option("--dry-run", is_flag=True, help="Với --into: chỉ in các thay đổi, không ghi tệp.")
@click.option("--force", is_flag=True, help="Với -o: ghi đè tệp YAML đã có.")
def import_(source, output_file, into_file, dry_run, force):
    """Nhập văn bản soạn sẵn (.docx) thành tệp dữ liệu YAML (-o), hoặc đưa những chỗ đã
    sửa (.docx, .xlsx) trở lại tệp dữ liệu có sẵn (--into)."""
    if (output_file is None) == (into_file is None):
        raise _UsageFailure("hãy cho đúng một trong hai: -o DỮ_LIỆU.yaml (tạo tệp dữ liệu mới) "
                            "hoặc --into DỮ_LIỆU.yaml (đưa chỗ sửa vào tệp có sẵn).")
    if into_file is not None:
        if force:
            raise _UsageFailure("--force chỉ dùng với -o.")
        _import_into(source, into_file, dry_run)
        return
    if dry_run:
        raise _UsageFailure("--dry-run chỉ dùng với --into.")
    if source.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise _UsageFailure(f"tệp Excel '{source}' được nhập vào một tệp dữ liệu có sẵn bằng "
                            f"--into: congvan import {source} --into DỮ_LIỆU.yaml")
    from .importing import write_import

    imported = _run(write_import, source, output_file, force=force)
    for note in imported.notes:
        click.echo(note.format(str(source)), err=True)
    rows = sum(1 for _ in _rows_of(imported.data))
    click.echo(f"Đã ghi {output_file}: {len(imported.data['units'])} đơn vị, {rows} dòng nhiệm "
               f"vụ, {len(imported.notes)} cảnh báo cần xem lại.")


def _rows_of(data: dict):
    def walk(items):
        for item in items:
            yield item
            yield from walk(item.get("indicators") or [])

    for app in data.get("appendices") or [data.get("appendix") or {}]:
        yield from walk(app.get("rows") or [])
        for section in app.get("sections") or []:
            yield from walk(section["indicators"])


def _import_into(source: Path, data_file: Path, dry_run: bool) -> None:
    from .edits import import_into

    result = _run(import_into, source, data_file, dry_run=dry_run)
    click.echo(result.format())


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--type", "kind", metavar="LOẠI", default="cong-van", show_default=True,
              help="Loại văn bản: cong-van, ke-hoach, quyet-dinh, thong-bao hoặc bao-cao.")
def init(folder, kind):
    """Tạo thư mục mới để bắt đầu một văn bản: tệp dữ liệu có chú thích, bản sao các mẫu
    .docx để sửa trong Word, và hướng dẫn ngắn (README)."""
    from .scaffold import init_folder

    written = _run(init_folder, folder, kind)
    for path in written:
        click.echo(f"  ghi  {path}")
    click.echo(f"Đã tạo {folder}. Tiếp theo: sửa {folder / 'du-lieu.yaml'}, rồi chạy "
               f"congvan build {folder / 'du-lieu.yaml'} -o {folder / 'ket-qua'} "
               f"--templates {folder / 'mau'}")


@cli.command()
@click.argument("data_file", type=DATA)
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Tệp Excel (.xlsx) cần ghi: bảng nhiệm vụ để giao việc, sửa rồi nhập lại.")
@click.option("--force", is_flag=True, help="Ghi đè tệp Excel đã có.")
def export(data_file, xlsx_file, force):
    """Xuất bảng nhiệm vụ ra Excel (mã nhiệm vụ, nhóm, tên, chủ trì, phối hợp, nội dung,
    thời hạn, ghi chú); sửa xong nhập lại bằng: congvan import TỆP.xlsx --into DỮ-LIỆU.yaml"""
    from .edits import export_xlsx

    count = _run(export_xlsx, data_file, xlsx_file, force=force)
    click.echo(f"Đã ghi {count} nhiệm vụ vào {xlsx_file}.")


@cli.command()
def schema():
    """In JSON Schema của định dạng dữ liệu (cho trình soạn thảo kiểm tra YAML)."""
    from .data.format import json_schema

    _echo_json(json_schema())


def _table(rows) -> str:
    headers = ["Mã", "Đơn vị", "Chủ trì", "Phối hợp", "Hạn gần nhất", "Tệp"]
    body = [[r["unit"], r["name"], str(r["lead"]), str(r["support"]),
             r["nearest_deadline_label"] or "—", r["path"]] for r in rows]
    return _format_table(headers, body)


def _format_table(headers, body) -> str:
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h)
              for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(b, widths)).rstrip() for b in body]
    return "\n".join(lines)


def _terminate(signum, frame):
    """SIGTERM stops the command the way Ctrl+C does: the build stops cleanly, its
    worker processes with it, and ``--watch`` says it stopped."""
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="congvan")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
