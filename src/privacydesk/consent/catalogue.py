"""Programs and channels as a small in-process snapshot, so the check API does not query them on
every call. They change rarely (staff edit a program); a change made in this process clears the
snapshot at once (signals), and other processes pick it up within ``TTL`` seconds."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from privacydesk.consent.models import Channel, Program

TTL = 10.0


@dataclass
class Snapshot:
    loaded_at: float = -1e9
    programs: dict[str, Program] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    links: frozenset[tuple[int, int]] = frozenset()  # (program id, channel id) a program is sent by


_current = Snapshot()
_lock = threading.Lock()


def snapshot() -> Snapshot:
    global _current
    if time.monotonic() - _current.loaded_at < TTL:
        return _current
    with _lock:
        if time.monotonic() - _current.loaded_at >= TTL:
            links = frozenset(Program.channels.through.objects.values_list("program_id", "channel_id"))
            _current = Snapshot(
                time.monotonic(),
                {p.code: p for p in Program.objects.all()},
                {c.code: c for c in Channel.objects.all()},
                links,
            )
    return _current


def clear(*args: Any, **kwargs: Any) -> None:
    global _current
    _current = Snapshot()


def connect() -> None:
    for model in (Program, Channel):
        post_save.connect(clear, sender=model, dispatch_uid=f"catalogue-save-{model.__name__}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"catalogue-delete-{model.__name__}")
    m2m_changed.connect(clear, sender=Program.channels.through, dispatch_uid="catalogue-channels")
