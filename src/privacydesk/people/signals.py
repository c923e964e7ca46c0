"""Signals other apps listen to, so that ``people`` need not know who keeps what about a person."""

from django.dispatch import Signal

#: Sent after ``services.merge`` folds ``duplicate`` into ``survivor`` (inside the merge's transaction).
person_merged = Signal()
