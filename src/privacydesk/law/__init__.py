"""The law engine: rules, clocks and decisions as cited data. Pure Python; no Django imports.

``deadline`` answers "by when?" for a duty under AU, NZ or EU law, with the rule and its citation.
"""

from privacydesk.law.clocks import DUTIES, Deadline, Policy, deadline
from privacydesk.law.errors import LawError

__all__ = ["DUTIES", "Deadline", "LawError", "Policy", "deadline"]
