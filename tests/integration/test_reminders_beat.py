"""Reminders sent by the real beat schedule and real workers on Redis, read from the
outbox the workers write (files: a worker is another process), never twice a day."""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from msp_si.common import clock
from projects.choices import Role
from projects.models import SentReminder
from projects.planning.services import task_create
from projects.reminders.services import reminder_preferences_set
from projects.tasks import reminders_send

from .conftest import integration_skip_reason, wait_for

pytestmark = [
    pytest.mark.integration,
    # One xdist process for every test of the broker (see conftest.py), marked here at
    # collection so the load-group scheduler sees it whatever order the hooks run in.
    pytest.mark.xdist_group("broker"),
    pytest.mark.skipif(integration_skip_reason() is not None,
                       reason=integration_skip_reason() or ""),
]

TICKS = 4  # beat ticks to watch after the first e-mails: each must send nothing


def _outbox(folder: Path) -> list[EmailMessage]:
    """Every message the workers' file backend wrote (one file per connection)."""
    messages: list[EmailMessage] = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip() + b"\n",
                                                         policy=policy.default))
    return messages


def _parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content()
            for part in message.walk() if not part.is_multipart()}


def _succeeded(log: str) -> int:
    return len(re.findall(r"projects\.tasks\.reminders_send\[[^\]]+\] succeeded", log))


def test_beat_and_workers_send_each_reminder_once(start_worker, start_beat, project, lead,
                                                  add_member, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    member, stopped = add_member(project, Role.MEMBER).user, add_member(project).user
    step, today = project.steps.get(number=3), clock.today()
    for person in (lead, member, stopped):
        task_create(project=project, step=step, title=f"Tâche de {person.last_name}",
                    owner=person, start_on=today - timedelta(days=5),
                    due_on=today + timedelta(days=3))
    reminder_preferences_set(user=stopped, enabled=["step_due"])
    workers = [start_worker(TEST_EMAIL_FILE_PATH=str(outbox)) for _ in range(2)]
    beat = start_beat(REMINDERS_EVERY_SECONDS="1")
    # Two more ticks at the very same moment, as a second beat would send them.
    reminders_send.delay()
    reminders_send.delay()

    wait_for(lambda: len(_outbox(outbox)) >= 2, what="rappels envoyés par les workers")
    runs = sum(_succeeded(worker.log()) for worker in workers)
    wait_for(lambda: sum(_succeeded(w.log()) for w in workers) >= runs + TICKS,
             what=f"{TICKS} passages de beat de plus")
    assert "Sending due task reminders-send" in beat.log()

    messages = _outbox(outbox)
    assert sorted(m["To"] for m in messages) == sorted([lead.email, member.email])
    assert SentReminder.objects.filter(sent_on=today).count() == 2
    message = next(m for m in messages if m["To"] == member.email)
    assert message["Subject"] == "MSP SI : 1 rappel"
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    text = re.sub(r"[ \n]+", " ", parts["text/plain"])
    assert f"Tâche « Tâche de {member.last_name} » : à rendre dans 3 jours" in text
    assert re.search(r"/rappels/arret/[^\s]+/", text)
    assert f"Tâche de {member.last_name}" in parts["text/html"]
