"""The law engine is pure Python: importing and using it loads nothing from Django or the apps
(docs/architecture.md: dependencies point down only)."""

import subprocess
import sys

CODE = """
import sys
from datetime import datetime, timezone
import privacydesk.law as law
from privacydesk.law import grounds, obligations
law.deadline("nz", "access_response", datetime(2026, 12, 18, tzinfo=timezone.utc))
law.decide({"regimes": ["au"], "collection_purpose": "a", "proposed_purpose": "a"})
outside = ("django", "privacydesk.")
loaded = sorted(m for m in sys.modules if m.startswith(outside) and not m.startswith("privacydesk.law"))
print(loaded)
"""


def test_law_imports_no_django() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]", result.stdout
