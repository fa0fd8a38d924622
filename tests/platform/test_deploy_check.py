"""Production settings pass Django's deployment checklist without a single warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_check_deploy_has_no_warning() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "msp_si.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "msp-si.example.org",
        # Explicit, so that a developer's .env cannot weaken what is checked here.
        "DJANGO_SECURE_SSL_REDIRECT": "true",
        "DJANGO_HSTS_SECONDS": "31536000",
    }
    env.pop("DJANGO_DEBUG", None)
    # The browser tests set it for this process; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output
