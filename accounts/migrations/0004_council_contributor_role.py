"""Create the group of the council contributor role (council staff preparing the return)."""

from django.db import migrations

GROUP = "Council contributors"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_remove_loginfailure_lockout_by_axes")]

    operations = [migrations.RunPython(create_group, remove_group)]
