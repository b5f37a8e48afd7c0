"""`helm lint --strict` and `helm template` over every values file (default, production example, ci/)."""
import pytest

from conftest import CHART, VALUES_FILES, kube_version, render_named, run_helm, values_args


@pytest.mark.parametrize("name", VALUES_FILES)
def test_helm_lint_strict(name):
    result = run_helm("lint", "--strict", str(CHART), "--namespace", "users-api",
                      "--kube-version", f"{kube_version()}.0", *values_args(*VALUES_FILES[name]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 chart(s) failed" in result.stdout


@pytest.mark.parametrize("name", VALUES_FILES)
def test_helm_template_renders(name):
    docs = render_named(name)
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "ConfigMap", "Pod"} <= kinds
    for doc in docs:
        assert doc["metadata"]["name"].startswith("users-api")
        assert doc["metadata"]["namespace"] == "users-api"
        assert doc["metadata"]["labels"]["app.kubernetes.io/instance"] == "users-api"


def test_notes_render_with_alb_instructions():
    result = run_helm("install", "users-api", str(CHART), "--dry-run=client", "--namespace", "users-api",
                      *values_args())
    assert result.returncode == 0, result.stderr
    assert "get ingress users-api" in result.stdout
    assert "helm test users-api -n users-api" in result.stdout
