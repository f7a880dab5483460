"""GitHub Actions, Dependabot and pre-commit: linted offline and held to the hardening policy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project import git

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s+)?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scripts.check_workflows", "--root", str(root)], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_make_check_lints_github_config_offline():
    assert "$(PY) -m scripts.check_workflows" in (ROOT / "Makefile").read_text(encoding="utf-8")
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.fixture
def github_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    shutil.copy(ROOT / ".pre-commit-config.yaml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(("old", "new", "complaint"), [
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7", "unpinned-uses"),
    ("          persist-credentials: false\n", "", "artipacked"),
    ("    timeout-minutes: 45\n", "    timeout-minutes: 45\n    runs-onn: ubuntu-24.04\n", "runs-onn"),
])
def test_lint_fails_on_a_weakened_workflow(github_copy, old, new, complaint):
    ci = github_copy / ".github" / "workflows" / "ci.yml"
    text = ci.read_text(encoding="utf-8")
    assert old in text
    ci.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = lint(github_copy)
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    seen: dict[str, set[str]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                match = PINNED.match(line)
                assert match, f"{path.name}: {line.strip()}"
                seen.setdefault(match["action"], set()).add(match["sha"])
    assert all(len(shas) == 1 for shas in seen.values()), seen  # one version of each action
    assert {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"} <= seen.keys()


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "links.yml"])
def test_workflow_hardening(name):
    data = workflow(name)
    assert data["permissions"] == {}
    for job_name, job in data["jobs"].items():
        assert isinstance(job["timeout-minutes"], int), job_name
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        expected = {"pages", "id-token"} if (name, job_name) == ("deploy.yml", "deploy") else set()
        assert writes == expected, (name, job_name)
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["fetch-depth"] == 0  # page dates come from git history


def test_every_checkout_fetches_the_whole_history():
    # Page dates come from git history, and a shallow clone stops the build (hooks/build_date.py).
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in steps(workflow(path.name)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("fetch-depth") == 0, path.name


@pytest.fixture
def shallow_ci_clone(tmp_path: Path) -> Path:
    """A shallow clone of a two-commit repository holding .ci/run, with `dpkg`
    (every package installed) and `make` (records whether the clone is
    still shallow when `make test` starts) stubbed on PATH."""
    source = tmp_path / "source"
    (source / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "run", source / ".ci" / "run")
    git(source, "init", "-q", "-b", "main")
    for day in (1, 2):
        (source / "README.md").write_text(f"{day}\n", encoding="utf-8")
        git(source, "add", "-A")
        git(source, "commit", "-q", "-m", f"Commit {day}", date=f"2024-01-0{day}T12:00:00+07:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    (stubs / "dpkg").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (stubs / "make").write_text('#!/bin/sh\necho "make $* shallow=$(git rev-parse --is-shallow-repository)"\n',
                                encoding="utf-8")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    return clone


def run_ci(clone: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{clone.parent / 'stubs'}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", str(clone / ".ci" / "run")], cwd=clone.parent, env=env,
                          capture_output=True, text=True, check=False)


def test_ci_script_unshallows_the_clone_before_make_test(shallow_ci_clone):
    result = run_ci(shallow_ci_clone)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "make test shallow=false"


def test_ci_script_goes_on_when_it_cannot_unshallow(shallow_ci_clone):
    git(shallow_ci_clone, "remote", "set-url", "origin", str(shallow_ci_clone.parent / "gone"))
    result = run_ci(shallow_ci_clone)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "make test shallow=true"  # the build then explains
    assert "git fetch --unshallow failed" in result.stderr


def test_ci_runs_the_readme_commands_and_uploads_the_site():
    data = workflow("ci.yml")
    assert set(data["on"]) == {"pull_request", "push"}
    runs = [step.get("run", "") for step in steps(data)]
    assert "make check" in runs and "bash .ci/run" in runs and "make site" in runs
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make check" in readme and "make test" in readme
    uploads = {step["with"]["path"] for step in steps(data)
               if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert {"site/", "site/tai-ve/"} <= uploads
    cache = next(step for step in steps(data) if step.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('requirements*.txt')" in cache["with"]["key"]
    assert "EDIT_URI" in data["jobs"]["check"]["env"]


def test_deploy_builds_with_make_site_and_deploys_with_pages_actions():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["cancel-in-progress"] is False
    build = data["jobs"]["build"]
    make_site = next(step for step in build["steps"] if step.get("run") == "make site")
    assert make_site["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert make_site["env"]["EDIT_URI"].endswith("/docs/")
    uses = [step.get("uses", "").split("@")[0] for step in steps(data)]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact") \
        < uses.index("actions/deploy-pages")
    assert data["jobs"]["deploy"]["needs"] == "build"
    assert not any("gh-deploy" in step.get("run", "") for step in steps(data))
    # No cache in a deployment: nothing another branch wrote may feed the published site.
    assert not any(step.get("with", {}).get("cache") for step in steps(data))


def test_links_weekly_and_by_hand():
    data = workflow("links.yml")
    assert "schedule" in data["on"] and "workflow_dispatch" in data["on"]
    assert "make links" in [step.get("run") for step in steps(data)]
    assert "links:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_dependabot_groups_pip_and_actions():
    data = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in data["updates"]}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert all(update["groups"] for update in ecosystems.values())


def test_pull_request_template_is_a_vietnamese_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 3 and "Kiểm tra" in text


def test_pre_commit_runs_the_same_checks_as_make_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^check:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    make_commands = {line.strip().replace("$(PY)", ".venv/bin/python") for line in recipe.splitlines()}
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    assert {hook["entry"] for hook in repo["hooks"]} == make_commands
    assert all(hook["language"] == "system" for hook in repo["hooks"])
