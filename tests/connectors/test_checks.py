"""The deployment check says when connected systems' keys are missing or malformed."""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.test import override_settings

from privacydesk.connectors.checks import connector_keys


def test_missing_and_malformed_keys_are_reported() -> None:
    with override_settings(DEBUG=False, PRIVACYDESK_CONNECTOR_KEY="", PRIVACYDESK_ERASURE_KEY=""):
        assert [m.id for m in connector_keys()] == ["privacydesk.W012"]
    with override_settings(DEBUG=False, PRIVACYDESK_CONNECTOR_KEY="not-a-key", PRIVACYDESK_ERASURE_KEY="k"):
        assert [m.id for m in connector_keys()] == ["privacydesk.E012"]
    with override_settings(
        DEBUG=False, PRIVACYDESK_CONNECTOR_KEY=Fernet.generate_key().decode(), PRIVACYDESK_ERASURE_KEY="k"
    ):
        assert connector_keys() == []
