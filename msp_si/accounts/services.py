"""Writes on accounts: a person who leaves is deactivated, never deleted."""

from __future__ import annotations

from django.db import transaction

from .models import User


@transaction.atomic
def user_deactivate(*, user: User) -> bool:
    """Stop an account from signing in, keeping everything it produced; idempotent.

    Ballots, marks, contributions, documents and validations refer to their author
    (PROTECT): deleting the account would rewrite closed tallies and scores. Returns
    whether the account was active.
    """
    row = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    if not row.is_active:
        return False
    row.is_active = False
    # A save, not an update: the pages that show the account hear of it (``post_save``).
    row.save(update_fields=["is_active"])
    return True
