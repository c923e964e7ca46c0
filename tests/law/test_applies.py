"""Which law applies, from worked examples in the OAIC's small-business guidance and the EDPB's
Guidelines 3/2018 on territorial scope."""

from __future__ import annotations

from datetime import date

import pytest

from privacydesk.law import LawError
from privacydesk.law.applies import Organisation, applies

DAY = date(2026, 11, 23)


def _by_code(org: Organisation, country: str | None = None) -> dict[str, object]:
    return {r.code: r for r in applies(org, country, DAY)}


def test_msp_over_threshold_in_au_and_nz_with_eu_clients() -> None:
    org = Organisation(operates_in_au=True, operates_in_nz=True, offers_to_eu=True, annual_turnover_aud=4_200_000)
    regimes = _by_code(org, "IE")
    assert all(r.applies for r in regimes.values())  # type: ignore[attr-defined]
    assert "more than $3 million" in regimes["au"].reasons[0]  # type: ignore[attr-defined]
    assert "Art 3(2)" in regimes["eu"].reasons[0]  # type: ignore[attr-defined]
    assert "Art 27(1)" in regimes["eu"].reasons[1]  # type: ignore[attr-defined]


def test_small_business_is_told_it_is_not_covered_and_what_would_cover_it() -> None:
    au = _by_code(Organisation(operates_in_au=True, annual_turnover_aud=2_000_000))["au"]
    assert au.applies is False  # type: ignore[attr-defined]
    assert "$3 million or less" in au.reasons[0]  # type: ignore[attr-defined]
    joined = " ".join(au.would_apply_if)  # type: ignore[attr-defined]
    assert "health service" in joined and "s 6D(4)(b)" in joined
    assert "for a benefit" in joined and "s 6EA" in joined


@pytest.mark.parametrize(
    ("exception", "cited"),
    [
        ("health_service", "s 6D(4)(b)"),
        ("trades_in_personal_information", "s 6D(4)(c)"),
        ("commonwealth_contractor", "s 6D(4)(e)"),
        ("opted_in", "s 6EA"),
        ("aml_ctf_reporting_entity", "s 6E(1A)"),
    ],
)
def test_small_business_exceptions_bring_it_in(exception: str, cited: str) -> None:
    org = Organisation(operates_in_au=True, annual_turnover_aud=900_000, exceptions=frozenset({exception}))
    au = _by_code(org)["au"]
    assert au.applies is True  # type: ignore[attr-defined]
    assert cited in " ".join(au.reasons)  # type: ignore[attr-defined]


def test_exactly_three_million_is_still_small() -> None:
    assert not _by_code(Organisation(operates_in_au=True, annual_turnover_aud=3_000_000))["au"].applies  # type: ignore[attr-defined]
    assert _by_code(Organisation(operates_in_au=True, annual_turnover_aud=3_000_001))["au"].applies  # type: ignore[attr-defined]


def test_nz_has_no_small_business_exemption() -> None:
    nz = _by_code(Organisation(operates_in_nz=True, annual_turnover_aud=50_000))["nz"]
    assert nz.applies is True and "no small-business exemption" in nz.reasons[0]  # type: ignore[attr-defined]


def test_gdpr_establishment_applies_to_everyone() -> None:
    eu = _by_code(Organisation(eu_establishment=True), "AU")["eu"]
    assert eu.applies is True and "Art 3(1)" in eu.reasons[0]  # type: ignore[attr-defined]


def test_gdpr_targeting_applies_only_to_people_in_the_union() -> None:
    org = Organisation(operates_in_au=True, small_business_operator=False, offers_to_eu=True)
    assert _by_code(org, "DE")["eu"].applies is True  # type: ignore[attr-defined]
    assert _by_code(org, "NO")["eu"].applies is True, "the EEA applies the GDPR"  # type: ignore[attr-defined]
    outside = _by_code(org, "AU")["eu"]
    assert outside.applies is False and "not in the Union" in outside.reasons[1]  # type: ignore[attr-defined]


def test_no_targeting_no_gdpr() -> None:
    """EDPB 3/2018 example: a business with no EU establishment that merely has a website reachable
    from the EU is not offering goods or services there."""
    eu = _by_code(Organisation(operates_in_au=True, small_business_operator=False), "FR")["eu"]
    assert eu.applies is False and "neither offers" in eu.reasons[1]  # type: ignore[attr-defined]


def test_bad_input_lists_what_is_accepted() -> None:
    with pytest.raises(LawError, match="accepted: health_service, trades_in_personal_information"):
        Organisation(exceptions=frozenset({"charity"}))
    with pytest.raises(LawError, match="annual_turnover_aud or small_business_operator"):
        applies(Organisation(operates_in_au=True), on=DAY)
    with pytest.raises(LawError, match="ISO 3166"):
        applies(Organisation(), "Ireland", DAY)
    with pytest.raises(LawError, match="earlier dates are not modelled"):
        applies(Organisation(), None, date(2018, 1, 1))
