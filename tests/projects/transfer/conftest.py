"""The demo project with a generated document, and archives of it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from projects.choices import DocumentKind, DocumentStatus
from projects.demo.seed import LEAD, demo_seed
from projects.documents.services import document_generate_now
from projects.models import Project
from projects.transfer.export import project_export


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    """Files of each test in a folder of their own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(db, media_root: Path) -> Project:
    """The demo MSP, with one generated note de cadrage (a stored file)."""
    project = demo_seed().project
    lead = project.memberships.get(user__email=LEAD.email).user
    document = document_generate_now(project=project, kind=DocumentKind.NOTE_DE_CADRAGE,
                                     by=lead)
    assert document.status == DocumentStatus.DONE, document.error
    return project


def archive_of(project: Project) -> bytes:
    """The project's archive, in memory."""
    buffer = io.BytesIO()
    project_export(project=project, destination=buffer)
    return buffer.getvalue()
