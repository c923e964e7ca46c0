"""System checks for what the rights workflow needs from the machine it runs on."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning

from privacydesk import pdf


def pdf_rendering(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Letters go without their PDF copy, and packages without summary.pdf, where WeasyPrint cannot
    load: say so at startup, not when the first letter goes."""
    if pdf.available():
        return []
    return [
        Warning(
            "PDF letters and package summaries are off: WeasyPrint cannot load Pango.",
            hint="Run scripts/install-system-deps.sh as root (libpango-1.0-0, libpangoft2-1.0-0, fonts-dejavu-core).",
            id="privacydesk.W010",
        )
    ]
