"""The law engine: rules, clocks and decisions as cited data. Pure Python; no Django imports.

``deadline`` answers "by when?" for a duty under AU, NZ or EU law, with the rule and its citation;
``applies`` says which regimes cover an organisation (and an individual); ``decide`` answers "may we
use or disclose this?"; ``grounds`` lists refusal grounds and complaint routes.
"""

from privacydesk.law.applies import applies
from privacydesk.law.clocks import DUTIES, Deadline, Policy, deadline
from privacydesk.law.decide import Decision, DecisionInput, decide
from privacydesk.law.errors import LawError

__all__ = ["DUTIES", "Deadline", "Decision", "DecisionInput", "LawError", "Policy", "applies", "deadline", "decide"]
