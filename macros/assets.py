"""Minify the site's own scripts and stylesheets in the built site.

The sources in docs/ stay readable, with the comments that say why; members on mobile
data get the minified files (rjsmin and rcssmin: small, pure-Python, long-maintained),
without a JavaScript toolchain or a separate build step.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minify(site_dir: Path) -> None:
    """Minify javascripts/*.js and stylesheets/*.css of the built site in place."""
    for path in (site_dir / "javascripts").glob("*.js"):
        path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in (site_dir / "stylesheets").glob("*.css"):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
