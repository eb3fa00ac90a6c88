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
