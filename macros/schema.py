"""Check data against a JSON Schema of macros/: quickly when it holds, in detail when not.

Nearly every build finds every bank and contest sound, so the yes comes from a
compiled validator (fastjsonschema, reading the schema as draft 7, whose features the
schemas keep to), ten times faster than jsonschema. jsonschema, which names every
mistake and where it is, is imported only when one is found: importing it costs a
fifth of a second-long build of the real site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from macros.build_cache import python_code

if TYPE_CHECKING:
    from jsonschema import ValidationError


def _quick_check(name: str, schema: dict[str, Any]) -> Callable[[Any], Any]:
    """Compile fastjsonschema's validator, or take it as an earlier build compiled it.

    Generating and compiling its Python took 45 ms of every build for the two schemas.
    """
    key = json.dumps([fastjsonschema.VERSION, schema], ensure_ascii=False, sort_keys=True)

    def source() -> str:
        code = fastjsonschema.compile_to_code(schema)
        main = re.search(r"^def (\w+)\(", code, re.M)
        if main is None:
            raise ValueError(f"{name}: fastjsonschema wrote no validator")
        return f"{code}\nquick_check = {main[1]}\n"

    namespace: dict[str, Any] = {}
    exec(python_code("schema-" + name, key, source), namespace)  # code generated from our schema
    return namespace["quick_check"]


class Schema:
    """One schema file of macros/ (``bank.schema.json``, ``contest.schema.json``)."""

    def __init__(self, name: str) -> None:
        self.contents: dict[str, Any] = json.loads(
            Path(__file__).with_name(name).read_text(encoding="utf-8"))
        self._holds: Callable[[Any], Any] = _quick_check(name, {
            **self.contents, "$schema": "http://json-schema.org/draft-07/schema#"})
        self._detailed: tuple[Any, Any] | None = None

    def holds(self, data: Any) -> bool:
        """Tell whether ``data`` passes the schema."""
        try:
            self._holds(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def errors(self, data: Any) -> Iterator[ValidationError]:
        """Yield every way ``data`` fails the schema (none when it holds), as jsonschema says."""
        if self.holds(data):
            return iter(())
        return self._validator().iter_errors(data)

    def full_check(self, data: Any) -> list[ValidationError]:
        """List every way ``data`` fails, by jsonschema alone (what the quick yes agrees with)."""
        return list(self._validator().iter_errors(data))

    def lookup(self, reference: str) -> dict[str, Any]:
        """Return the part of the schema a ``$ref`` points to (jsonschema's paths skip the hop)."""
        return self._detailed_check()[1].lookup(reference).contents

    def _validator(self) -> Any:
        return self._detailed_check()[0]

    def _detailed_check(self) -> tuple[Any, Any]:
        """Jsonschema's validator and a resolver of the schema's own references."""
        if self._detailed is None:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource

            uri = self.contents["$id"]
            registry = Registry().with_resource(uri, Resource.from_contents(self.contents))
            self._detailed = (Draft202012Validator(self.contents, registry=registry),
                              registry.resolver(uri))
        return self._detailed
