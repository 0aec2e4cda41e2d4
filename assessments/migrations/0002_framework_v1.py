"""The CQC local authority assessment framework, version 1, as data (DESIGN.md section 1).

Later framework versions arrive as new migrations that add a new Framework row; this one is
never edited, so assessments made under version 1 keep their history.
"""

import datetime

from django.db import migrations

THEMES = [
    (1, "Working with people"),
    (2, "Providing support"),
    (3, "Ensuring safety within the system"),
    (4, "Leadership"),
]

# (number, theme number, canonical name, aliases, We statement, I statements known for certain)
STATEMENTS = [
    (
        1,
        1,
        "Assessing needs",
        [],
        "We maximise the effectiveness of people's care and treatment by assessing and "
        "reviewing their health, care, wellbeing and communication needs with them.",
        [
            "I have care and support that is coordinated, and everyone works well together "
            "and with me.",
            "I have care and support that enables me to live as I want to, seeing me as a "
            "unique person with skills, strengths and goals.",
        ],
    ),
    (
        2,
        1,
        "Supporting people to live healthier lives",
        ["Supporting people to lead healthier lives"],
        "We support people to manage their health and wellbeing so they can maximise their "
        "independence, choice and control. We support them to live healthier lives and where "
        "possible, reduce future needs for care and support.",
        [
            "I can get information and advice about my health, care and support and how I can "
            "be as well as possible – physically, mentally and emotionally.",
            "I am supported to plan ahead for important changes in my life that I can anticipate.",
        ],
    ),
    (
        3,
        1,
        "Equity in experience and outcomes",
        ["Equity in experiences and outcomes"],
        "We actively seek out and listen to information about people who are most likely to "
        "experience inequality in experience or outcomes. We tailor the care, support and "
        "treatment in response to this.",
        [],
    ),
    (
        4,
        2,
        "Care provision, integration and continuity",
        [],
        "We understand the diverse health and care needs of people and our local communities, "
        "so care is joined-up, flexible and supports choice and continuity.",
        [
            "I have care and support that is co-ordinated, and everyone works well together "
            "and with me."
        ],
    ),
    (
        5,
        2,
        "Partnerships and communities",
        [],
        "We understand our duty to collaborate and work in partnership, so our services work "
        "seamlessly for people. We share information and learning with partners and "
        "collaborate for improvement.",
        [],
    ),
    (
        6,
        3,
        "Safe systems, pathways and transitions",
        ["Safe pathways, systems and transitions"],
        "We work with people and our partners to establish and maintain safe systems of care, "
        "in which safety is managed, monitored and assured. We ensure continuity of care, "
        "including when people move between different services.",
        [
            "When I move between services, settings or areas, there is a plan for what happens "
            "next and who will do what, and all the practical arrangements are in place."
        ],
    ),
    (
        7,
        3,
        "Safeguarding",
        [],
        "We work with people to understand what being safe means to them as well as with our "
        "partners on the best way to achieve this. We concentrate on improving people's lives "
        "while protecting their right to live in safety, free from bullying, harassment, abuse, "
        "discrimination, avoidable harm and neglect. We make sure we share concerns quickly "
        "and appropriately.",
        ["I feel safe and am supported to understand and manage any risks."],
    ),
    (
        8,
        4,
        "Governance, management and sustainability",
        [],
        "We have clear responsibilities, roles, systems of accountability and good governance. "
        "We use these to manage and deliver good quality, sustainable care, treatment and "
        "support. We act on the best information about risk, performance and outcomes, and we "
        "share this securely with others when appropriate.",
        [],
    ),
    (
        9,
        4,
        "Learning, improvement and innovation",
        [],
        "We focus on continuous learning, innovation and improvement across our organisation "
        "and the local system. We encourage creative ways of delivering equality of "
        "experience, outcome and quality of life for people. We actively contribute to safe, "
        "effective practice and research.",
        [],
    ),
]

# (code, name, order, used for councils). Observation is not used for councils; outcomes were
# not used in the first round.
CATEGORIES = [
    ("peoples-experience", "People's experience", 1, True),
    ("staff-leaders-feedback", "Feedback from staff and leaders", 2, True),
    ("partners-feedback", "Feedback from partners", 3, True),
    ("observation", "Observation", 4, False),
    ("processes", "Processes", 5, True),
    ("outcomes", "Outcomes", 6, False),
]
REQUIRED_CATEGORY = "peoples-experience"


def load_framework(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Theme = apps.get_model("assessments", "Theme")
    QualityStatement = apps.get_model("assessments", "QualityStatement")
    EvidenceCategory = apps.get_model("assessments", "EvidenceCategory")
    StatementCategory = apps.get_model("assessments", "StatementCategory")

    framework = Framework.objects.create(
        code="cqc-la",
        name="CQC local authority assessment framework",
        version=1,
        effective_from=datetime.date(2023, 4, 1),
        is_current=True,
    )
    themes = {
        number: Theme.objects.create(framework=framework, number=number, name=name)
        for number, name in THEMES
    }
    categories = {
        code: EvidenceCategory.objects.create(
            framework=framework, code=code, name=name, order=order, in_use=in_use
        )
        for code, name, order, in_use in CATEGORIES
    }
    for number, theme, name, aliases, we_statement, i_statements in STATEMENTS:
        statement = QualityStatement.objects.create(
            framework=framework,
            theme=themes[theme],
            number=number,
            name=name,
            aliases=aliases,
            we_statement=we_statement,
            i_statements=i_statements,
        )
        for code, category in categories.items():
            if category.in_use:
                StatementCategory.objects.create(
                    statement=statement, category=category, required=code == REQUIRED_CATEGORY
                )


def unload_framework(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    for model in ("StatementCategory", "QualityStatement", "EvidenceCategory", "Theme"):
        apps.get_model("assessments", model).objects.all().delete()
    Framework.objects.filter(code="cqc-la", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load_framework, unload_framework)]
