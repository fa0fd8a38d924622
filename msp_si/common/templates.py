"""The template backend: Django's, with French typography applied once to each HTML page.

Every page and htmx fragment is rendered through this backend, so the narrow no-break
spaces before « ; : ! ? », inside « » and before « % » and « € » are set in one place, for
the text of the templates, the translations and the data alike (the PDFs get the same
``french_html`` in the documents pipeline). Why here and not elsewhere:

- in each template (``|typo`` on every block) would be the « by hand » the issue refuses,
  and would miss fragments, form errors and messages;
- in the French catalogue would miss the data (« Pourquoi ? » typed by a user) and the
  punctuation written around ``{{ }}`` in templates;
- a middleware would meet every response (files, JSON, streamed XLSX) and work on bytes;
  here only rendered ``.html`` templates are touched.

``french_html`` changes text nodes only — never a tag, an attribute, nor the contents of
``<script>``, ``<style>``, ``<pre>``, ``<code>`` or ``<textarea>`` (what a user typed goes
back to them unchanged) — and is idempotent. Pages keep ASCII apostrophes: what a user
types and searches for on a page is what it shows.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.backends.django import DjangoTemplates, Template
from django.utils.safestring import SafeString, mark_safe

from .typography import french_html


class FrenchTemplate(Template):
    """A rendered ``.html`` template comes out with French spacing."""

    def render(self, context: dict[str, Any] | None = None,
               request: HttpRequest | None = None) -> SafeString:
        html = super().render(context, request)
        if not str(self.origin.template_name or "").endswith(".html"):
            return mark_safe(html)  # noqa: S308  e-mails: plain text, written as sent
        return mark_safe(french_html(html, apostrophes=False))  # noqa: S308  (same markup)


class FrenchDjangoTemplates(DjangoTemplates):
    """Django's template backend whose HTML templates are spaced the French way."""

    def from_string(self, template_code: str) -> Template:
        return FrenchTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        return FrenchTemplate(super().get_template(template_name).template, self)
