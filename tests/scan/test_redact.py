"""Redaction: each policy, offsets that stay consistent, and — for any text with identifiers planted in
it — nothing the scanner found is readable afterwards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacydesk.scan.engine import scan
from privacydesk.scan.redact import RedactionError, redact
from tests.scan.test_detectors import medicare_numbers, nhis, tfns

TICKET = "Card 4111 1111 1111 1111, TFN 123 456 782, email sam@example.com.au"


def test_default_policies_keep_a_cards_last_four_and_name_the_rest() -> None:
    text, done = redact(TICKET, scan(TICKET))
    assert text == "Card **** **** **** 1111, TFN [AU_TFN], email [EMAIL]"
    assert [(r.entity, r.policy) for r in done] == [("CREDIT_CARD", "last4"), ("AU_TFN", "type"), ("EMAIL", "type")]


def test_mask_keeps_the_shape_and_hash_is_keyed_and_stable() -> None:
    masked, _ = redact(TICKET, scan(TICKET), default="mask", policy={"CREDIT_CARD": "mask"})
    assert masked == "Card **** **** **** ****, TFN *** *** ***, email ***@*******.***.**"
    one, _ = redact("TFN 123 456 782", scan("TFN 123 456 782"), default="hash", key=b"k1")
    again, _ = redact("TFN 123-456-782", scan("TFN 123-456-782"), default="hash", key=b"k1")
    other, _ = redact("TFN 123 456 782", scan("TFN 123 456 782"), default="hash", key=b"k2")
    assert one == again != other  # the same number however written; a different key, a different token
    assert one.startswith("TFN [AU_TFN:") and "123" not in one


def test_bad_policies_are_refused_before_anything_changes() -> None:
    with pytest.raises(RedactionError, match="unknown redaction policy 'blur'"):
        redact(TICKET, scan(TICKET), policy={"EMAIL": "blur"})
    with pytest.raises(RedactionError, match="needs a key"):
        redact(TICKET, scan(TICKET), default="hash")


def test_offsets_point_at_each_replacement() -> None:
    text, done = redact(TICKET, scan(TICKET))
    for r in done:
        assert text[r.start : r.end] in {"[AU_TFN]", "[EMAIL]", "**** **** **** 1111"}
        assert TICKET[r.original_start : r.original_end] in {"4111 1111 1111 1111", "123 456 782", "sam@example.com.au"}


words = st.text(alphabet="abcdefghijklmnop qrstuvw,.", max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(words, st.sampled_from(["TFN", "Medicare", "NHI"]), st.data()), min_size=1, max_size=4),
    st.sampled_from(["type", "mask", "hash"]),
)
def test_redaction_never_leaves_a_detected_span_readable(parts, policy) -> None:  # type: ignore[no-untyped-def]
    pieces = []
    for filler, word, data in parts:
        value = data.draw({"TFN": tfns(), "Medicare": medicare_numbers(), "NHI": nhis()}[word])
        pieces.append(f"{filler} {word} {value} ")
    text = "".join(pieces)
    findings = scan(text)
    redacted, done = redact(text, findings, default=policy, key=b"test-key")
    for finding in findings:
        assert finding.text not in redacted
    # Outside the replacements the text is unchanged, and each replacement sits where it says.
    kept_in = "".join(redacted[a:b] for a, b in _gaps(done, len(redacted), output=True))
    kept_out = "".join(text[a:b] for a, b in _gaps(done, len(text), output=False))
    assert kept_in == kept_out


def _gaps(done, length: int, output: bool) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    spans = [(r.start, r.end) if output else (r.original_start, r.original_end) for r in done]
    gaps, cursor = [], 0
    for start, end in spans:
        gaps.append((cursor, start))
        cursor = end
    gaps.append((cursor, length))
    return gaps
