"""Secret links (an invitation, a vendor's upload link): the raw token lives only in the
e-mail and the URL; the database keeps its SHA-256, so a leaked table opens nothing."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits, URL-safe


def token_new() -> str:
    """A new secret for a link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, in hexadecimal."""
    return hashlib.sha256(token.encode()).hexdigest()
