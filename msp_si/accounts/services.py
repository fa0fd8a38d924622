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
    changed = User.objects.filter(pk=user.pk, is_active=True).update(is_active=False)
    user.is_active = False
    return bool(changed)
