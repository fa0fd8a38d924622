""".env.example documents every environment variable the settings read."""

from __future__ import annotations

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_DIR = BASE_DIR / "msp_si" / "settings"
ENV_CALL = re.compile(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def test_every_variable_read_by_the_settings_is_documented() -> None:
    read = {name for path in SETTINGS_DIR.glob("*.py")
            for name in ENV_CALL.findall(path.read_text())}
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=",
                                (BASE_DIR / ".env.example").read_text(), re.MULTILINE))
    assert read, "no env() call found: the pattern above is out of date"
    assert read | {"DJANGO_SETTINGS_MODULE"} <= documented, read - documented
