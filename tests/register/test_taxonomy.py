"""A new installation starts with the standard taxonomy, every sensitive category flagged."""

import pytest

from privacydesk.register import taxonomy
from privacydesk.register.models import DataCategory, SubjectType

pytestmark = pytest.mark.django_db

# Privacy Act 1988 s 6(1) "sensitive information" (a)(i)-(ix), (b)-(e), in our codes.
SECTION_6_1 = {
    "racial_ethnic_origin",
    "political_opinions",
    "political_association",
    "religious_beliefs",
    "philosophical_beliefs",
    "professional_association",
    "trade_union",
    "sexual_orientation",
    "criminal",
    "health",
    "genetic",
    "biometric",
}


def test_fresh_install_has_the_taxonomy() -> None:
    sensitive = set(DataCategory.objects.filter(sensitive=True).values_list("code", flat=True))
    assert sensitive == SECTION_6_1
    assert DataCategory.objects.get(code="card").parent.code == "billing"  # type: ignore[union-attr]
    for code in (
        "contact",
        "identity",
        "billing",
        "credit",
        "technical",
        "website",
        "recordings",
        "cctv",
        "employment",
        "recruitment",
    ):
        assert DataCategory.objects.filter(code=code, sensitive=False).exists(), code
    assert SubjectType.objects.count() == len(taxonomy.SUBJECT_TYPES)


def test_seeding_never_puts_back_what_the_organisation_removed() -> None:
    DataCategory.objects.filter(code="genetic").delete()
    taxonomy.seed()
    assert not DataCategory.objects.filter(code="genetic").exists()
