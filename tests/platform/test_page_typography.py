"""Issue 15: the pages follow French typography too. The main pages of the phase-4 demo
MSP (its home, the 18 steps and every work page they link to) are read as a browser shows
them; a breaking space before « : ; ? ! », « % » or « € », or inside « », fails the test
with the page and the excerpt."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from acceptance.demo.phase4 import demo_projects
from tests.typography import typography_faults

pytestmark = pytest.mark.django_db

# Enough for the home, the steps and their work pages; the crawl stops there.
PAGE_LIMIT = 90
HIDDEN = {"script", "style", "textarea", "template", "head"}
# Cells, paragraphs, items… are read apart, as a browser lays them out: « Total sur 100 »
# in one cell and « 69,31 » in the next are not one number.
BLOCKS = {"p", "div", "li", "td", "th", "tr", "dt", "dd", "br", "h1", "h2", "h3", "h4",
          "section", "nav", "header", "footer", "main", "ul", "ol", "table", "caption",
          "option", "label", "legend", "fieldset", "form", "hgroup", "details", "summary"}


class _VisibleText(HTMLParser):
    """The text a reader sees: text nodes outside scripts, styles, form fields' contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _crawl(client: Client, start: str, prefix: str) -> dict[str, str]:
    """Visible text of each HTML page reached from ``start`` by links under ``prefix``."""
    seen, queue, texts = {start}, deque([start]), {}
    while queue and len(texts) < PAGE_LIMIT:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = _VisibleText()
        parser.feed(response.content.decode())
        texts[url] = "".join(parser.parts)
        for link in parser.links:
            link = link.split("#")[0]
            if link.startswith(prefix) and link not in seen and "telecharger" not in link:
                seen.add(link)
                queue.append(link)
    return texts


def test_the_demo_pages_have_no_breaking_space_before_high_punctuation() -> None:
    [result] = demo_projects(reset=False)
    project = result.project
    client = Client()
    client.force_login(project.created_by)
    home = reverse("projects:project-home", args=[project.pk])
    texts = _crawl(client, home, home)
    assert len(texts) >= 40, sorted(texts)  # the steps and their work pages were reached
    faults = {url: typography_faults(text) for url, text in texts.items()}
    assert {url: found for url, found in faults.items() if found} == {}
