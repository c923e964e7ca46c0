"""Keep the derived consent state right when people's records change elsewhere."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from privacydesk.people.signals import person_merged


@receiver(person_merged)
def follow_merge(sender: Any, duplicate: Any, survivor: Any, **kwargs: Any) -> None:
    """A duplicate's choices become the survivor's: rebuild the survivor's state from both ledgers."""
    from privacydesk.consent.services import rebuild_state

    rebuild_state(survivor)
