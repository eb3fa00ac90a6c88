"""One private folder for what a build compiles and the next build can take as it is.

Each ``mkdocs build`` is a new process, which compiled our Jinja templates and the JSON
Schemas' validators afresh: 0.1 s of every build, a fifth of what the real site's build
adds to plain Material. They are kept in Jinja's own folder for its bytecode cache, a
folder of the temp directory that Jinja makes private to the user (it refuses one that
another user could write), so what is read back is only ever what a build of ours wrote.
Everything in it is keyed by the text it was compiled from and by the Python version, so
an edited template or schema is compiled again. A folder that cannot be made or written
makes a build no slower than before, and never stops it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates; a failed write only leaves the template unkept."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled template, when the disk lets us."""
        with suppress(OSError):  # a full or read-only disk: the template was compiled, not kept
            super().dump_bytecode(bucket)


@cache
def template_cache() -> TemplateCache | None:
    """Give the cache in Jinja's private folder, or None where none can be made."""
    try:
        return TemplateCache()
    except (OSError, RuntimeError):  # Jinja found no folder only this user can write
        return None


def python_code(name: str, key: str, source: Callable[[], str]) -> CodeType:
    """Compile the generated module ``source()`` once for ``key`` (the text it is made from).

    ``source`` is called only when the folder has no code for ``key`` yet.
    """
    found = template_cache()
    digest = hashlib.sha256(MAGIC_NUMBER + key.encode("utf-8")).hexdigest()[:32]
    path = Path(found.directory) / f"dangjian-{name}-{digest}.code" if found else None
    if path is not None:
        with suppress(OSError, ValueError, EOFError, TypeError):
            code = marshal.loads(path.read_bytes())
            if isinstance(code, CodeType):
                return code
    code = compile(source(), f"<{name}>", "exec")
    if path is not None:
        with suppress(OSError):  # written whole, then renamed: a reader never sees half
            handle, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name)
            try:
                with os.fdopen(handle, "wb") as stream:
                    marshal.dump(code, stream)
                os.replace(partial, path)
            finally:
                with suppress(OSError):
                    os.unlink(partial)
    return code
