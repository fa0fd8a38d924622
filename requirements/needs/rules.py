"""Pure rules of the needs grid (step 6): who edits what, codes, ordering, merges.

No ORM and no request here: the services pass plain values in and get decisions out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PRIORITY_ORDER: tuple[str, ...] = ("essential", "important", "desirable")
CODE_WIDTH = 3


@dataclass(frozen=True)
class Editor:
    """What one member may do on the grid, derived from their role and assignments."""

    can_edit_needs: bool = False
    can_consolidate: bool = False
    # The profession of a référent métier, "" for anyone else.
    profession: str = ""
    # Ids of the grid domains entrusted to a référent fonctionnel.
    domain_ids: frozenset[int] = frozenset()


def may_edit(editor: Editor, *, profession: str, domain_id: int) -> bool:
    """Whether ``editor`` may change (text, priority, order, removal) such a requirement.

    Domain.md §1: a référent métier edits the needs of their own profession only; a
    référent fonctionnel the transversal needs of the domains entrusted to them; the chef
    de projet and the AMOA (consolidation) any requirement.
    """
    if editor.can_consolidate:
        return True
    if not editor.can_edit_needs:
        return False
    if profession:
        return profession == editor.profession
    return domain_id in editor.domain_ids


def may_give_profession_priority(editor: Editor, *, profession: str,
                                 requirement_profession: str) -> bool:
    """A référent métier gives their profession's priority on a transversal requirement."""
    return (editor.can_edit_needs and not requirement_profession
            and bool(editor.profession) and profession == editor.profession)


def addable_professions(editor: Editor, *, domain_id: int,
                        professions: Sequence[str]) -> list[str]:
    """Profession codes (``""`` = transversal) ``editor`` may create in a domain."""
    if editor.can_consolidate:
        return ["", *professions]
    allowed: list[str] = []
    if editor.can_edit_needs and domain_id in editor.domain_ids:
        allowed.append("")
    if editor.can_edit_needs and editor.profession:
        allowed.append(editor.profession)
    return allowed


def format_code(prefix: str, number: int) -> str:
    """``DOS-007``: the domain's prefix and a zero-padded number."""
    return f"{prefix}-{number:0{CODE_WIDTH}d}"


def next_code(prefix: str, last_number: int) -> tuple[str, int]:
    """The next code of a domain and the new counter; a counter only ever grows.

    Codes are never derived from the requirements still present: a removed or merged
    requirement's code stays reserved so a vendor's answer can never land on another need.
    """
    number = last_number + 1
    return format_code(prefix, number), number


def moved(order: Sequence[int], item: int, direction: str) -> list[int]:
    """``order`` with ``item`` swapped with its neighbour ("up" or "down"); same at the ends."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    result = list(order)
    index = result.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(result):
        result[index], result[other] = result[other], result[index]
    return result


def renumbered(order: Sequence[int], current: Mapping[int, int]) -> dict[int, int]:
    """New positions (1…n) for ``order``, only for the items whose position changes."""
    return {pk: position for position, pk in enumerate(order, start=1)
            if current.get(pk) != position}


@dataclass(frozen=True)
class MergeSide:
    """What the merge rule needs to know of a requirement."""

    pk: int
    profession: str
    is_active: bool


def merge_refusal(keep: MergeSide, drop: MergeSide) -> str:
    """Why merging ``drop`` into ``keep`` is refused, or ``""`` when it is allowed.

    Returned as a key of ``MERGE_REFUSALS`` so the wording stays in the translated layer.
    """
    if keep.pk == drop.pk:
        return "same"
    if not keep.is_active or not drop.is_active:
        return "inactive"
    # A profession's own need may be folded into a transversal one, never the reverse:
    # the other professions would lose a requirement they share.
    if keep.profession and keep.profession != drop.profession:
        return "profession"
    return ""


def merged_priorities(keep: Mapping[str, str], drop: Mapping[str, str]) -> dict[str, str]:
    """Profession priorities the kept requirement inherits: those it does not have yet."""
    return {profession: priority for profession, priority in drop.items()
            if profession not in keep}


def is_divergent(priorities: Sequence[str]) -> bool:
    """Professions disagree when they gave at least two different priorities."""
    return len(set(priorities)) > 1


def highest(priorities: Sequence[str]) -> str:
    """The strongest of the given priorities, ``""`` when none was given."""
    ranked = [p for p in PRIORITY_ORDER if p in priorities]
    return ranked[0] if ranked else ""
