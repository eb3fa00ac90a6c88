"""Keep the CSP script hashes in deploy/nginx/dangjian.conf in step with a built site.

Material puts a few small inline scripts in every page; a strict Content-Security-Policy
allows them by their SHA-256 hashes. Run after building (``make csp``) whenever Material,
the theme configuration or the deployment path changes.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

CONF = Path(__file__).resolve().parent / "nginx" / "dangjian.conf"
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def page_script_hashes(html: str) -> set[str]:
    """CSP source expressions for the executable inline scripts of one page."""
    hashes = set()
    for match in _INLINE.finditer(html):
        if "application/json" in match["attrs"]:
            continue  # data, never executed, so CSP does not apply
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def inline_script_hashes(site: Path) -> set[str]:
    """CSP source expressions for every executable inline script in the built pages."""
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        hashes |= page_script_hashes(page.read_text(encoding="utf-8"))
    return hashes


def configured_hashes(conf: Path = CONF) -> set[str]:
    """Return the hashes the nginx configuration currently allows."""
    return set(_HASH.findall(conf.read_text(encoding="utf-8")))


def rewrite(site: Path, conf: Path = CONF) -> None:
    """Replace the hashes in the script-src of the nginx configuration."""
    text = conf.read_text(encoding="utf-8")
    hashes = " ".join(sorted(inline_script_hashes(site)))
    text = re.sub(r"script-src 'self'[^;]*;", f"script-src 'self' {hashes};", text, count=1)
    conf.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    rewrite(site_dir)
    print(f"{CONF}: {len(configured_hashes())} script hashes")
