"""The words members read in the site's interface, from one table per language.

``ui_text.zh.yml`` holds every label, button and message of the templates and the
scripts, so a maintainer changes “提交答案” in one place. Templates read it through
the Jinja global ``t``; scripts through ``qz.text(section)``, from the copy the build
writes into the site: each script gets, in front of it, the sections it reads
(``qz.text("quiz")``), so a page loads only the words of the scripts it runs, with no
file of words of its own (on a phone each file is a round trip). A section read by
several scripts travels with each; they set the same words.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml

TABLE = Path(__file__).with_name("ui_text.zh.yml")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# How a script reads a section: qz.text("name"), the name written out (the build finds it).
READS = re.compile(r'qz\.text\("(\w+)"\)')


@cache
def table() -> dict[str, dict[str, str]]:
    """Read and check the table once: sections of key → text, nothing else."""
    # libyaml where PyYAML has it: the pure-Python parser took 30 ms of every build here.
    data = yaml.load(TABLE.read_text(encoding="utf-8-sig"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
    """Give each of the built site's scripts the sections it reads (before minifying)."""
    sections = table()
    for script in sorted((site_dir / "javascripts").glob("qz-*.js")):
        source = script.read_text(encoding="utf-8")
        names = list(dict.fromkeys(READS.findall(source)))
        missing = [name for name in names if name not in sections]
        if missing:
            raise ValueError(f"{script.name} 读取的界面文字 {', '.join(missing)} 不在 "
                             f"{TABLE.name} 里")
        if names:
            script.write_text(_assignment({name: sections[name] for name in names}) + source,
                              encoding="utf-8")
