"""The campaign page's rows, written in Python for speed: every value escaped, names read
once from the team (and from the accounts of people who have left it), dates in French."""

from __future__ import annotations

from django.urls import reverse

from acceptance.recette import services
from acceptance.recette.models import CampaignCase
from projects.models import Membership

from .conftest import Team
from .test_views import campaign_of


def test_rows_escape_the_frozen_text_and_name_a_tester_who_left(team: Team, client_for,
                                                                 django_assert_max_num_queries
                                                                 ) -> None:
    campaign = campaign_of(team)
    item = CampaignCase.objects.filter(campaign=campaign).order_by("position", "id").first()
    CampaignCase.objects.filter(pk=item.pk).update(
        title='Ouvrir <script>alert("x")</script> & fermer', tester=team.nurse)
    item.refresh_from_db()
    services.execution_record(item=item, by=team.nurse, result="ko",
                              comment="L'écran <b>reste</b> vide", version=item.version,
                              can_prepare=False)
    Membership.objects.filter(project=team.project, user=team.nurse).delete()
    page_url = reverse("acceptance:campaign-detail", args=[team.project.pk, campaign.pk])
    client = client_for(team.lead)
    with django_assert_max_num_queries(10):  # one more: the account of who left
        page = client.get(page_url).content.decode()
    row = page[page.index(f'id="cas-{item.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "<script>" not in page
    assert "Ouvrir &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; fermer" in row
    assert "L&#x27;écran &lt;b&gt;reste&lt;/b&gt; vide" in row
    # KO by the nurse, who has left the team since, at the frozen time (23 Nov, 10 h).
    assert f"KO — {team.nurse.display_name}, 23\u00a0novembre 2026 à 10\u00a0h" in row
    assert f'name="version" value="{item.version + 1}"' in row
