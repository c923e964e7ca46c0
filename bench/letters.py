"""What a PDF copy costs: laying out a letter and a package summary as PDF, against rendering the same
HTML (the work every letter does anyway), measured in the same run.

    .venv/bin/python bench/letters.py                 # 30 letters, a summary with 500 disclosures
    .venv/bin/python bench/letters.py --runs 10 --disclosures 2000

A decision letter is sent while the member of staff waits for the page, so its PDF time is what they
feel; the package summary is built once per access request. Figures are p50 and p95 in milliseconds
and the ratio PDF / HTML (how many times dearer the PDF is than the HTML alone).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace
from typing import Any


def _times(work: Callable[[], Any], runs: int) -> list[float]:
    work()  # warm: fonts loaded, templates compiled
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _row(name: str, html: list[float], pdf: list[float]) -> str:
    def q(xs: list[float], p: float) -> float:
        return statistics.quantiles(xs, n=100)[int(p) - 1] if len(xs) > 1 else xs[0]

    return (
        f"{name:<28} html p50 {q(html, 50):7.1f} ms  p95 {q(html, 95):7.1f} ms | "
        f"pdf p50 {q(pdf, 50):7.1f} ms  p95 {q(pdf, 95):7.1f} ms | "
        f"ratio {statistics.median(pdf) / statistics.median(html):6.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--disclosures", type=int, default=500)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "privacydesk.settings")
    import django

    django.setup()
    from django.template.loader import render_to_string
    from faker import Faker

    from privacydesk import pdf

    fake = Faker("en_AU")
    Faker.seed(7)
    org = SimpleNamespace(
        abn="51 824 753 556", nzbn="", postal_address=fake.address(), privacy_officer_email="privacy@example.com.au"
    )
    request = SimpleNamespace(reference="R-2026-00042")
    body = "\n\n".join(fake.paragraph(nb_sentences=6) for _ in range(6))
    letter_context = {
        "subject": "Our decision on your request R-2026-00042",
        "body": body,
        "org": org,
        "org_name": "Example Managed IT Pty Ltd",
        "request": request,
        "addressee": fake.name(),
        "letter_date": datetime(2026, 11, 23),
    }

    def letter_html() -> str:
        return render_to_string("rights/letters/_letter.html", letter_context)

    html = letter_html()
    letter = (_times(letter_html, args.runs), _times(lambda: pdf.render(html), args.runs))

    disclosures = [
        {
            "disclosed_at": fake.date_time_this_year().isoformat(),
            "recipient": fake.company(),
            "country": "AU",
            "categories": ["Contact details", "Billing"],
            "reason": fake.sentence(),
        }
        for _ in range(args.disclosures)
    ]
    p = {
        "organisation": "Example Managed IT Pty Ltd",
        "person": {
            "name": fake.name(),
            "record_number": 42,
            "organisation": fake.company(),
            "role": "",
            "country": "AU",
        },
        "identities": [{"kind": "email", "value": fake.email()}],
        "systems": ["Helpdesk", "Accounting"],
        "where_we_got_your_details": "From you, when you became a client.",
        "collections": [],
        "disclosures": disclosures,
        "routine_disclosures": [],
        "requests": [],
    }

    def summary_html() -> str:
        return render_to_string("rights/package_summary.html", {"p": p, "prepared": datetime(2026, 11, 23)})

    summary = summary_html()
    runs = max(3, args.runs // 10)
    package = (_times(summary_html, runs), _times(lambda: pdf.render(summary), runs))
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.render(summary)))
    print(f"PDF layout by WeasyPrint; {args.runs} letters, {runs} summaries ({args.disclosures} disclosures)")
    print(_row("decision letter", *letter))
    print(_row(f"summary, {args.disclosures} disclosures", *package))
    print(f"summary pages: {pages}")


if __name__ == "__main__":
    main()
