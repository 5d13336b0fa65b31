"""Study links: free places to learn each skill (data/resources.yaml), validated like the
catalogue, loaded all or nothing, editable in the admin, and linked from the pathway's steps."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.management.base import CommandError
from django.http import QueryDict

from advisor.forms import AnswersForm
from certifications.models import StudyResource
from certifications.study import resources_import
from certpath.catalogue_yaml import CatalogueFileError
from certpath.engine import recommend
from certpath.resources import MAX_PER_SKILL, StudyResources, read_resources
from tests.conftest import run_command
from tests.fixture_catalogue import BEHAVIOUR_TODAY, behaviour_catalogue


def entry(**changes) -> dict:
    return {
        "skill": "python",
        "title": "The Python Tutorial",
        "provider": "Python Software Foundation",
        "kind": "tutorial",
        "url": "https://docs.python.org/3/tutorial/",
        "evidence": "The tutorial's own page.",
        "checked_on": "2026-12-01",
        **changes,
    }


def write(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "resources.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "resources": list(entries)}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (entry(url="http://example.org/"), "resources[0].url: must be an https address"),
        (entry(skill="juggling"), "resources[0].skill"),
        (entry(kind="podcast"), "resources[0].kind"),
        (entry(title=""), "resources[0].title"),
        (entry(title="Tab\x07here"), "control character"),
    ],
)
def test_a_bad_entry_is_one_line_naming_file_line_and_field(tmp_path, bad, message):
    path = write(tmp_path, bad)
    with pytest.raises(CatalogueFileError) as refused:
        read_resources(path)
    (line,) = refused.value.problems
    assert line.startswith(f"{path}:") and message in line, line


def test_a_skill_listed_twice_or_too_often_is_refused(tmp_path):
    twice = write(tmp_path, entry(), entry(title="Again"))
    with pytest.raises(CatalogueFileError, match=r"resources.1: .* listed twice for python"):
        read_resources(twice)
    many = [entry(url=f"https://example.org/{i}") for i in range(MAX_PER_SKILL + 1)]
    with pytest.raises(CatalogueFileError, match=f"more than {MAX_PER_SKILL} resources"):
        read_resources(write(tmp_path, *many))


@pytest.mark.django_db
def test_loading_replaces_the_table_and_a_bad_file_changes_nothing(tmp_path):
    good = write(tmp_path, entry(), entry(skill="sql", url="https://sqlbolt.com/", title="SQLBolt"))
    assert "2 study resources loaded" in run_command("load_resources", str(good))
    before = list(StudyResource.objects.values_list("skill", "url", "position"))

    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nresources:\n  - skill: python\n    url: [\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was changed"):
        run_command("load_resources", str(bad))

    assert list(StudyResource.objects.values_list("skill", "url", "position")) == before
    assert before == [
        ("python", "https://docs.python.org/3/tutorial/", 0),
        ("sql", "https://sqlbolt.com/", 1),
    ]
    assert "already exactly this file" in run_command("load_resources", str(good))


@pytest.mark.django_db
def test_loading_does_not_undo_newer_admin_edits_unless_forced(tmp_path, django_user_model):
    path = write(tmp_path, entry())
    run_command("load_resources", str(path))
    old = dt.datetime.now(dt.UTC).timestamp() - 3600
    os.utime(path, (old, old))
    resource = StudyResource.objects.get()
    resource.title = "Edited in the admin"
    resource.save()
    editor = django_user_model.objects.create_user("editor")
    LogEntry.objects.log_actions(editor.pk, [resource], CHANGE, "title", single_object=True)

    kept = run_command("load_resources", str(path), "--keep-edits")
    assert "The database was left as it is" in kept
    with pytest.raises(CommandError, match="edited by editor"):
        run_command("load_resources", str(path))
    assert StudyResource.objects.get().title == "Edited in the admin"

    run_command("load_resources", str(path), "--force")
    assert StudyResource.objects.get().title == "The Python Tutorial"


@pytest.mark.django_db
def test_the_admin_refuses_an_address_the_file_would_refuse(staff_client):
    data = {k: v for k, v in entry(url="http://docs.python.org/3/tutorial/").items()}
    data["position"] = "0"
    response = staff_client.post("/admin/certifications/studyresource/add/", data)

    assert response.status_code == 200  # the form again, with the error beside the field
    assert response.context["adminform"].form.errors["url"] == ["must be an https address"]
    assert not StudyResource.objects.exists()

    data["url"] = "https://docs.python.org/3/tutorial/"
    saved = staff_client.post("/admin/certifications/studyresource/add/", data)
    assert saved.status_code == 302 and StudyResource.objects.count() == 1


def test_foundation_steps_link_their_skill_and_exam_steps_the_exam_page():
    study = {"python": [{"title": "The Python Tutorial", "url": "https://docs.python.org/3/"}]}
    form = AnswersForm.from_query(QueryDict("skills.python=0&environment=aws"))
    assert form.is_valid()
    answers = form.answers
    result = recommend(answers, behaviour_catalogue(), today=BEHAVIOUR_TODAY, study=study)

    steps = {step["title"]: step for step in result["pathway"]}
    python = next(s for title, s in steps.items() if title.startswith("Python: reach level"))
    assert python["links"] == study["python"]
    others = [s for s in result["pathway"] if s["kind"] == "foundation" and s is not python]
    assert others and all("links" not in s for s in others)  # nothing listed: no links
    exam = next(s for s in result["pathway"] if s["kind"] == "certification")
    cert = behaviour_catalogue().by_slug()[exam["slug"]]  # every fixture exam has a page
    page = {"title": f"{cert.name}: the official exam page and guide", "url": cert.official_url}
    assert exam["links"] == [{**page, "url": str(page["url"])}]


@pytest.mark.django_db
def test_the_results_page_lists_the_links_of_a_foundation_step(client, loaded_catalogue):
    resources_import(StudyResources.model_validate({"version": 1, "resources": [entry()]}))
    html = client.get("/results/?skills.python=0&environment=aws").content.decode()

    pathway = html.split('id="pathway-heading"')[1].split("</section>")[0]
    step = pathway.split('aria-label="Where to study: Python: reach level')[1].split("</ul>")[0]
    assert (
        '<a href="https://docs.python.org/3/tutorial/" rel="noopener">'
        "The Python Tutorial · Python Software Foundation</a>"
    ) in step


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("resources:\n" + "- " * 25_000 + "x\n", "nested more than 100 levels deep"),
        ("resources:\n" + "? \n" * 300_000, "more than 200,000 values"),
        ("version: 1\nresources:\n  ? [a, b]\n  : 1\n", "a key must be plain text"),
    ],
    ids=["block_nesting", "question_keys", "complex_key"],
)
def test_a_hostile_resources_file_is_one_line_not_a_crash(tmp_path, text, message):
    """The same defences as the catalogue file: these crashed the process or gave a
    traceback."""
    path = tmp_path / "resources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueFileError) as refused:
        read_resources(path)
    (line,) = refused.value.problems
    assert line.startswith(f"{path}:") and message in line, line
