"""Plans kept with a held certification's absent day written as null: the answers model (and
the contract) refuse an explicit null, so those plans could not be opened. The day is
dropped, as `storable_answers` now does when a plan is kept."""

from django.db import migrations


def drop_null_days(apps, schema_editor):
    SharedResult = apps.get_model("advisor", "SharedResult")
    for plan in SharedResult.objects.only("pk", "answers").iterator(chunk_size=500):
        held = plan.answers.get("held") or []
        if any(item.get("earned_on", "") is None for item in held):
            plan.answers["held"] = [
                {k: v for k, v in item.items() if not (k == "earned_on" and v is None)}
                for item in held
            ]
            plan.save(update_fields=["answers"])


class Migration(migrations.Migration):
    dependencies = [("advisor", "0007_replanned_to")]

    operations = [migrations.RunPython(drop_null_days, migrations.RunPython.noop)]
