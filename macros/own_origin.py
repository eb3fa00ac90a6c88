"""MkDocs hook: the built pages name no address outside the site itself.

``site_url`` must be the address the site is served from, or Material's instant navigation
stays off (it reads the sitemap, which lists pages by their full address). MkDocs also
writes that address into every page as ``<link rel="canonical">``: on an intranet server,
a USB stick or a copy moved to another host it names a place the page is not, and the
site promises pages that refer to nothing outside themselves. Search engines, the only
readers of a canonical link, never see an intranet; so the pages go without it. (The
footer's “Made with Material for MkDocs” link to the internet is off in mkdocs.yml,
``extra: generator: false``.)
"""

from __future__ import annotations

from typing import Any


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Drop the page's canonical address before the theme writes its head."""
    page.canonical_url = None
    return context
