"""HTML to PDF, for letters and the access package's readable summary.

WeasyPrint lays out the same HTML we email, so the PDF and the email say the same thing. It needs
Pango from the operating system (Debian: ``libpango-1.0-0`` and ``libpangoft2-1.0-0``) and a font
with the characters in people's names — ``fonts-dejavu-core`` covers Māori macrons and European
accents; ``scripts/install-system-deps.sh`` installs all three and ``make install`` runs it.

Nothing is fetched while rendering: the HTML carries text people typed (escaped, but still theirs),
so a stray ``<img src>`` or stylesheet link must not make the server reach out anywhere.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

log = logging.getLogger(__name__)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Pango library it needs is not installed."""


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError("privacydesk renders PDFs without fetching anything")


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango shared library is missing
        raise PdfUnavailable(
            "PDF rendering needs WeasyPrint and Pango: run scripts/install-system-deps.sh as root "
            "(Debian packages libpango-1.0-0, libpangoft2-1.0-0, fonts-dejavu-core)."
        ) from exc
    return weasyprint


def available() -> bool:
    """True when PDFs can be made here (used by the system check and to skip the attachment)."""
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def render(html: str) -> bytes:
    """The PDF of ``html`` (A4; the page size and margins come from the HTML's ``@page`` rule)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetch)
    pdf: bytes = document.write_pdf()
    return pdf


def render_or_none(html: str) -> bytes | None:
    """The PDF, or None with a warning in the log where this machine cannot make PDFs: a letter must
    still go by email when the PDF copy cannot be made (the system check reports the gap)."""
    try:
        return render(html)
    except PdfUnavailable as exc:
        log.warning("%s", exc)
        return None
