"""quizdata/start.js: what a study page fetches first (issue 14)."""

from __future__ import annotations

import re

import pytest

from macros import data

INDEX = 'qz.data.receive("index",{"banks":[]});\n'


def test_small_banks_travel_with_the_index_in_one_file():
    """At the real size a tap on 开始考试 must need no request: start.js holds every bank."""
    banks = {"role": 'qz.data.receive("role",{"questions":[]});\n',
             "methods": 'qz.data.receive("methods",{"questions":[]});\n'}
    assert data.start_script(INDEX, banks) == INDEX + "".join(banks.values())


def test_past_the_limit_start_js_holds_the_index_alone(monkeypatch):
    """A phone must not fetch megabytes no draw needs: past PACK_LIMIT only the index comes."""
    banks = {"big": 'qz.data.receive("big",{"questions":["' + "题" * 40 + '"]});\n'}
    monkeypatch.setattr(data, "PACK_LIMIT", len(banks["big"].encode("utf-8")) - 1)
    assert data.start_script(INDEX, banks) == INDEX
    monkeypatch.setattr(data, "PACK_LIMIT", len(banks["big"].encode("utf-8")))
    assert data.start_script(INDEX, banks) == INDEX + banks["big"]


def _written(tmp_path, monkeypatch, limit: int) -> tuple[dict, dict, dict]:
    """Write the real banks' study data with start.js carrying banks up to ``limit`` bytes;
    return start.js's index and the files written."""
    import json

    from macros.render import Renderer
    from macros.validate import load_banks
    from tests.conftest import ROOT

    renderer = Renderer(["attr_list", "pymdownx.superfences"], {})  # the HTML is not the point
    banks = load_banks(ROOT / "quizzes", ROOT / "docs", ROOT)
    monkeypatch.setattr(data, "PACK_LIMIT", limit)
    data.StudyData(tmp_path, ROOT / "docs", banks, renderer, True, None).finish()
    start = (tmp_path / "quizdata" / "start.js").read_text(encoding="utf-8").splitlines()[0]
    index = json.loads(start[start.index(",") + 1: start.rindex(")")])
    files = {path.name: path for path in (tmp_path / "quizdata").iterdir()}
    return index, files, banks


def test_past_the_limit_start_js_catalogues_every_question_for_the_draw(tmp_path, monkeypatch):
    """A draw on a big site follows its rules (type, one question per point, 斩题, source)
    from start.js alone and fetches only the small files of the questions it drew, each
    named by the question's place in the catalogue, as qz-data.js finds it."""
    import json

    index, files, banks = _written(tmp_path, monkeypatch, 0)
    assert index["parts"] is True and index["pack"] == data.PACK_SIZE
    catalogue = index["catalogue"]
    for bank in banks.values():
        for question in bank.questions:
            entry = [question.id, question.point] if question.point else [question.id]
            assert entry in catalogue[bank.id][question.type], question.id
    written = {}
    for path in sorted((files["q"]).iterdir()):
        text = path.read_text(encoding="utf-8")
        name = path.name.removesuffix(".js")
        assert text.startswith(f'qz.data.receive("q/{name}",') and text.endswith(");\n")
        written[name] = json.loads(text[text.index(",") + 1: -3])
    source_of = {q.id: q.source for bank in banks.values() for q in bank.questions}
    for bank, types in catalogue.items():
        for kind, entries in types.items():
            for place, entry in enumerate(entries):
                pack = written[f"{bank}.{kind}.{place // data.PACK_SIZE}"]
                question = next(q for q in pack["questions"] if q["id"] == entry[0])
                assert question["type"] == kind
                assert source_of[entry[0]] in pack["sections"]  # its passage (the 错题本)
    assert all(len(pack["questions"]) <= data.PACK_SIZE for pack in written.values())
    assert sum(len(pack["questions"]) for pack in written.values()) == sum(
        len(bank.questions) for bank in banks.values())
    assert len(written) < sum(len(bank.questions) for bank in banks.values()) / 2
    assert "ids" not in index  # the catalogue names them; qz-data.js derives the list
    # Quiz pages fetch index.js (to prune the 错题本) and need no catalogue.
    assert '"catalogue"' not in files["index.js"].read_text(encoding="utf-8")


def test_within_the_limit_start_js_carries_the_banks_and_no_catalogue(tmp_path, monkeypatch):
    index, files, _ = _written(tmp_path, monkeypatch, data.PACK_LIMIT)
    assert index["parts"] is False and "catalogue" not in index
    assert "q" not in files  # no small question files


def _real(tmp_path):
    from macros.render import Renderer
    from macros.validate import load_banks
    from tests.conftest import ROOT

    renderer = Renderer(["attr_list", "pymdownx.superfences"], {})
    return ROOT / "docs", load_banks(ROOT / "quizzes", ROOT / "docs", ROOT), renderer


def _files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("limit", [0, data.PACK_LIMIT], ids=["small files", "packed"])
def test_a_build_writes_the_same_data_while_its_pages_are_built(tmp_path, monkeypatch, limit):
    """The banks' files come from a thread started at the first page; the index, written at
    the end, names the checklists the pages rendered after the thread started."""
    from macros import checklist

    monkeypatch.setattr(data, "PACK_LIMIT", limit)
    docs, banks, renderer = _real(tmp_path)
    data.StudyData(tmp_path / "at-once", docs, banks, renderer, True, None).finish()
    checklist.forget_keys()
    study = data.StudyData(tmp_path / "overlapped", docs, banks, renderer, True, None)
    study.start()
    checklist._relabel(re.match(r"(?P<checked>)(?P<text>.*)", "学习《党章》"))  # a later page
    study.start()  # every page calls it: the first starts the thread
    study.finish()
    checklist.forget_keys()
    together, overlapped = _files(tmp_path / "at-once"), _files(tmp_path / "overlapped")
    assert together.keys() == overlapped.keys() and len(together) > len(banks)
    differ = [name for name in together if together[name] != overlapped[name]]
    assert differ == ["quizdata/index.js", "quizdata/start.js"]
    assert checklist.item_key("学习《党章》").encode() in overlapped["quizdata/index.js"]


def test_a_failure_of_the_thread_stops_the_build_at_its_end(tmp_path):
    docs, banks, renderer = _real(tmp_path)
    (tmp_path / "site").write_text("a file where the site folder should be", encoding="utf-8")
    study = data.StudyData(tmp_path / "site", docs, banks, renderer, True, None)
    study.start()
    with pytest.raises(OSError):
        study.finish()
