"""Saved plans stored compactly: each certification's facts once per distinct set (FactSheet),
the rest of the result gzip-compressed. A plan of the shipped catalogue went from about
240 KB of JSON to about 8 KB.

The split is written out here rather than imported, so this migration keeps doing what it did
whatever later becomes of advisor.models.
"""

import hashlib
import json

import django.db.models.deletion
from django.db import migrations, models

import advisor.fields

BATCH = 200


def _digest(data):
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))  # as certpath.digest
    return hashlib.sha256(text.encode()).hexdigest()


def split(apps, schema_editor):
    SharedResult = apps.get_model("advisor", "SharedResult")
    FactSheet = apps.get_model("advisor", "FactSheet")
    sheets = {}
    plans = SharedResult.objects.only("pk", "result").order_by("pk")
    changed = []
    for plan in plans.iterator(chunk_size=BATCH):
        result = plan.result
        recommendations = result.get("recommendations", [])
        facts = {rec["slug"]: rec["facts"] for rec in recommendations if "facts" in rec}
        if facts:
            rest = [{k: v for k, v in rec.items() if k != "facts"} for rec in recommendations]
            result = {**result, "recommendations": rest}
            digest = _digest(facts)
            if digest not in sheets:
                sheets[digest], _ = FactSheet.objects.get_or_create(
                    digest=digest, defaults={"facts": facts}
                )
            plan.fact_sheet = sheets[digest]
        plan.document = result
        changed.append(plan)
        if len(changed) == BATCH:
            SharedResult.objects.bulk_update(changed, ["document", "fact_sheet"])
            changed = []
    SharedResult.objects.bulk_update(changed, ["document", "fact_sheet"])


def join(apps, schema_editor):
    SharedResult = apps.get_model("advisor", "SharedResult")
    changed = []
    plans = SharedResult.objects.select_related("fact_sheet").order_by("pk")
    for plan in plans.iterator(chunk_size=BATCH):
        result = plan.document
        if plan.fact_sheet is not None:
            facts = plan.fact_sheet.facts
            result = {
                **result,
                "recommendations": [
                    {**rec, "facts": facts[rec["slug"]]} if rec["slug"] in facts else rec
                    for rec in result["recommendations"]
                ],
            }
        plan.result = result
        changed.append(plan)
        if len(changed) == BATCH:
            SharedResult.objects.bulk_update(changed, ["result"])
            changed = []
    SharedResult.objects.bulk_update(changed, ["result"])


class Migration(migrations.Migration):
    dependencies = [("advisor", "0003_share_fingerprint")]

    operations = [
        migrations.CreateModel(
            name="FactSheet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("facts", advisor.fields.CompressedJSONField()),
            ],
        ),
        migrations.AddField(
            model_name="sharedresult",
            name="fact_sheet",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="advisor.factsheet",
            ),
        ),
        migrations.AddField(
            model_name="sharedresult",
            name="document",
            field=advisor.fields.CompressedJSONField(null=True),
        ),
        migrations.AlterField(
            model_name="sharedresult", name="result", field=models.JSONField(null=True)
        ),
        migrations.RunPython(split, join, elidable=False),
        migrations.RemoveField(model_name="sharedresult", name="result"),
        migrations.AlterField(
            model_name="sharedresult",
            name="document",
            field=advisor.fields.CompressedJSONField(),
        ),
    ]
