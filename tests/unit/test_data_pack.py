"""quizdata/start.js: what a study page fetches first (issue 14)."""

from __future__ import annotations

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
    data.write_data(tmp_path, ROOT / "docs", banks, renderer, True, None)
    start = (tmp_path / "quizdata" / "start.js").read_text(encoding="utf-8").splitlines()[0]
    index = json.loads(start[start.index(",") + 1: start.rindex(")")])
    files = {path.name: path for path in (tmp_path / "quizdata").iterdir()}
    return index, files, banks


def test_past_the_limit_start_js_catalogues_every_question_for_the_draw(tmp_path, monkeypatch):
    """A draw on a big site follows its rules (type, one question per point, 斩题, source)
    from start.js alone and fetches only the questions it drew, each a file of its own."""
    index, files, banks = _written(tmp_path, monkeypatch, 0)
    assert index["parts"] is True
    catalogue = index["catalogue"]
    for bank in banks.values():
        for question in bank.questions:
            entry = [question.id, question.point] if question.point else [question.id]
            assert entry in catalogue[bank.id][question.type], question.id
            single = files["q"] / f"{question.id}.js"
            assert single.read_text(encoding="utf-8").startswith(
                f'qz.data.receive("q/{question.id}",{{"questions":[{{"id":"{question.id}"')
    assert sum(len(items) for types in catalogue.values() for items in types.values()) == sum(
        len(bank.questions) for bank in banks.values())
    assert "ids" not in index  # the catalogue names them; qz-data.js derives the list
    # Quiz pages fetch index.js (to prune the 错题本) and need no catalogue.
    assert '"catalogue"' not in files["index.js"].read_text(encoding="utf-8")


def test_within_the_limit_start_js_carries_the_banks_and_no_catalogue(tmp_path, monkeypatch):
    index, files, _ = _written(tmp_path, monkeypatch, data.PACK_LIMIT)
    assert index["parts"] is False and "catalogue" not in index
    assert "q" not in files  # no file per question
