"""The words members read in the site's interface, from one table per language.

``ui_text.zh.yml`` holds every label, button and message of the templates and the
scripts, so a maintainer changes “提交答案” in one place. Templates read it through
the Jinja global ``t``; scripts through ``qz.text(section)``, from the copy the build
writes into the site: the ``header`` section is put in front of ``qz-header.js`` (every
page needs it before the first paint), the rest into ``javascripts/qz-text.js``, which
qz-header.js loads before any other script.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml

TABLE = Path(__file__).with_name("ui_text.zh.yml")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Sections the header script needs on every page, before anything else has loaded.
HEADER_SECTIONS = ("header",)


@cache
def table() -> dict[str, dict[str, str]]:
    """Read and check the table once: sections of key → text, nothing else."""
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8-sig"))
    if not isinstance(data, dict):
        raise ValueError(f"{TABLE.name}：应当是若干节，每节是“名称: 文字”")
    for section, entries in data.items():
        if not isinstance(entries, dict) or not all(
                isinstance(key, str) and isinstance(value, str) for key, value in entries.items()):
            raise ValueError(f"{TABLE.name} 的 {section} 一节：每一行应当是“名称: 文字”")
    return data


def t(key: str, **values: object) -> str:
    """Look up ``section.name`` and fill its ``{placeholders}`` from ``values``."""
    section, name = key.split(".", 1)
    text = table()[section][name]
    return _PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


def _assignment(sections: dict[str, dict[str, str]]) -> str:
    payload = json.dumps(sections, ensure_ascii=False, separators=(",", ":"))
    return ("(function(){var q=window.qz=window.qz||{},s=" + payload +
            ",t=q.TEXT=q.TEXT||{};for(var k in s)t[k]=s[k];})();\n")


def write_scripts(site_dir: Path) -> None:
    """Give the built site's scripts the table (before minifying)."""
    sections = table()
    header = {name: sections[name] for name in HEADER_SECTIONS}
    rest = {name: entries for name, entries in sections.items() if name not in HEADER_SECTIONS}
    scripts = site_dir / "javascripts"
    head = scripts / "qz-header.js"
    if not head.is_file():
        return  # a site without the scripts (tests/fixtures/site): nothing reads the words
    head.write_text(_assignment(header) + head.read_text(encoding="utf-8"), encoding="utf-8")
    (scripts / "qz-text.js").write_text(_assignment(rest), encoding="utf-8")
