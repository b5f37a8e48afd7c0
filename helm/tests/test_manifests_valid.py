"""Every rendered object validated, strictly, against the schema of the EKS Kubernetes version.

Built-in kinds: the OpenAPI-derived JSON schemas bundled in the kubernetes-validate package
(strict: unknown fields are errors). Custom resources (ExternalSecret, SecretStore): the
openAPIV3Schema of the External Secrets Operator CRDs (from the ESO Go module), made strict the
same way the API server's strict field validation would treat them. A kind with no schema fails.
"""
from __future__ import annotations

import copy
import functools
import pathlib
import re

import jsonschema
import kubernetes_validate
import pytest
import yaml

from conftest import VALUES_FILES, kube_version, render_named, required_env

CRD_GROUPS = {"external-secrets.io"}
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")


def _strict(schema):
    """Rejects unknown fields wherever the CRD declares its properties (as kubectl's strict mode)."""
    if isinstance(schema, dict):
        schema = {k: _strict(v) for k, v in schema.items()}
        if (schema.get("type") == "object" and "properties" in schema
                and "additionalProperties" not in schema
                and not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


@functools.lru_cache(maxsize=None)
def crd_schemas() -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> strict JSON schema, from every CRD file in ESO_CRD_DIR."""
    folder = pathlib.Path(required_env("ESO_CRD_DIR"))
    schemas = {}
    for path in sorted(folder.glob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if not version.get("served"):
                    continue
                schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
                schema = _strict(schema)
                # metadata is validated separately; the CRD only says "object".
                schema.setdefault("properties", {})["metadata"] = {"type": "object"}
                schemas[(f"{group}/{version['name']}", kind)] = schema
    if not schemas:
        raise RuntimeError(f"no CRD schemas found under {folder}")
    return schemas


def cases():
    for name in VALUES_FILES:
        for doc in render_named(name):
            yield pytest.param(doc, id=f"{name}:{doc['kind']}/{doc['metadata']['name']}")


@pytest.mark.parametrize("doc", list(cases()))
def test_object_matches_kubernetes_schema(doc):
    group = doc["apiVersion"].split("/")[0]
    if group in CRD_GROUPS:
        schema = crd_schemas().get((doc["apiVersion"], doc["kind"]))
        assert schema is not None, f"no CRD schema for {doc['apiVersion']} {doc['kind']}"
        assert DNS_SUBDOMAIN.match(doc["metadata"]["name"])
        errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=str)
        assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)
    else:
        try:
            kubernetes_validate.validate(doc, kube_version(), strict=True)
        except kubernetes_validate.ValidationError as e:
            pytest.fail(f"{'/'.join(map(str, e.absolute_path))}: {e.message}")


def test_kubernetes_schemas_cover_the_eks_version():
    """The schema set used is the one of the EKS version itself, not an older fallback."""
    doc = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}
    assert kubernetes_validate.validate(doc, kube_version(), strict=True) == kube_version()


def test_strict_validation_rejects_unknown_fields():
    """Guards the validator itself: a misspelt field must fail, for built-in kinds and CRDs."""
    deployment = copy.deepcopy(next(d for d in render_named("default") if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessprobe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, kube_version(), strict=True)
    external = copy.deepcopy(next(d for d in render_named("default") if d["kind"] == "ExternalSecret"))
    external["spec"]["refreshIntervall"] = "1h"
    schema = crd_schemas()[(external["apiVersion"], external["kind"])]
    assert list(jsonschema.Draft7Validator(schema).iter_errors(external))
