"""Structured logs: one JSON object per line, naming the request, user, project and job."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from django.urls import reverse

from msp_si.settings.logs import JSON, logging_config
from projects.documents.services import document_render


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the production formatter writes, collected from the root logger."""
    options = dict(logging_config(level="INFO", output=JSON)["formatters"]["structured"])
    options.pop("()")
    handler = logging.StreamHandler(stream := io.StringIO())
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(**options))
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def _events(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_a_request_line_names_the_request_the_user_and_the_project(
        json_lines, project, lead, client_for) -> None:
    client_for(lead).get(reverse("projects:project-home", args=[project.pk]))

    [finished] = [e for e in _events(json_lines) if e["event"] == "request_finished"]
    assert finished["user_id"] == lead.pk
    assert finished["project_id"] == project.pk
    assert len(finished["request_id"]) == 36
    assert finished["level"] == "info"
    assert finished["timestamp"].endswith("Z")


def test_a_document_job_line_names_the_job(json_lines, db) -> None:
    document_render(document_id=987654)

    [line] = [e for e in _events(json_lines) if "not pending" in e["event"]]
    assert line["document_id"] == 987654
    assert line["logger"] == "projects.documents.services"
