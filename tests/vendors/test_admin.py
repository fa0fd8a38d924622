"""The instance's staff correct any catalogue entry in the admin, never into a duplicate."""

from __future__ import annotations

import pytest
from django.urls import reverse

from msp_si.accounts.models import User
from tests.typography import plain
from vendors.models import Vendor

from .conftest import vendor_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):  # type: ignore[no-untyped-def]
    client.force_login(User.objects.create_superuser("admin@instance.test", "mdp-admin-42"))
    return client


def _post(vendor: Vendor, **overrides: object) -> dict[str, object]:
    data = {name: value for name, value in vendor_values(
        name=vendor.name, product=vendor.product).items() if value is not False}
    data.update({"assessments-TOTAL_FORMS": "0", "assessments-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_staff_correct_an_entry_several_projects_use(staff_client, project, make_project,
                                                     make_assessment) -> None:
    vendor = make_assessment(project).vendor
    make_assessment(make_project(name="MSP voisine"), vendor=vendor,
                    catalogue_note="Certifié HDS depuis mars")
    url = reverse("admin:vendors_vendor_change", args=[vendor.pk])
    assert "Certifié HDS depuis mars" in plain(staff_client.get(url).content.decode())
    response = staff_client.post(url, _post(vendor, name="Éditions du Lisseron",
                                            is_hds_certified="on"))
    vendor.refresh_from_db()
    assert response.status_code == 302
    assert (vendor.name, vendor.is_hds_certified) == ("Éditions du Lisseron", True)
    assert vendor.lookup_key.startswith("editions du lisseron|")


def test_staff_cannot_rename_an_entry_onto_another(staff_client, make_vendor) -> None:
    make_vendor(name="Horizon", product="Doc")
    other = make_vendor(name="Kerandel", product="Parcours")
    response = staff_client.post(reverse("admin:vendors_vendor_change", args=[other.pk]),
                                 _post(other, name="HORIZON", product="doc"))
    other.refresh_from_db()
    assert response.status_code == 200
    assert "figure déjà dans le catalogue" in plain(response.content.decode())
    assert other.name == "Kerandel"
