"""pyproject.toml declares what macros/ imports, and pins what overrides/ patches."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def declared() -> dict[str, str]:
    """Distribution name (normalised) → its requirement line."""
    return {re.split(r"[<>=!~ \[]", line, maxsplit=1)[0].lower().replace("_", "-"): line
            for line in PROJECT["dependencies"]}


def imported_top_levels() -> set[str]:
    names = set()
    for path in (ROOT / "macros").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"macros", "__future__"}


def test_every_package_macros_imports_is_declared():
    """An undeclared import works only while another package happens to pull it in."""
    owners = packages_distributions()
    missing = [f"{name} ({', '.join(owners.get(name, ['?']))})"
               for name in sorted(imported_top_levels())
               if not {d.lower() for d in owners.get(name, [])} & set(declared())]
    assert missing == []


def test_material_is_pinned_exactly():
    """overrides/ holds a patched copy of Material's search worker made from one release."""
    assert re.fullmatch(r"mkdocs-material==[\d.]+", declared()["mkdocs-material"].split()[0])


def test_supported_pythons():
    allowed = SpecifierSet(PROJECT["requires-python"])
    assert all(version in allowed for version in ("3.11", "3.12", "3.13"))
