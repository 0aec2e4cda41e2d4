"""Reference data: the improved Better Care Fund of 2017 and its three conditions, worded as
the cited sources word them (searched 1 December 2026; see the methods page)."""

from django.db import migrations

HSJ = (
    "HSJ, 'Conditions attached to £2bn social care cash revealed' (reporting the 2017-19 "
    "Integration and Better Care Fund Policy Framework): "
    "https://www.hsj.co.uk/sectors/social-care/conditions-attached-to-2bn-social-care-cash-revealed/7017026.article"
)
MHCLG = (
    "MHCLG, Improved Better Care Fund (iBCF): Quarterly and year-end reporting 2018-19 "
    "(management information release, 4 October 2019), as mirrored at "
    "https://pdfslide.us/documents/management-improved-better-care-fund-ibcf-quarterly-and-19-data-collection.html"
)
BROMLEY = (
    "London Borough of Bromley, Executive minutes, item 'Improved Better Care Fund' (report "
    "CS18065): https://cds.bromley.gov.uk/mgAi.aspx?ID=48075"
)

CONDITIONS = [
    (
        1,
        "Meeting adult social care needs",
        "Meeting adult social care needs",
        f"{MHCLG}; {BROMLEY}",
        "Both sources name this purpose; the text of the 2017-18 grant determination itself "
        "was not found by our search.",
    ),
    (
        2,
        "Reducing pressures on the NHS",
        "Reducing pressures on the NHS, including supporting more people to be discharged "
        "from hospital when they are ready",
        HSJ,
        "Worded as HSJ reports the 2017-19 policy framework; the grant determination's own "
        "text was not found by our search.",
    ),
    (
        3,
        "Supporting the local provider market",
        "Ensuring that the local social care provider market is supported",
        HSJ,
        "Worded as HSJ reports the 2017-19 policy framework; the grant determination's own "
        "text was not found by our search.",
    ),
]


def seed(apps, schema_editor):
    Grant = apps.get_model("grants", "Grant")
    GrantCondition = apps.get_model("grants", "GrantCondition")
    grant, _ = Grant.objects.get_or_create(
        code="ibcf-2017",
        defaults={
            "name": "Improved Better Care Fund (2017)",
            "description": (
                "The additional £2 billion for adult social care announced at the Spring Budget "
                "2017, paid to councils through the improved Better Care Fund grant from "
                "2017-18 and pooled in the local Better Care Fund."
            ),
            "source": (
                "NHS England, Better Care Fund: grants and funding: "
                "https://www.england.nhs.uk/ourwork/part-rel/transformation-fund/better-care-fund/grants-and-funding/; "
                "BASW, Integration and Better Care Fund planning requirements for 2017-19: "
                "https://www.basw.co.uk/resources/integration-and-better-care-fund-planning-requirements-2017-19"
            ),
        },
    )
    for number, short_name, wording, source, note in CONDITIONS:
        GrantCondition.objects.get_or_create(
            grant=grant,
            number=number,
            defaults={
                "short_name": short_name,
                "wording": wording,
                "source": source,
                "verification_note": note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
