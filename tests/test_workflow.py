"""The publishing workflow builds with the reader's own `make` targets and deploys `_build/html`."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict, job: str) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict, job: str, action: str) -> list[dict]:
    return [step for step in steps(workflow, job) if step.get("uses", "").split("@")[0] == action]


def build_job(workflow: dict) -> str:
    """The job that uploads the site."""
    (name,) = [n for n in workflow["jobs"] if uses(workflow, n, "actions/upload-pages-artifact")]
    return name


def test_runs_on_every_push(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert "push" in triggers
    assert not (triggers["push"] or {}).get("branches"), "builds must run on every branch"


def test_builds_html_then_pdf_then_html_again(workflow):
    commands = runs(workflow, build_job(workflow))
    makes = [c for c in commands if c.startswith("make ")]
    assert makes == ["make book", "make pdf", "make book"], makes


def test_installs_only_tex_first_with_the_project_script(workflow):
    commands = runs(workflow, build_job(workflow))
    assert commands[0] == "sudo bash scripts/install-system-deps.sh tex"
    assert not any("install-system-deps.sh all" in c or "browser" in c for c in commands)
    assert (ROOT / "scripts" / "install-system-deps.sh").is_file()


def test_the_whole_suite_gates_the_build(workflow):
    build = workflow["jobs"][build_job(workflow)]
    needs = build.get("needs", [])
    gates = [needs] if isinstance(needs, str) else needs
    assert any(".ci/run" in runs(workflow, job) for job in gates), gates
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "CI=true" in ci and ci.rstrip().endswith("make test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, flags=re.M).group(1)
    pytest = re.search(r"-m pytest(.*)$", recipe, flags=re.M)
    assert "ruff check" in recipe and pytest, recipe
    assert not re.search(r"\s(-m|-k|--deselect|--ignore)\b", pytest.group(1)), recipe  # every test, none left out


def test_checks_out_full_history_for_the_data_date(workflow):
    (checkout,) = uses(workflow, build_job(workflow), "actions/checkout")
    assert checkout.get("with", {}).get("fetch-depth") == 0


def test_every_make_target_exists(workflow):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, flags=re.M))
    for job in workflow["jobs"]:
        for command in runs(workflow, job):
            for target in re.findall(r"\bmake ([\w-]+)", command):
                assert target in targets, f"workflow calls `make {target}`, which the Makefile lacks"


def test_uploads_the_html_build_as_the_pages_artifact(workflow):
    (upload,) = uses(workflow, build_job(workflow), "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_build/html"


def test_deploys_the_artifact_to_pages(workflow):
    build = build_job(workflow)
    deployers = [job for job in workflow["jobs"] if uses(workflow, job, "actions/deploy-pages")]
    assert deployers, "no job deploys to GitHub Pages"
    for job in deployers:
        spec = workflow["jobs"][job]
        needs = spec.get("needs", [])
        assert build in ([needs] if isinstance(needs, str) else needs)
        permissions = {**workflow.get("permissions", {}), **spec.get("permissions", {})}
        assert permissions.get("pages") == "write" and permissions.get("id-token") == "write"
        assert spec["environment"]["name"] == "github-pages"


def test_actions_are_pinned_to_a_version(workflow):
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*|[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step
