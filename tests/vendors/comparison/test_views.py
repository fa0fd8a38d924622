"""The answers comparison page: columns, cells, filters and totals on hand-checked data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import Role
from requirements.models import Priority, Requirement
from tests.typography import plain
from vendors.comparison import selectors as compare_selectors
from vendors.consultation import services

from ..cadre_files import fill
from ..consultation_fixtures import cadre_for

LONG_COMMENT = ("Le module de téléconsultation est fourni par un partenaire certifié, "
                "interfacé avec le dossier patient depuis la version 12 de notre logiciel.")


@pytest.fixture
def needs(project, grid) -> dict[str, Requirement]:  # type: ignore[no-untyped-def]
    """Four needs left in the grid: two in each of the first two domains."""
    ordered = list(Requirement.objects.filter(project=project).select_related(
        "subdomain__domain").order_by("subdomain__domain__position", "subdomain__position",
                                      "position"))
    first = ordered[0].subdomain.domain_id
    second = next(r.subdomain.domain_id for r in ordered if r.subdomain.domain_id != first)
    kept = ([r for r in ordered if r.subdomain.domain_id == first][:2]
            + [r for r in ordered if r.subdomain.domain_id == second][:2])
    Requirement.objects.filter(project=project).exclude(
        pk__in=[r.pk for r in kept]).update(is_removed=True)
    for requirement, priority in zip(kept, (Priority.ESSENTIAL, Priority.ESSENTIAL,
                                            Priority.IMPORTANT, Priority.DESIRABLE),
                                     strict=True):
        Requirement.objects.filter(pk=requirement.pk).update(priority=priority)
    return dict(zip(("a1", "a2", "b1", "b2"), kept, strict=True))


def _answer(consulted, answers, confirm=True):  # type: ignore[no-untyped-def]
    content = fill(cadre_for(consulted), answers=answers, prices={"licence": (1, 5000, "")})
    answer_set = services.answers_preview(consulted=consulted, content=content,
                                          file_name="reponse.xlsx", by=None)
    if confirm:
        services.answers_confirm(answer_set=answer_set, by=None)
    return answer_set


@pytest.fixture
def offers(project, needs, kept):  # type: ignore[no-untyped-def]
    """Two vendors answered (hand-checked below), a third consulted with no answer yet."""
    services.consultation_settle(project=project,
                                 response_deadline=timezone.localdate() + timedelta(days=20))
    alpha, beta, gamma = (services.consulted_add(project=project, assessment=kept(project))
                          for _ in range(3))
    a1, a2, b1, b2 = (needs[k].code for k in ("a1", "a2", "b1", "b2"))
    _answer(alpha, {a1: ("Standard", None, None, "Inclus"),
                    a2: ("Développement spécifique", 45, 3200, "Sur devis"),
                    b1: ("Standard",),
                    b2: ("Non couvert",)})
    _answer(beta, {a1: ("Standard", None, None, "Inclus aussi"),
                   a2: ("Paramétrage",),
                   b1: ("Standard",),
                   # b2 left blank
                   })
    # A file checked but not confirmed does not count.
    _answer(gamma, {a1: ("Non couvert",)}, confirm=False)
    return alpha, beta, gamma


def _page(client, project, query: str = "") -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("vendors:answers-compare", args=[project.pk]) + query)
    assert response.status_code == 200
    return plain(response.content.decode())


def _row_codes(html: str) -> list[str]:
    return re.findall(r'<th scope="row">([A-Z]+-\d+)</th>', html)


def _vendor_columns(html: str) -> list[str]:
    table = html.split('class="compare-grid"', 1)[1]
    head = table.split("</thead>", 1)[0]
    return re.findall(r'<th scope="col">([^<]+)</th>', head)[4:]


def test_every_confirmed_answer_is_a_column_and_the_waiting_vendor_is_named(
        project, offers, lead, client_for) -> None:
    alpha, beta, gamma = offers
    html = _page(client_for(lead), project)
    assert _vendor_columns(html) == sorted([str(alpha.vendor), str(beta.vendor)])
    assert "Sans réponse confirmée, donc absent de la comparaison" in html
    assert str(gamma.vendor) in html.split('id="totals"', 1)[0]


def test_a_cell_shows_the_answer_its_cost_and_delay_and_the_comment(
        project, offers, needs, lead, client_for) -> None:
    html = _page(client_for(lead), project)
    assert "Spécifique<br><small>délai 45 j · 3 200 € HT</small><br><small>Sur devis</small>" \
        in html
    assert '<td class="answer answer-missing">Sans réponse</td>' in html
    assert html.count('class="answer answer-not-covered">Non couvert</td>') == 1


def test_a_long_comment_is_shortened_with_the_full_text_in_a_disclosure(
        project, offers, needs, lead, client_for) -> None:
    alpha = offers[0]
    _answer(alpha, {needs["a1"].code: ("Solution tierce", None, None, LONG_COMMENT)})
    html = _page(client_for(lead), project)
    summary = re.search(r"<details><summary>([^<]+)</summary><p>([^<]+)</p></details>", html)
    assert summary is not None
    assert summary.group(1).endswith("…")
    assert len(summary.group(1)) <= 81
    assert summary.group(2) == LONG_COMMENT


def test_totals_count_each_vendors_answers_per_priority(project, offers, lead,
                                                        client_for) -> None:
    alpha, beta, _gamma = offers
    html = _page(client_for(lead), project)
    totals = html.split('id="totals"', 1)[1].split('id="filters"', 1)[0]
    # Columns: Standard, Paramétrage, Spécifique, Ultérieure, Tierce, Non couvert, Sans réponse.
    essential, important, desirable = totals.split("<caption>")[1:]
    assert "Priorité Indispensable — nombre de besoins : 2" in essential
    assert _counts(essential, alpha) == [1, 0, 1, 0, 0, 0, 0]
    assert _counts(essential, beta) == [1, 1, 0, 0, 0, 0, 0]
    assert _counts(important, alpha) == [1, 0, 0, 0, 0, 0, 0]
    assert _counts(desirable, alpha) == [0, 0, 0, 0, 0, 1, 0]
    assert _counts(desirable, beta) == [0, 0, 0, 0, 0, 0, 1]


def _counts(table: str, consulted) -> list[int]:  # type: ignore[no-untyped-def]
    row = table.split(f'<th scope="row">{consulted.vendor}</th>', 1)[1].split("</tr>", 1)[0]
    return [int(n) for n in re.findall(r"<td>(\d+)</td>", row)]


def test_only_gaps_keeps_the_needs_the_vendors_answer_differently(
        project, offers, needs, lead, client_for) -> None:
    html = _page(client_for(lead), project, "?ecarts=on")
    assert _row_codes(html) == [needs["a2"].code, needs["b2"].code]


def test_only_uncovered_keeps_needs_a_vendor_cannot_cover_or_left_blank(
        project, offers, needs, lead, client_for) -> None:
    html = _page(client_for(lead), project, "?non_couverts=on")
    assert _row_codes(html) == [needs["b2"].code]


def test_priority_and_domain_filters(project, offers, needs, lead, client_for) -> None:
    client = client_for(lead)
    assert _row_codes(_page(client, project, "?priorite=essential")) == [
        needs["a1"].code, needs["a2"].code]
    domain = needs["b1"].subdomain.domain.code
    html = _page(client, project, f"?domaine={domain}")
    assert _row_codes(html) == [needs["b1"].code, needs["b2"].code]
    assert f'<option value="{domain}" selected>' in html


def test_an_unknown_filter_shows_everything_with_a_message(project, offers, needs, lead,
                                                           client_for) -> None:
    client = client_for(lead)
    html = _page(client, project, "?priorite=urgentissime")
    assert "Filtre invalide : la comparaison est affichée sans filtre." in plain(html)
    assert len(_row_codes(html)) == 4
    html = _page(client, project, "?domaine=NOPE")
    assert "Ce domaine n&#x27;existe pas dans la grille" in html
    assert len(_row_codes(html)) == 4


def test_a_large_comparison_opens_on_one_domain_with_every_domain_a_click_away(
        project, offers, needs, lead, client_for, monkeypatch) -> None:
    monkeypatch.setattr(compare_selectors, "DOMAIN_PAGE_THRESHOLD", 3)
    client = client_for(lead)
    html = _page(client, project, "?priorite=")
    assert _row_codes(html) == [needs["a1"].code, needs["a2"].code]
    assert "un domaine à la fois" in html
    assert "?domaine=tous" in html
    assert len(_row_codes(_page(client, project, "?domaine=tous"))) == 4
    # Filtered down under the threshold, every domain shows at once.
    assert _row_codes(_page(client, project, "?ecarts=on")) == [needs["a2"].code,
                                                                needs["b2"].code]


def test_without_confirmed_answers_the_page_says_so(project, needs, lead, client_for) -> None:
    html = _page(client_for(lead), project)
    assert "Aucune réponse confirmée pour l'instant" in html
    assert "compare-grid" not in html


def test_another_projects_answers_never_show(project, offers, make_project, kept, grid,
                                            client_for) -> None:
    other = make_project(name="MSP Voisine")
    html = _page(client_for(other.created_by), other)
    assert "Aucune réponse confirmée pour l'instant" in html
    assert str(offers[0].vendor) not in html


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.MEMBER, Role.AMOA])
def test_every_member_reads_the_comparison_without_any_form_to_post(
        project, offers, add_member, client_for, role) -> None:
    html = _page(client_for(add_member(project, role).user), project)
    assert len(_row_codes(html)) == 4
    assert 'method="post"' not in html.split("<main", 1)[1]


def test_the_analysis_and_the_consultation_link_to_the_comparison(project, needs, kept,
                                                                  lead, client_for) -> None:
    client = client_for(lead)
    target = reverse("vendors:answers-compare", args=[project.pk])
    consultation = reverse("vendors:consultation", args=[project.pk])
    assert target in plain(
        client.get(reverse("vendors:analysis", args=[project.pk])).content.decode())
    services.consultation_settle(project=project,
                                 response_deadline=timezone.localdate() + timedelta(days=20))
    consulted = services.consulted_add(project=project, assessment=kept(project))
    assert target not in plain(client.get(consultation).content.decode())
    _answer(consulted, {needs["a1"].code: ("Standard",)})
    assert target in plain(client.get(consultation).content.decode())
