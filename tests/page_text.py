"""The visible text of a project's pages, to compare two copies of a project page by page
(export and import, backup and restore)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse


class _MainText(HTMLParser):
    """The visible text inside <main>, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[no-untyped-def]
        if tag == "main" or self.depth:
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def main_text(html: bytes) -> str:
    """The text a reader sees in the page's <main>."""
    parser = _MainText()
    parser.feed(html.decode())
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def project_pages() -> list[str]:
    """URL names whose only argument is the project: the project's pages."""
    names = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace not in (None, "admin"):
            names += [f"{entry.namespace}:{p.name}" for p in entry.url_patterns
                      if isinstance(p, URLPattern) and
                      re.fullmatch(r"[^<]*<int:project_pk>[^<]*", str(p.pattern))]
    return sorted(names)


def page(client: Any, name: str, project_pk: int) -> tuple[int, str]:
    """Status and main text of one project page (empty text for non-HTML answers)."""
    response = client.get(reverse(name, kwargs={"project_pk": project_pk}))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return response.status_code, ""
    return 200, main_text(response.content)
