"""French formats as our documents print them: Django's, with the narrow no-break space
(U+202F) that French typography puts between groups of thousands (« 32 180,00 € »)."""

from django.conf.locale.fr.formats import *  # type: ignore[import-untyped]  # noqa: F403  (no stubs for locale formats)

THOUSAND_SEPARATOR = "\u202f"
