"""Turning an assessment into a report PDF: load the data, render the template, run WeasyPrint.

Workers have no request, so every asset (stylesheet, fonts) is read from the static folders on
disk through `asset_fetcher`; nothing is ever fetched over the network.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from assessments import scoring
from assessments.models import QualityStatement, StatementScore
from assessments.selectors import assessment_result
from evidence.models import EvidenceItem
from reports.charts import ChartRow, statement_scores_svg
from reports.models import Report, ReportKind
from reviews.models import (
    AssessmentSummary,
    Challenge,
    ChallengeDecision,
    ChallengeKind,
    StatementFinding,
)

# Relative URLs in the report template resolve against this base; `asset_fetcher` maps it back
# to the static folders on disk.
ASSET_BASE_URL = "file:///static/"
_ASSET_PREFIX = "/static/"
# WeasyPrint options: a tagged PDF/UA-1 document (structure tags, title, language).
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class AssetRefused(ValueError):
    """The report asked for a resource that is not a static file on disk."""


def _date(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


# ---- data ---------------------------------------------------------------------------------


def report_data(report: Report) -> dict[str, Any]:
    """Everything the report shows, as plain JSON-serialisable values (the checksummed input).

    Evidence marked as containing personal data and withdrawn evidence never appear.
    """
    assessment = report.assessment
    council = assessment.council
    statements = list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id)
        .select_related("theme")
        .order_by("number")
    )
    scores = {
        row.statement_id: row.score
        for row in StatementScore.objects.filter(assessment=assessment).only(
            "statement_id", "score"
        )
    }
    findings = {
        row.statement_id: row for row in StatementFinding.objects.filter(assessment=assessment)
    }
    summary = AssessmentSummary.objects.filter(assessment=assessment).first()
    reportable = EvidenceItem.objects.filter(
        assessment=assessment, contains_personal_data=False, withdrawn_at__isnull=True
    )
    per_statement = dict(
        reportable.values("statements")
        .annotate(n=Count("pk", distinct=True))
        .values_list("statements", "n")
    )

    # Published assessments keep the result frozen at publication; drafts compute it now.
    result = assessment_result(assessment=assessment)
    rule = scoring.RULE_VERSIONS.get(assessment.scoring_rule, scoring.CURRENT_RULE)

    themes: list[dict[str, Any]] = []
    for statement in statements:
        if not themes or themes[-1]["number"] != statement.theme.number:
            themes.append(
                {
                    "number": statement.theme.number,
                    "name": statement.theme.name,
                    "full_name": statement.theme.full_name or statement.theme.name,
                }
            )
            themes[-1]["statements"] = []
        finding = findings.get(statement.pk)
        score = scores.get(statement.pk)
        themes[-1]["statements"].append(
            {
                "number": statement.number,
                "name": statement.name,
                "we_statement": statement.we_statement,
                "i_statements": list(statement.i_statements or []),
                "score": score,
                "descriptor": scoring.SCORE_DESCRIPTORS.get(score, "") if score else "",
                "people_told_us": finding.people_told_us if finding else "",
                "strengths": finding.strengths if finding else "",
                "areas_for_development": finding.areas_for_development if finding else "",
                "direction": finding.get_direction_display() if finding else "",
                "evidence_count": per_statement.get(statement.pk, 0),
            }
        )
    for theme in themes:
        rollup = scoring.theme_rollup([s["score"] for s in theme["statements"]])
        theme["rollup"] = None if rollup is None else round(rollup, 2)

    categories: dict[str, dict[str, Any]] = {}
    for category_name, category_order, title in reportable.order_by(
        "category__order", "title", "pk"
    ).values_list("category__name", "category__order", "title"):
        entry = categories.setdefault(
            category_name, {"category": category_name, "order": category_order, "titles": []}
        )
        entry["titles"].append(title)
    evidence = [
        {"category": entry["category"], "count": len(entry["titles"]), "titles": entry["titles"]}
        for entry in sorted(categories.values(), key=lambda e: e["order"])
    ]

    challenge_counts = {
        (row["kind"], row["decision"]): row["n"]
        for row in Challenge.objects.filter(assessment=assessment)
        .values("kind", "decision")
        .annotate(n=Count("pk"))
    }
    factual_accuracy = {
        "rows": [
            {
                "kind": label,
                **{
                    decision: challenge_counts.get((kind, decision), 0)
                    for decision in ChallengeDecision.values
                },
            }
            for kind, label in ChallengeKind.choices
        ],
    }
    factual_accuracy["totals"] = {
        decision: sum(row[decision] for row in factual_accuracy["rows"])
        for decision in ChallengeDecision.values
    }
    factual_accuracy["total"] = sum(factual_accuracy["totals"].values())

    from reports.corrections import corrections_for  # corrections build on services

    corrections = [
        {
            "kind": row.get_kind_display(),
            "statement": str(row.statement) if row.statement else "",
            "field": row.field.replace("_", " "),
            "old": row.old_value,
            "new": row.new_value,
            "reason": row.reason,
            "version": row.report.version,
            "made_on": _date(row.made_at.date()),
        }
        for row in corrections_for(report)
    ]

    return {
        "corrections": corrections,
        "report": {
            "kind": report.kind,
            "kind_label": report.get_kind_display(),
            "is_draft": report.kind == ReportKind.DRAFT,
            "version": report.version,
            "correction_reason": report.correction_reason,
            "requested_on": _date(report.requested_at.date() if report.requested_at else None),
        },
        "council": {
            "name": council.name,
            "gss_code": council.gss_code,
            "type": council.get_council_type_display(),
            "region": council.region_name,
        },
        "assessment": {
            "kind_label": assessment.get_kind_display(),
            "is_pilot": assessment.is_pilot,
            "status_label": assessment.get_status_display(),
            "framework": str(assessment.framework),
            "notified_on": _date(assessment.notified_on),
            "site_visit_on": _date(assessment.site_visit_on),
            "fa_sent_on": _date(assessment.fa_sent_on),
            "published_on": _date(assessment.published_on),
            # "June 2025" where only the month of publication is known.
            "published_label": assessment.published_label,
            "is_demo": assessment.is_demo,
        },
        "result": {
            "rating": result.rating or "",
            "rating_label": result.rating_label,
            "percentage": result.display_percentage,
            "scored": result.scored,
            "total": result.total,
        },
        "summary": summary.summary if summary else "",
        "themes": themes,
        "evidence": evidence,
        "evidence_total": sum(entry["count"] for entry in evidence),
        "factual_accuracy": factual_accuracy,
        "rule": {
            "code": rule.code,
            "name": rule.name,
            "description": rule.description,
            "effective_from": _date(rule.effective_from),
            "is_category_rule": rule.code == scoring.CATEGORY_SCORES.code,
        },
        "descriptors": [
            {"score": score, "text": text} for score, text in scoring.SCORE_DESCRIPTORS.items()
        ],
    }


def canonical_json(data: dict[str, Any]) -> bytes:
    """The one byte form of the data used for its checksum (sorted keys, no spaces)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def input_checksum(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


# ---- HTML ---------------------------------------------------------------------------------


def report_title(data: dict[str, Any]) -> str:
    kind = "Draft assessment report" if data["report"]["is_draft"] else "Assessment report"
    return f"{data['council']['name']}: {kind} (version {data['report']['version']})"


def render_html(data: dict[str, Any]) -> str:
    """The report as one HTML document (print CSS linked relative to ASSET_BASE_URL)."""
    chart = statement_scores_svg(
        [
            ChartRow(statement["number"], statement["name"], statement["score"])
            for theme in data["themes"]
            for statement in theme["statements"]
        ],
        title=f"Quality statement scores for {data['council']['name']}",
        font_family="Report Sans",
    )
    return render_to_string(
        "reports/report.html",
        {**data, "title": report_title(data), "chart": mark_safe(chart)},  # noqa: S308 - escaped by charts
    )


# ---- assets and PDF -----------------------------------------------------------------------


def _static_path(relative: str) -> Path | None:
    found = finders.find(relative)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


def _refuse(url: str, reason: str = "Report assets must be static files") -> AssetRefused:
    return AssetRefused(f"{reason}; refused {url!r}.")


@functools.cache
def _static_fetcher_class():
    """WeasyPrint 68+ takes a `URLFetcher` subclass (plain fetcher functions are gone).

    Built on first use so the web process does not import WeasyPrint until it renders.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticAssetFetcher(URLFetcher):
        """Static files from disk and data: URLs only; anything else raises AssetRefused.

        So a template can never make a worker reach the network or read outside the static
        folders. Redirects are off and only the file and data schemes are allowed, as a second
        guard behind `fetch`.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = unquote(parts.path)
            if parts.scheme != "file" or parts.netloc or not path.startswith(_ASSET_PREFIX):
                raise _refuse(url)
            relative = path[len(_ASSET_PREFIX) :]
            if not relative or ".." in Path(relative).parts:
                raise _refuse(url)
            found = _static_path(relative)
            if found is None:
                raise _refuse(url, f"No static file {relative!r} for the report")
            mime_type, _ = mimetypes.guess_type(found.name)
            return URLFetcherResponse(
                url,
                body=found.read_bytes(),
                headers={"Content-Type": mime_type or "application/octet-stream"},
            )

    return StaticAssetFetcher


def asset_fetcher():
    """A fresh WeasyPrint URL fetcher for one rendering (fetchers keep per-request state)."""
    return _static_fetcher_class()()


def fetch_asset(url: str):
    """Fetch one report asset the way WeasyPrint will: a `URLFetcherResponse`, or AssetRefused."""
    return asset_fetcher().fetch(url)


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    sha256: str


def html_to_pdf(html: str) -> RenderedPdf:
    """Lay out the HTML and write a tagged PDF; returns the bytes, page count and SHA-256."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=asset_fetcher()).render(
        **PDF_OPTIONS
    )
    content = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(
        content=content,
        page_count=len(document.pages),
        sha256=hashlib.sha256(content).hexdigest(),
    )
