"""dangjian import: each layout agencies circulate, each broken input, and a new bank that builds.

Fixtures are made here with python-docx, openpyxl and csv, so each test shows
the layout it guards.
"""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import openpyxl
import pytest

from macros.checks import ERROR, Project, run_checks
from macros.cli import main
from macros.importing.paragraphs import read_paragraphs
from macros.importing.sources import read_file
from macros.importing.writing import scalar, with_nav_line
from macros.loader import load_bank_file
from tests.conftest import ROOT


def make_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def make_xlsx(path: Path, rows: list[list[object]], merge: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(str(path))
    return path


def make_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def read(lines: list[str]):
    return read_paragraphs(enumerate(lines, 1))


def answers(drafts):
    return [(d.type, d.answer) for d in drafts]


# --- numbered paragraphs -------------------------------------------------------------------

@pytest.mark.parametrize("number", ["1．", "1、", "1.", "（1）", "(1)", "1 ．"])
def test_each_numbering_style_starts_a_question(number):
    drafts, skipped = read([f"{number}机关党组织是哪一类组织？", "A．党的领导机关",
                            "B．党的基层组织",
                            "答案：B"])
    assert skipped == [] and answers(drafts) == [("single", "B")]
    assert drafts[0].stem == "机关党组织是哪一类组织？"


def test_several_options_on_one_line_and_mixed_widths():
    drafts, skipped = read(["1.下列哪项正确?", "A.甲  B．乙\tC、丙 Ｄ．丁", "正确答案:D"])
    assert skipped == []
    assert drafts[0].options == {"A": "甲", "B": "乙", "C": "丙", "D": "丁"}
    assert drafts[0].answer == "D" and drafts[0].stem == "下列哪项正确？"


@pytest.mark.parametrize("label", ["答案：", "正确答案：", "参考答案：", "答案:", "【答案】"])
def test_each_answer_line_and_the_explanation_line(label):
    drafts, _ = read(["1、题干？", "A．甲", "B．乙", f"{label}A", "解析：因为甲,所以甲。"])
    assert drafts[0].answer == "A" and drafts[0].explanation == "因为甲，所以甲。"


def test_section_headings_set_the_type():
    drafts, skipped = read([
        "一、单选题", "1．题一？", "A．甲 B．乙", "答案：A",
        "二、多项选择题（每题2分）", "1．题二？", "A．甲 B．乙 C．丙", "答案：AC",
        "三、判断题", "1．说法三。", "答案：对",
        "四、填空题", "1．党的根本组织原则是____。", "答案：民主集中制",
    ])
    assert skipped == []
    assert answers(drafts) == [("single", "A"), ("multiple", ["A", "C"]), ("judge", True),
                               ("fill", [["民主集中制"]])]


@pytest.mark.parametrize(("tag", "kind"), [("（单选）", "single"), ("[多选题]", "multiple"),
                                           ("【判断】", "judge"), ("(填空)", "fill")])
def test_an_inline_tag_sets_the_type_and_leaves_the_stem(tag, kind):
    lines = {"single": ["A．甲 B．乙", "答案：A"], "multiple": ["A．甲 B．乙", "答案：A,B"],
             "judge": ["答案：√"], "fill": ["答案：甲"]}[kind]
    drafts, skipped = read([f"1. {tag}说法____对吗", *lines])
    assert skipped == [] and drafts[0].type == kind and tag not in drafts[0].stem


def test_types_are_inferred_without_heading_or_tag():
    drafts, _ = read(["1. 题？", "A.甲 B.乙", "答案：B", "2. 题？", "A.甲 B.乙 C.丙", "答案：A、C",
                      "3. 说法。", "答案：错", "4. 空____在这。", "答案：甲"])
    assert [d.type for d in drafts] == ["single", "multiple", "judge", "fill"]


def test_the_answer_inside_the_stems_brackets():
    drafts, skipped = read(["1. 党支部是党的（ B ）组织。", "A.领导 B.基础",
                            "2. 机关党组织领导业务工作。（×）", "3. 党员要参加组织生活（√）"])
    assert skipped == []
    assert answers(drafts) == [("single", "B"), ("judge", False), ("judge", True)]
    assert drafts[0].stem == "党支部是党的（　）组织。"


def test_an_option_marked_as_the_correct_answer():
    drafts, _ = read(["1. 题？", "A. 甲", "B. 乙(正确答案)", "C. 丙（正确答案）"])
    assert drafts[0].type == "multiple" and drafts[0].answer == ["B", "C"]
    assert drafts[0].options["B"] == "乙"


@pytest.mark.parametrize(("written", "value"), [("对", True), ("错", False), ("正确", True),
                                                ("错误", False), ("√", True), ("×", False),
                                                ("T", True), ("F", False), ("ｔ", True)])
def test_judge_answers(written, value):
    drafts, _ = read(["1.（判断）说法。", f"答案：{written}"])
    assert drafts[0].answer is value


@pytest.mark.parametrize("written", ["ABD", "A、B、D", "A,B,D", "A，B，D", "A B D", "abd"])
def test_multiple_answers(written):
    drafts, _ = read(["1. 题？", "A.甲 B.乙 C.丙 D.丁", f"答案：{written}"])
    assert drafts[0].answer == ["A", "B", "D"]


def test_fill_blanks_underscores_brackets_and_the_answer_inside():
    drafts, skipped = read(["一、填空题", "1. 甲__和乙（ ）。", "答案：一；二/贰",
                            "2. 机关党组织协助（行政负责人）完成任务。"])
    assert skipped == []
    assert drafts[0].stem == "甲____和乙____。" and drafts[0].answer == [["一"], ["二", "贰"]]
    assert drafts[1].stem == "机关党组织协助____完成任务。"
    assert drafts[1].answer == [["行政负责人"]]


@pytest.mark.parametrize(("lines", "reason"), [
    (["1.（单选）题？", "A.甲 B.乙", "答案：E"], "答案“E”没有对应的选项（只有A、B）"),
    (["1.（单选）题？", "A.甲 B.乙"], "没有答案"),
    (["1.（单选）题？", "A.甲 B.乙", "答案：AB"], "单选题给了2个答案"),
    (["1.（多选）题？", "A.甲 B.乙", "答案：A"], "多选题只给了一个答案"),
    (["1. 一句话"], "看不出题型"),
    (["1.（判断）说法。", "答案：也许"], "判断题的答案“也许”看不懂"),
    (["1.（填空）甲____乙____。", "答案：一"], "题干里有2个空，答案却有1项"),
])
def test_each_broken_question_is_skipped_with_its_paragraph_and_reason(lines, reason):
    drafts, skipped = read(["前言：本题库供学习使用", *lines])
    assert drafts == []
    assert skipped[0] == ("第1段", "不在任何一道题里，没有读入：“前言：本题库供学习使用”")
    assert skipped[1][0] == "第2段（第1题）" and reason in skipped[1][1]


def test_a_real_docx_file_is_read_with_paragraph_numbers(tmp_path):
    path = make_docx(tmp_path / "题库.docx",
                     ["一、单选题", "", "1．题？", "A．甲 B．乙", "答案：E"])
    drafts, skipped = read_file(path)
    assert drafts == [] and skipped == [("第3段（第1题）", "答案“E”没有对应的选项（只有A、B）")]


def test_a_table_inside_word_is_read_as_rows(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [["题型", "题干", "答案", "解析"],
                                       ["判断", "说法。", "对", "因为。"],
                                       ["判断", "说法二。", "错", ""]], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.cell(2, 2).merge(table.cell(2, 3))
    document.save(str(tmp_path / "t.docx"))
    drafts, skipped = read_file(tmp_path / "t.docx")
    assert answers(drafts) == [("judge", True)]
    assert skipped == [("第1个表格第3行", "这一行有合并的单元格，读不准：请取消合并，每格只写一项")]


# --- tables ------------------------------------------------------------------------------

HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析"]


def test_excel_with_a_header_row(tmp_path):
    path = make_xlsx(tmp_path / "bank.xlsx", [
        ["说明：第一行之前可以有标题"],
        HEADER,
        ["单选", "题一？", "甲", "乙", "丙", "丁", "C", "解析一"],
        ["多选题", "题二？", "甲", "乙", "丙", None, "A,C", None],
        ["判断", "说法三。", None, None, None, None, True, None],
        ["填空", "空____在这。", None, None, None, None, "甲/呷", None],
    ])
    drafts, skipped = read_file(path)
    assert skipped == []
    assert answers(drafts) == [("single", "C"), ("multiple", ["A", "C"]), ("judge", True),
                               ("fill", [["甲", "呷"]])]
    assert drafts[1].options == {"A": "甲", "B": "乙", "C": "丙"}


@pytest.mark.parametrize("header", [["题目", "A", "B", "正确答案", "说明"],
                                    ["问题", "A项", "B项", "答案", "解析"]])
def test_header_names_are_recognised(tmp_path, header):
    path = make_xlsx(tmp_path / "bank.xlsx", [header, ["题？", "甲", "乙", "B", "因为乙。"]])
    drafts, _ = read_file(path)
    assert answers(drafts) == [("single", "B")] and drafts[0].explanation == "因为乙。"


def test_excel_rows_with_merged_cells_and_unknown_types_are_named(tmp_path):
    path = make_xlsx(tmp_path / "bank.xlsx", [
        HEADER,
        ["单选", "题一？", "甲", "乙", None, None, "A", None],
        ["问答", "题二？", None, None, None, None, "略", None],
        ["单选", "题三？", "甲", "乙", None, None, "B", None],
        ["单选", "题四？", "甲", "乙", None, None, "Z", None],
    ], merge="G4:H4")
    drafts, skipped = read_file(path)
    assert answers(drafts) == [("single", "A")]
    assert skipped == [("第3行", "题型“问答”不认识：请写单选、多选、判断或填空"),
                       ("第4行", "这一行有合并的单元格，读不准：请取消合并，每格只写一项"),
                       ("第5行", "答案“Z”看不懂：选择题的答案请写选项字母，如 B 或 ABD")]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_excel_and_wps_write(tmp_path, encoding):
    path = make_csv(tmp_path / "bank.csv", [HEADER, ["判断", "说法。", "", "", "", "", "错", ""]],
                    encoding)
    drafts, _ = read_file(path)
    assert answers(drafts) == [("judge", False)]


def test_a_table_without_the_header_is_refused_by_name(tmp_path):
    path = make_csv(tmp_path / "bank.csv", [["甲", "乙"], ["1", "2"]])
    assert read_file(path) == ([], [("第1行",
                                     "找不到表头：第一行要有“题干”（或题目、问题）和“答案”两列")])


# --- writing into a project ----------------------------------------------------------------

WORD = ["一、单选题", "1．机关党组织是党的哪一类组织?", "A．领导机关  B．基层组织", "答案：B",
        "解析：党章规定,机关党组织是党的基层组织。", "二、判断题", "2. 党员应当参加组织生活。（√）",
        "3. 没有答案的判断题（判断）"]


def test_a_new_bank_gets_yaml_page_and_nav_and_passes_the_checks(project, capsys):
    source = make_docx(project / "纪律 题库.docx", WORD)
    status = main(["import", str(source), "--bank", "discipline", "--title", "纪律教育自测"])
    out = capsys.readouterr().out
    assert status == 1  # one paragraph was not understood: the maintainer must look
    assert "读到3处题目，能读懂2道" in out
    assert "没有读入 第8段（第3题）：没有答案" in out
    assert "写入2道题（discipline-01 至 discipline-02）" in out
    bank = (project / "quizzes" / "discipline.yml").read_text(encoding="utf-8")
    assert bank.startswith("# yaml-language-server: $schema=../macros/bank.schema.json\n")
    page = (project / "docs" / "discipline.md").read_text(encoding="utf-8")
    assert '{{ quiz("discipline") }}' in page and "## 本页自测 {: #self-test }" in page
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - 纪律教育: discipline.md\n  - 自测中心:" in config
    assert "!ENV [SITE_URL" in config and "# The deployed address" in config
    findings = run_checks(Project(project))
    assert [f for f in findings if f.severity == ERROR] == []
    questions = Project(project).banks["discipline"].questions
    assert [(q.type, q.answer, q.source) for q in questions] == [("single", "B", "self-test"),
                                                                 ("judge", True, "self-test")]
    assert questions[0].explanation == "党章规定，机关党组织是党的基层组织。"


def test_appending_to_a_bank_skips_duplicates_and_takes_new_ids(project, capsys):
    role = Project(project).banks["role"]
    existing = role.questions[0]
    last = max(int(q.id.rsplit("-", 1)[1]) for q in role.questions)
    source = make_csv(project / "more.csv", [
        ["题型", "题干", "答案", "解析"],
        ["判断", existing.stem.replace("，", ","), "对", "重复的题。"],
        ["判断", "机关党组织要对每个党员进行监督。", "对", "党章这样规定。"],
    ])
    before = (project / "quizzes" / "role.yml").read_text(encoding="utf-8")
    assert main(["import", str(source), "--bank", "role"]) == 0
    out = capsys.readouterr().out
    assert f"跳过重复 第2行：与quizzes/role.yml里的 {existing.id} 重复" in out
    after = (project / "quizzes" / "role.yml").read_text(encoding="utf-8")
    assert after.startswith(before)
    new = Project(project).banks["role"].questions[-1]
    assert new.id == f"role-{last + 1:02d}" and new.stem == "机关党组织要对每个党员进行监督。"
    assert main(["import", str(source), "--bank", "role"]) == 0  # all duplicates now: no change
    assert (project / "quizzes" / "role.yml").read_text(encoding="utf-8") == after


def test_a_retired_id_is_not_given_again(project):
    registry = project / "quizzes" / "published-ids.txt"
    with registry.open("a", encoding="utf-8") as out:
        out.write("role-90 已停用\n")
    source = make_csv(project / "one.csv", [["题干", "答案"], ["新说法。", "对"]])
    main(["import", str(source), "--bank", "role"])
    assert Project(project).banks["role"].questions[-1].id == "role-91"


@pytest.mark.parametrize(("args", "message"), [
    (["import", "nosuch.docx", "--bank", "x"], "找不到文件"),
    (["import", "t.doc", "--bank", "x"], "不支持 .doc 文件"),
    (["import", "t.csv", "--bank", "Bad_Id"], "题库编号“Bad_Id”不行"),
])
def test_unusable_input_is_refused_in_chinese_and_nothing_is_written(project, capsys, args,
                                                                    message):
    (project / "t.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    make_csv(project / "t.csv", [["题干", "答案"], ["说法。", "对"]])
    before = sorted(p.name for p in (project / "quizzes").iterdir())
    assert main(args) == 1
    assert message in capsys.readouterr().out
    assert sorted(p.name for p in (project / "quizzes").iterdir()) == before


def test_a_corrupt_docx_is_refused(project, capsys):
    (project / "bad.docx").write_bytes(b"not a zip")
    assert main(["import", "bad.docx", "--bank", "x"]) == 1
    assert "打不开这个Word文件" in capsys.readouterr().out


def test_yaml_scalars_round_trip_what_yaml_would_misread(tmp_path):
    """Stems that YAML reads as something else (yes, 12:30, - item, # note) stay text."""
    for text in ["yes", "12:30", "- 列表", "# 注释", "甲: 乙", "“引号”开头", "[方括号]", "010"]:
        path = tmp_path / "b.yml"
        path.write_text(f"k: {scalar(text)}\n", encoding="utf-8")
        data, problems = load_bank_file(path, "b.yml")
        assert problems == [] and data["k"] == text


def test_nav_line_goes_before_the_study_centre_keeping_comments():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    edited = with_nav_line(config, "纪律教育", "discipline.md")
    assert edited.replace("  - 纪律教育: discipline.md\n", "", 1) == config
    lines = edited.splitlines()
    index = lines.index("  - 纪律教育: discipline.md")
    assert lines[index + 1] == "  - 自测中心:"


def test_answer_and_explanation_on_one_line_or_at_the_end_of_the_stem():
    drafts, skipped = read(["1. 说法甲。 答案：对", "2. 题？", "A.甲 B.乙",
                            "答案：B　解析：因为乙。"])
    assert skipped == []
    assert answers(drafts) == [("judge", True), ("single", "B")]
    assert drafts[0].stem == "说法甲。" and drafts[1].explanation == "因为乙。"


def test_appending_refuses_a_bank_whose_questions_are_not_last(project, capsys):
    """Appending at the end of the file would land under another key: refuse, write nothing."""
    bank = project / "quizzes" / "role.yml"
    text = bank.read_text(encoding="utf-8").replace("shuffle: true\n", "", 1) + "shuffle: true\n"
    bank.write_text(text, encoding="utf-8")
    source = make_csv(project / "one.csv", [["题干", "答案"], ["新说法。", "对"]])
    assert main(["import", str(source), "--bank", "role"]) == 1
    assert bank.read_text(encoding="utf-8") == text
    assert "questions: 不是最后一项" in capsys.readouterr().out
