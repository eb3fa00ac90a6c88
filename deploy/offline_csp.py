"""MkDocs hook for the offline package: each page carries its own Content-Security-Policy.

Opened from a USB stick (file://) no server sends the policy that nginx sends on the
intranet, so a ``<meta http-equiv>`` policy at the top of every page is the second layer
behind the scripts' own checks: a ``javascript:`` link that slipped through runs nothing,
and no request leaves the package. Material's inline scripts are allowed by the hashes
of that very page, so the policy stays right whatever Material writes.
"""

from __future__ import annotations

from typing import Any

from csp import page_script_hashes  # deploy/csp.py: MkDocs puts a hook's folder on sys.path

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def csp_meta(html: str) -> str:
    """Return the policy for one page as a meta element, its inline scripts allowed by hash."""
    hashes = " ".join(sorted(page_script_hashes(html)))
    return f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'


def with_policy(output: str) -> str:
    """Put the policy first in <head>, before anything it must govern."""
    head = output.find("<head>")
    if head < 0:
        return output
    at = head + len("<head>")
    return output[:at] + csp_meta(output) + output[at:]


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Give every Markdown page its policy."""
    return with_policy(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Give the theme's static pages (404.html) theirs; sitemap.xml is left alone."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
