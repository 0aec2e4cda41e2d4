"""Report data, HTML, the asset fetcher and the PDF read back with a PDF parser."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from assessments.models import StatementScore
from reports import rendering
from reports.charts import ChartRow, statement_scores_svg
from reports.models import Report, ReportKind
from tests.reports.conftest import pdf_text


def _report(assessment, kind=ReportKind.DRAFT, version=1):
    return Report.objects.create(
        assessment=assessment, kind=kind, version=version, stored_name=f"t/{version}.pdf"
    )


def test_data_leaves_out_personal_data_and_withdrawn_evidence(scored_assessment):
    data = rendering.report_data(_report(scored_assessment))
    titles = [title for entry in data["evidence"] for title in entry["titles"]]
    items = scored_assessment.evidence_items.all()
    hidden = {i.title for i in items if i.contains_personal_data or i.withdrawn_at}
    shown = {i.title for i in items if not (i.contains_personal_data or i.withdrawn_at)}
    assert hidden, "the fixture must include personal-data and withdrawn items"
    assert not hidden & set(titles)
    assert set(titles) == shown
    assert data["evidence_total"] == len(shown)
    assert sum(entry["count"] for entry in data["evidence"]) == len(shown)


def test_data_has_result_statements_and_challenge_counts(scored_assessment):
    data = rendering.report_data(_report(scored_assessment))
    assert data["result"]["percentage"] == 64
    assert data["result"]["rating_label"] == "Good"
    statements = [s for theme in data["themes"] for s in theme["statements"]]
    assert [s["score"] for s in statements] == [2, 2, 2, 3, 3, 2, 3, 3, 3]
    assert statements[0]["we_statement"].startswith("We maximise the effectiveness")
    assert statements[0]["descriptor"] == "Evidence shows some shortfalls"
    assert [theme["name"] for theme in data["themes"]][0] == "Working with people"
    totals = data["factual_accuracy"]["totals"]
    assert (totals["accepted"], totals["not_accepted"], totals["pending"]) == (3, 1, 0)
    assert data["rule"]["code"] == scored_assessment.scoring_rule


def test_input_checksum_is_stable_and_follows_the_data(scored_assessment):
    report = _report(scored_assessment)
    first = rendering.input_checksum(rendering.report_data(report))
    assert first == rendering.input_checksum(rendering.report_data(report))
    StatementScore.objects.filter(assessment=scored_assessment, statement__number=1).update(score=4)
    assert rendering.input_checksum(rendering.report_data(report)) != first


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example.com/font.woff2",
        "http://127.0.0.1/static/reports/report.css",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "ftp://example.com/x.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(rendering.AssetRefused):
        rendering.fetch_asset(url)


def test_fetcher_reads_the_stylesheet_and_bundled_font_from_disk():
    css = rendering.fetch_asset("file:///static/reports/report.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    font = rendering.fetch_asset("file:///static/reports/fonts/DejaVuSans.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType file


def test_fetcher_passes_data_urls_through():
    image = rendering.fetch_asset("data:text/plain;base64,aGVsbG8=")
    assert image.read() == b"hello"


def test_chart_is_labelled_svg_with_each_score():
    svg = statement_scores_svg(
        [ChartRow(1, "Assessing needs", 3), ChartRow(2, "Safeguarding <&>", None)],
        title="Scores",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<title" in svg and "<desc" in svg
    assert "1. Assessing needs: 3" in svg
    assert "Safeguarding &lt;&amp;&gt;" in svg and "Not scored" in svg


def test_draft_pdf_reads_back_with_council_rating_scores_and_draft_mark(scored_assessment):
    report = _report(scored_assessment)
    data = rendering.report_data(report)
    pdf = rendering.html_to_pdf(rendering.render_html(data))
    text = pdf_text(pdf.content)
    assert "Suffolk" in text
    assert "Good" in text and "Score: 64%" in text
    assert "DRAFT" in text
    for statement in (s for theme in data["themes"] for s in theme["statements"]):
        assert f"{statement['number']}. {statement['name']}" in text
        assert f"Score: {statement['score']} – {statement['descriptor']}" in text
    assert "Page 2 of" in text
    # A tagged PDF/UA document with its title and language.
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.metadata.title.startswith("Suffolk: Draft assessment report")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert pdf.page_count == len(reader.pages) > 5
    assert pdf.sha256 == hashlib.sha256(pdf.content).hexdigest()
    # Fonts come from the bundled files, embedded in the PDF.
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Report-Sans" in name for name in fonts), fonts


def test_table_of_contents_gives_the_page_each_section_starts_on(scored_assessment):
    report = _report(scored_assessment)
    pdf = rendering.html_to_pdf(rendering.render_html(rendering.report_data(report)))
    reader = PdfReader(io.BytesIO(pdf.content))
    contents = reader.pages[1].extract_text(extraction_mode="layout")
    assert "Contents" in contents
    entries = {
        match.group(1).strip(): int(match.group(2))
        for match in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.M)
    }
    expected = {
        "Summary": "Summary",
        "Quality statement scores": "Quality statement scores",
        "7. Safeguarding": "7. Safeguarding",
        "Evidence summary": "Evidence summary",
        "Factual accuracy check": "Factual accuracy check",
        "Annex: how the rating was worked out": "Annex: how the rating was worked out",
    }
    for entry, heading in expected.items():
        page = entries[entry]
        assert heading in reader.pages[page - 1].extract_text(), entry
    assert (
        entries["Summary"]
        < entries["7. Safeguarding"]
        < entries["Annex: how the rating was worked out"]
    )


def test_published_pdf_has_no_draft_mark(published_assessment):
    report = _report(published_assessment, kind=ReportKind.PUBLISHED)
    text = pdf_text(
        rendering.html_to_pdf(rendering.render_html(rendering.report_data(report))).content
    )
    assert "Nottingham" in text
    assert "Outstanding" in text and "Score: 89%" in text
    assert "DRAFT" not in text


def test_pilot_rating_is_indicative(pilot_assessment):
    report = _report(pilot_assessment)
    text = pdf_text(
        rendering.html_to_pdf(rendering.render_html(rendering.report_data(report))).content
    )
    assert "Birmingham" in text
    assert "Requires improvement (indicative)" in text
