"""HTML → PDF with WeasyPrint, fetching nothing but the application's own static files.

A document is built from user-provided text: an ``<img src="file:///etc/passwd">`` or an
``http://`` URL slipped into it must not make the worker read a local file or call a
server (CVE-2025-68616 class of flaws). Every URL goes through ``StaticOnlyURLFetcher``.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in a document resolve against this origin; it names no real host, and
# only URLs under it and STATIC_URL are ever served.
BASE_URL = "https://msp-si.invalid/"


class ResourceRefused(ValueError):
    """A document asked for a resource outside the application's static files."""


def _static_prefix() -> str:
    """The absolute URL prefix under which static files are served to the renderer."""
    static_url = settings.STATIC_URL or "/static/"
    return BASE_URL.rstrip("/") + "/" + static_url.lstrip("/")


def static_path_for(url: str) -> Path:
    """The local file behind a static URL of the document, or raise ``ResourceRefused``."""
    prefix = _static_prefix()
    if not url.startswith(prefix):
        raise ResourceRefused(f"URL refusée (hors fichiers statiques) : {url}")
    relative = unquote(urlsplit(url).path[len(urlsplit(prefix).path):])
    normalised = posixpath.normpath(relative)
    if normalised.startswith(("/", "..")) or "\\" in normalised or "\0" in normalised:
        raise ResourceRefused(f"Chemin statique refusé : {url}")
    found = finders.find(normalised)
    if found:
        return Path(found if isinstance(found, str) else found[0])
    # After collectstatic (production), hashed names exist only under STATIC_ROOT.
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / normalised).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise ResourceRefused(f"Fichier statique introuvable : {url}")


class StaticOnlyURLFetcher(URLFetcher):
    """WeasyPrint fetcher (70.x API) serving static files and refusing everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Answer with the static file's bytes; raise for any other URL or scheme."""
        path = static_path_for(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}
        )


# Archived documents are validated collegially and kept for years: PDF/A-3u (Unicode
# text, every font embedded, sRGB output intent; part 3 allows the source data attached).
PDF_VARIANT = "pdf/a-3u"


class DocumentHtml(str):
    """A rendered document's HTML, with the files to embed in its PDF (source data)."""

    attachments: tuple[tuple[str, bytes, str], ...] = ()

    def __new__(cls, html: str,
                attachments: tuple[tuple[str, bytes, str], ...] = ()) -> DocumentHtml:
        document = super().__new__(cls, html)
        document.attachments = attachments
        return document


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML document (A4, fonts of the system) to PDF/A bytes.

    Title, author, subject (``<meta name="description">``) and language come from the
    HTML head; the files a ``DocumentHtml`` carries (name, bytes, description) are
    embedded as the PDF's source data.
    """
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    attachments = [
        Attachment(string=content, name=name, description=description,
                   relationship="Source")
        for name, content, description in getattr(html, "attachments", ())
    ]
    return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=attachments or None)
