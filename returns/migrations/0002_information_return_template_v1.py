"""The information return template, version 1, as data.

CQC's published information return guidance (cqc.org.uk, "Information return guidance" for
local authorities) says the return asks for key documents, information and data, shows which
quality statements each item relates to, and invites councils to use existing documents and to
link to information already published. Its exact list of items was not found in the sources
available to us, so the items below are a realistic set written for this service and are
labelled so on the template page (source_note). A later version arrives as a new migration that
adds a new ReturnTemplate row; this one is never edited.
"""

from django.db import migrations

SOURCE_NOTE = (
    "CQC's published information return guidance says the return asks for key documents, "
    "information and data before the on-site activity, shows which quality statements each "
    "item relates to, and that councils may use their existing documents and give a link to "
    "information that is already published. CQC's exact list of items was not found in our "
    "sources: the items of this version are a realistic set written for this service, not "
    "CQC's wording."
)

# (number, theme number, title, kind, statement numbers, guidance)
ITEMS = [
    (1, 1, "Assessment and eligibility policies", "document", [1],
     "Your policies and procedures for Care Act assessments, eligibility decisions and "
     "reviews, including for unpaid carers."),
    (2, 1, "Waiting for assessments and reviews", "figures", [1],
     "How many people are waiting for an assessment or a review, and for how long, at the "
     "end of each of the last four quarters."),
    (3, 1, "Support for unpaid carers", "document", [1, 2],
     "Your carers' strategy or the part of another document that sets out how unpaid carers "
     "are identified, assessed and supported."),
    (4, 1, "Prevention, information and advice", "link", [2],
     "Where people find information and advice about care and support, and your plans to "
     "prevent, reduce or delay needs."),
    (5, 1, "Equity in experience and outcomes", "figures", [3],
     "What you know about the people who use services and those who do not, by protected "
     "characteristic, and how you act on differences you find."),
    (6, 2, "Market position statement", "link", [4],
     "Your current market position statement or equivalent."),
    (7, 2, "Commissioning and market sustainability", "document", [4],
     "Your commissioning strategy and plans for a sufficient, diverse and sustainable "
     "market of care and support."),
    (8, 2, "Partnership arrangements with health and others", "document", [5],
     "Agreements and plans you hold with partners, for example joint plans with the NHS."),
    (9, 2, "Working with voluntary and community groups", "narrative", [5],
     "How you work with voluntary and community organisations, in up to about 500 words."),
    (10, 3, "Moving from children's to adult services", "document", [6],
     "Your policy or protocol for young people moving to adult social care."),
    (11, 3, "Hospital discharge", "figures", [6],
     "Figures on discharges from hospital that needed care and support, and delays."),
    (12, 3, "Safeguarding Adults Board annual report", "link", [7],
     "The latest annual report and strategic plan of your Safeguarding Adults Board."),
    (13, 3, "Safeguarding concerns and enquiries", "figures", [7],
     "Safeguarding concerns received and enquiries started in the last year, and their "
     "outcomes."),
    (14, 4, "Structure and governance of adult social care", "document", [8],
     "A structure chart and how decisions, performance and risk are overseen."),
    (15, 4, "Risk register", "document", [8],
     "Your current adult social care risk register, or the relevant part of a wider one."),
    (16, 4, "Workforce", "figures", [8, 9],
     "Staffing figures, vacancies and your workforce plans."),
    (17, 4, "Learning from feedback, complaints and reviews", "narrative", [9],
     "How you learn from complaints, compliments, reviews and audits, in up to about 500 "
     "words."),
    (18, 4, "Co-production", "narrative", [9],
     "How people who use services and unpaid carers shape what you do, in up to about 500 "
     "words."),
]  # fmt: skip


def load_template(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    ReturnTemplate = apps.get_model("returns", "ReturnTemplate")
    TemplateItem = apps.get_model("returns", "TemplateItem")
    framework = Framework.objects.filter(code="cqc-la", version=1).first()
    if framework is None:
        return
    template = ReturnTemplate.objects.create(
        code="la-information-return",
        version=1,
        name="Local authority information return",
        framework=framework,
        effective_from=framework.effective_from,
        is_current=True,
        source_note=SOURCE_NOTE,
    )
    themes = {theme.number: theme for theme in framework.themes.all()}
    statements = {s.number: s for s in framework.quality_statements.all()}
    for number, theme, title, kind, statement_numbers, guidance in ITEMS:
        item = TemplateItem.objects.create(
            template=template,
            number=number,
            theme=themes[theme],
            title=title,
            kind=kind,
            guidance=guidance,
        )
        item.statements.set([statements[n] for n in statement_numbers])


def unload_template(apps, schema_editor):
    ReturnTemplate = apps.get_model("returns", "ReturnTemplate")
    ReturnTemplate.objects.filter(code="la-information-return", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("returns", "0001_initial"), ("assessments", "0002_framework_v1")]

    operations = [migrations.RunPython(load_template, unload_template)]
