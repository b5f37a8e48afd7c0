"""release.yml deploys the chart as the chart tests render it: values-production.yaml, then
Terraform's helm_values, then the environment's host and certificate; every setting it needs is
checked before anything runs."""
import pathlib
import re

import yaml

from conftest import CHART

RELEASE = CHART.parent.parent / ".github" / "workflows" / "release.yml"
OPTIONAL_VARS = {"COMPANY_NAME"}


def _steps():
    workflow = yaml.safe_load(RELEASE.read_text())
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _step(name_fragment):
    return next(s for s in _steps() if name_fragment in s.get("name", ""))


def test_the_release_deploys_the_committed_production_values():
    script = _step("helm upgrade").get("run", "")
    production = script.index("-f helm/users-api/values-production.yaml")
    assert production < script.index('-f "$values"'), "helm_values (infrastructure) must come after the policy file"
    assert '--set-string ingress.host="$INGRESS_HOST"' in script
    assert '--set-string ingress.certificateArn="$INGRESS_CERTIFICATE_ARN"' in script
    assert "url=https://" in script and "http://" not in script


def test_the_release_mounts_the_regions_rds_ca_bundle():
    """The chart's verify-full needs Amazon's RDS CA bundle: fetched over HTTPS for the region,
    checked to be certificates, and passed to the chart before the upgrade runs."""
    steps = [s.get("name", "") for s in _steps()]
    fetch = _step("RDS CA bundle")
    assert steps.index(fetch["name"]) < steps.index(_step("helm upgrade")["name"])
    script = fetch["run"]
    assert "https://truststore.pki.rds.amazonaws.com/${AWS_REGION}/${AWS_REGION}-bundle.pem" in script
    assert "--proto '=https'" in script and "--fail" in script
    assert "openssl" in script and "exit 1" in script
    deploy = _step("helm upgrade")
    assert deploy["env"]["RDS_CA_BUNDLE"] == "${{ steps.%s.outputs.path }}" % fetch["id"]
    assert '--set-file database.caBundle="$RDS_CA_BUNDLE"' in deploy["run"]


def test_every_variable_the_release_reads_is_checked_first():
    check = _step("Check the environment's settings")["run"]
    checked = set(re.search(r"for v in ([^;]*);", check.replace("\\\n", " ")).group(1).split())
    if '[[ -z "$DEPLOY_RUNNER" ]]' in _step("A runner that can reach")["run"]:
        checked.add("DEPLOY_RUNNER")  # checked by preflight, before CI
    used = set(re.findall(r"vars\.([A-Z_]+)", RELEASE.read_text()))
    assert used - OPTIONAL_VARS <= checked, f"unchecked: {sorted(used - OPTIONAL_VARS - checked)}"


def _jobs():
    return yaml.safe_load(RELEASE.read_text())["jobs"]


def test_the_release_waits_for_ci_on_a_commit_of_main():
    jobs = _jobs()
    assert jobs["ci"]["uses"] == "./.github/workflows/ci.yml"
    ci_triggers = yaml.safe_load((RELEASE.parent / "ci.yml").read_text())[True]  # YAML 1.1 reads `on` as True
    assert "workflow_call" in ci_triggers
    assert set(jobs["release"]["needs"]) == {"preflight", "ci"}
    assert jobs["ci"]["needs"] == "preflight"
    preflight = "\n".join(step.get("run", "") for step in jobs["preflight"]["steps"])
    assert 'git merge-base --is-ancestor "$GITHUB_SHA" refs/remotes/origin/main' in preflight
    assert "concurrency" not in yaml.safe_load(RELEASE.read_text()), "job-level: CI runs are not queued"
    assert jobs["release"]["concurrency"] == {"group": "release-production", "cancel-in-progress": False}


def test_the_deploy_job_runs_only_where_the_cluster_is_reachable():
    """No silent fallback to a GitHub-hosted runner, whose address the EKS API refuses."""
    jobs = _jobs()
    assert jobs["release"]["runs-on"] == "${{ vars.DEPLOY_RUNNER }}"
    build = next(s for s in jobs["release"]["steps"] if s.get("id") == "build")
    assert build["with"]["platforms"] == "linux/amd64"


def test_a_rerun_deploys_the_image_it_pushed_before():
    """ECR tags are immutable and builds are not reproducible: a re-run must not build again."""
    steps = {s.get("id"): s for s in _jobs()["release"]["steps"]}
    assert "ImageNotFoundException" in steps["existing"]["run"]
    assert "org.opencontainers.image.revision" in steps["existing"]["run"], "only an image of this commit is reused"
    assert steps["build"]["if"] == "${{ steps.existing.outputs.digest == '' }}"
    assert steps["deploy"]["env"]["DIGEST"] == "${{ steps.existing.outputs.digest || steps.build.outputs.digest }}"


def test_a_failed_smoke_test_rolls_the_release_back():
    script = _step("helm upgrade")["run"]
    assert "--rollback-on-failure" in script, "Helm 4's name for --atomic: a failed rollout is undone"
    assert re.search(r"if ! helm test users-api .*; then", script)
    assert "helm rollback users-api --namespace users-api --wait" in script
