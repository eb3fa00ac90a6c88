"""Open a .docx, .xlsx or .csv file as paragraphs or rows, refusing what cannot be read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from macros.importing.draft import Draft
from macros.importing.paragraphs import read_paragraphs
from macros.importing.tables import find_header, read_rows

Skipped = list[tuple[str, str]]


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why, in Chinese."""


def read_docx(path: Path) -> tuple[list[Draft], Skipped]:
    """Paragraphs of a Word document; a table with a 题干/答案 header is read as rows."""
    import docx  # python-docx: imported here so check and export start without it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise Unreadable("打不开这个Word文件：请确认是 .docx 格式（.doc 请先在Word里“另存为”.docx）"
                         ) from error
    drafts, skipped = read_paragraphs(
        (number, paragraph.text) for number, paragraph in enumerate(document.paragraphs, 1))
    for table_number, table in enumerate(document.tables, 1):
        rows = [(number, [cell.text for cell in row.cells])
                for number, row in enumerate(table.rows, 1)]
        if find_header(rows) is None:
            skipped.append((f"第{table_number}个表格", "表格没有“题干”和“答案”表头，没有读入"))
            continue
        merged = {number for number, row in enumerate(table.rows, 1)
                  if len({id(cell._tc) for cell in row.cells}) < len(row.cells)}
        found, problems = read_rows(rows, merged)
        drafts += found
        skipped += [(f"第{table_number}个表格{where}", reason) for where, reason in problems]
    return drafts, skipped


def read_xlsx(path: Path) -> tuple[list[Draft], Skipped]:
    """Read the first worksheet of an Excel workbook, which has a header row."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as error:
        raise Unreadable("打不开这个Excel文件：请确认是 .xlsx 格式（.xls 请先在Excel或WPS里"
                         "“另存为”.xlsx）") from error
    sheet = workbook.worksheets[0]
    merged: set[int] = set()
    for cells in sheet.merged_cells.ranges:
        merged.update(range(cells.min_row, cells.max_row + 1))
    rows = [(number, list(row)) for number, row in
            enumerate(sheet.iter_rows(values_only=True), 1)]
    return read_rows(rows, merged)


def read_csv(path: Path) -> tuple[list[Draft], Skipped]:
    """Read a CSV file in UTF-8 (BOM or not) or GB18030, as Excel and WPS save it in China."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Unreadable("这个CSV文件的编码读不出来：请在Excel里另存为“CSV UTF-8”")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    rows = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1)]
    return read_rows(rows)


READERS = {".docx": read_docx, ".xlsx": read_xlsx, ".csv": read_csv}


def read_file(path: Path) -> tuple[list[Draft], Skipped]:
    """Read any supported file; raise ``Unreadable`` for a missing or unsupported one."""
    if not path.is_file():
        raise Unreadable(f"找不到文件 {path}")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise Unreadable(f"不支持 {path.suffix or '无扩展名'} 文件：只能导入 .docx、.xlsx、.csv"
                         "（.doc、.xls、.wps 请先另存为 .docx 或 .xlsx）")
    return reader(path)
